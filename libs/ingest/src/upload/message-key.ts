import type {
  BankEvent,
  CaseEvent,
  EnterpriseEvent,
  Envelope,
  FeedTopic,
  Party,
  RealEstateEvent,
  TaxRecord,
  VehicleEvent,
} from '@zhijian/contracts';

/**
 * The Kafka message key of spec §1's table, from a decoded (normalized) envelope, so that a
 * sloppily written identifier lands on the same partition as the rest of its entity:
 * court events by case number, tax by taxpayer id, bank by holder id (a transfer's holder is
 * the payer, whose account it leaves), real estate by unit number, vehicles by VIN, enterprise
 * by company USCC, petitions by eventId. A party without an identifier (a person known only by
 * name) is keyed by the eventId: names are not keys.
 */
export function messageKeyOf(topic: FeedTopic, envelope: Envelope): string {
  const p = envelope.payload;
  switch (topic) {
    case 'court.case-events':
      return (p as unknown as CaseEvent).caseNo;
    case 'registry.tax':
      return partyId((p as unknown as TaxRecord).taxpayer) ?? envelope.eventId;
    case 'registry.bank': {
      const e = p as unknown as BankEvent;
      return partyId(e.type === 'transfer' ? e.from : e.holder) ?? envelope.eventId;
    }
    case 'registry.realestate':
      return (p as unknown as RealEstateEvent).unitNo;
    case 'registry.vehicle':
      return (p as unknown as VehicleEvent).vin;
    case 'registry.enterprise':
      return partyId((p as unknown as EnterpriseEvent).company) ?? envelope.eventId;
    case 'procuratorate.petitions':
      return envelope.eventId;
  }
}

function partyId(party: Party | undefined): string | undefined {
  return party?.idNo ?? party?.uscc;
}
