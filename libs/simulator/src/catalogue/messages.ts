import { topicOfSchema, type FeedTopic } from '@zhijian/contracts';
import { canonicalIdentifier, parseCaseNumber } from '@zhijian/domain';
import type { WireEnvelope, WireParty } from '../envelopes';

export interface FeedMessage {
  topic: FeedTopic;
  key: string;
  value: string;
}

const partyKey = (p: unknown): string | undefined => {
  const party = p as WireParty | undefined;
  const id = party?.idNo ?? party?.uscc;
  return id ? canonicalIdentifier(id) : undefined;
};

/**
 * Kafka messages per the spec's topic and key table, for envelopes of every feed. Keys are
 * canonical (a sloppily written case number or ID lands on the same partition as the rest of
 * its entity): court events by case number, tax by taxpayer id, bank by holder (a transfer by
 * its payer), real estate by unit, vehicles by VIN, enterprise by company, petitions by eventId.
 */
export function toFeedMessages(events: readonly WireEnvelope[]): FeedMessage[] {
  return events.map((e) => {
    const topic = topicOfSchema(e.schema);
    if (!topic) throw new Error(`no topic carries schema ${e.schema}`);
    const p = e.payload;
    let key: string | undefined;
    switch (topic) {
      case 'court.case-events': {
        const parsed = parseCaseNumber(String(p['caseNo']));
        key = parsed.ok ? parsed.value.canonical : String(p['caseNo']);
        break;
      }
      case 'registry.tax':
        key = partyKey(p['taxpayer']);
        break;
      case 'registry.bank':
        key = partyKey(p['type'] === 'transfer' ? p['from'] : p['holder']);
        break;
      case 'registry.realestate':
        key = canonicalIdentifier(String(p['unitNo']));
        break;
      case 'registry.vehicle':
        key = canonicalIdentifier(String(p['vin']));
        break;
      case 'registry.enterprise':
        key = partyKey(p['company']);
        break;
      case 'procuratorate.petitions':
        key = e.eventId;
        break;
    }
    return { topic, key: key ?? e.eventId, value: JSON.stringify(e) };
  });
}
