import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CaseEvent, Envelope, FeedTopic, Party, RealEstateEvent } from '@zhijian/contracts';
import { parseCaseNumber } from '@zhijian/normalize';
import {
  IngestRepository,
  type AssetControlRow,
  type CaseClosedRow,
  type CaseFiledRow,
  type CasePartyRow,
  type CaseRestoredRow,
  type QuarantineRow,
  type RawEventRow,
  type RealEstateEventRow,
  type SubjectRow,
} from '@zhijian/persistence';
import { EnvelopeDecoder } from './envelope-decoder';
import { computeHoldings } from './holdings';
import { DlqPublisher } from './dlq.publisher';

export interface InboundMessage {
  topic: FeedTopic;
  physicalTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface PartitionPosition {
  physicalTopic: string;
  partition: number;
  /** Whether this batch reads the partition to its end. */
  caughtUp: boolean;
}

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/**
 * The ingest step: validate and normalize a batch, then, in one transaction, append the
 * new envelopes to the raw log, project them into canonical tables, queue the touched
 * cases for screening and record the partition's progress for the business clock. A redelivered batch finds its
 * envelopes already stored and changes nothing.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly ingest = new IngestRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly decoder: EnvelopeDecoder,
    private readonly dlq: DlqPublisher,
  ) {}

  async ingestBatch(messages: InboundMessage[], position: PartitionPosition): Promise<BatchOutcome> {
    const accepted: { envelope: Envelope; message: InboundMessage }[] = [];
    const quarantined: QuarantineRow[] = [];
    const seen = new Set<string>();
    let batchDuplicates = 0;
    for (const message of messages) {
      const decoded = this.decoder.decode(message.value ?? Buffer.alloc(0), message.topic);
      if (!decoded.ok) {
        quarantined.push({
          topic: message.physicalTopic,
          partition: message.partition,
          offset: message.offset,
          key: message.key,
          headers: message.headers,
          raw: message.value ?? Buffer.alloc(0),
          reason: decoded.rejection.reason,
          violations: decoded.rejection.violations,
        });
        continue;
      }
      const idKey = `${decoded.envelope.source}\u0000${decoded.envelope.eventId}`;
      if (seen.has(idKey)) {
        batchDuplicates++;
        continue;
      }
      seen.add(idKey);
      accepted.push({ envelope: decoded.envelope, message });
    }

    const maxOccurredAt = accepted.reduce<Date | null>((max, a) => {
      const t = new Date(a.envelope.occurredAt);
      return !max || t > max ? t : max;
    }, null);

    const { inserted, quarantineIds } = await this.dataSource.transaction(async (m) => {
      const quarantineIds = await this.ingest.insertQuarantine(m, quarantined);
      const rows: RawEventRow[] = accepted.map(({ envelope, message }) => ({
        source: envelope.source,
        eventId: envelope.eventId,
        schemaId: envelope.schema,
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        occurredAt: envelope.occurredAt,
        envelope: rawEnvelopeOf(message),
        payload: envelope.payload,
      }));
      const stored = await this.ingest.insertRawEvents(m, rows);
      const idOf = new Map(stored.map((s) => [`${s.source}\u0000${s.eventId}`, s.id]));
      const fresh = accepted
        .filter((a) => idOf.has(`${a.envelope.source}\u0000${a.envelope.eventId}`))
        .map((a) => ({
          envelope: a.envelope,
          rawEventId: idOf.get(`${a.envelope.source}\u0000${a.envelope.eventId}`)!,
        }));
      await this.project(m, fresh);
      await this.ingest.recordPartitionProgress(
        m,
        position.physicalTopic,
        position.partition,
        maxOccurredAt,
        position.caughtUp,
      );
      return { inserted: fresh.length, quarantineIds };
    });

    if (quarantineIds.length) {
      // The quarantine table is the record; the DLQ topic is a copy for operators' tools.
      await this.dlq.publish(quarantineIds).catch((e: unknown) => {
        this.logger.warn(`DLQ publish deferred: ${(e as Error).message}`);
      });
    }
    return {
      accepted: inserted,
      duplicates: accepted.length - inserted + batchDuplicates,
      rejected: quarantined.length,
    };
  }

  private async project(
    m: EntityManager,
    fresh: { envelope: Envelope; rawEventId: string }[],
  ): Promise<void> {
    const subjects: SubjectRow[] = [];
    const filed: (CaseFiledRow & { parties: { role: CasePartyRow['role']; key: string; name: string }[] })[] =
      [];
    const closed: CaseClosedRow[] = [];
    const restored: CaseRestoredRow[] = [];
    const controls: (AssetControlRow & { ownerKey: string })[] = [];
    const controlChanges: Parameters<IngestRepository['applyControlChanges']>[1] = [];
    const realEstate: (Omit<RealEstateEventRow, 'owners'> & { owners: { key: string; share: number }[] })[] =
      [];
    const touchedCases: string[] = [];

    for (const { envelope, rawEventId } of fresh) {
      const occurredAt = envelope.occurredAt;
      if (envelope.schema.startsWith('court.case-event/')) {
        const event = envelope.payload as unknown as CaseEvent;
        const court = courtOf(event.caseNo);
        touchedCases.push(event.caseNo);
        switch (event.type) {
          case 'case.filed': {
            const e = event;
            const parties = [
              ...e.applicants.map((p) => ({ role: 'applicant' as const, p })),
              ...e.respondents.map((p) => ({ role: 'respondent' as const, p })),
            ].map(({ role, p }) => {
              const s = subjectOf(p, e.caseNo);
              subjects.push(s);
              return { role, key: s.identityKey, name: p.name };
            });
            filed.push({
              ...court,
              filedOn: e.filedOn,
              claimFen: e.claimAmount,
              origin: e.origin,
              category: e.category,
              rawEventId,
              occurredAt,
              parties,
            });
            break;
          }
          case 'case.closed': {
            const e = event;
            closed.push({
              ...court,
              closedOn: e.closedOn,
              method: e.method,
              recoveredFen: e.recoveredAmount,
              applicantNotifiedOn: e.applicantNotifiedOn ?? null,
              rawEventId,
              occurredAt,
            });
            break;
          }
          case 'case.restored': {
            const e = event;
            restored.push({
              ...court,
              previousCaseNo: e.previousCaseNo,
              restoredOn: e.restoredOn,
              rawEventId,
            });
            touchedCases.push(e.previousCaseNo);
            break;
          }
          case 'asset.controlled': {
            const e = event;
            const owner = subjectOf(e.owner, e.caseNo);
            subjects.push(owner);
            controls.push({
              caseNo: e.caseNo,
              controlId: e.controlId,
              measure: e.measure,
              assetKind: e.assetRef.kind,
              assetId: e.assetRef.id,
              ownerSubjectId: null,
              ownerKey: owner.identityKey,
              valueFen: e.value,
              controlledOn: e.controlledOn,
              expiresOn: e.expiresOn,
              rawEventId,
            });
            break;
          }
          case 'asset.renewed':
            controlChanges.push({
              caseNo: event.caseNo,
              controlId: event.controlId,
              renewedOn: event.renewedOn,
              expiresOn: event.expiresOn,
              releasedOn: null,
            });
            break;
          case 'asset.released':
            controlChanges.push({
              caseNo: event.caseNo,
              controlId: event.controlId,
              renewedOn: null,
              expiresOn: null,
              releasedOn: event.releasedOn,
            });
            break;
          case 'notice.served':
          case 'restriction.lifted':
          case 'inquiry.performed':
          case 'clue.received':
          case 'clue.verified':
          case 'asset.valued':
          case 'auction.held':
          case 'asset.offset':
          case 'funds.received':
          case 'funds.disbursed':
          case 'objection.filed':
          case 'objection.decided':
          case 'extension.approved':
            // Kept in the raw log; projected by the models that come to need them.
            break;
        }
      } else if (envelope.schema.startsWith('registry.realestate/')) {
        const e = envelope.payload as unknown as RealEstateEvent;
        const owners = e.owners.map((o) => {
          const s = subjectOf(o.party, `unit:${e.unitNo}`);
          subjects.push(s);
          return { key: s.identityKey, share: o.share };
        });
        realEstate.push({
          rawEventId,
          unitNo: e.unitNo,
          event: e.event,
          registeredOn: e.registeredOn,
          occurredAt,
          adminCode: e.location.adminCode,
          owners,
        });
      }
    }

    const subjectIds = await this.ingest.upsertSubjects(m, subjects);
    const idOf = (key: string) => subjectIds.get(key)!;

    // Filing facts for the same case in one batch: the newest by business time wins.
    await this.ingest.projectCaseFiled(m, newestPerCase(filed));
    await this.ingest.insertCaseParties(
      m,
      filed.flatMap((f) =>
        f.parties.map((p) => ({ caseNo: f.caseNo, role: p.role, subjectId: idOf(p.key), name: p.name })),
      ),
    );
    await this.ingest.projectCaseClosed(m, newestPerCase(closed));
    await this.ingest.projectCaseRestored(m, lastPerCase(restored));
    await this.ingest.upsertAssetControls(
      m,
      [...new Map(controls.map((c) => [`${c.caseNo}|${c.controlId}`, c])).values()].map(
        ({ ownerKey, ...c }) => ({
          ...c,
          ownerSubjectId: idOf(ownerKey),
        }),
      ),
    );
    for (const change of controlChanges) await this.ingest.applyControlChanges(m, [change]);

    if (realEstate.length) {
      await this.ingest.insertRealEstateEvents(
        m,
        realEstate.map((r) => ({
          ...r,
          owners: r.owners.map((o) => ({ subjectId: idOf(o.key), share: o.share })),
        })),
      );
      const units = [...new Set(realEstate.map((r) => r.unitNo))];
      const holdings = computeHoldings(await this.ingest.loadRealEstateEvents(m, units));
      const holders = await this.ingest.replaceHoldings(m, units, holdings);
      touchedCases.push(...(await this.ingest.casesWithRespondents(m, holders)));
    }
    await this.ingest.enqueueScreening(m, touchedCases);
  }
}

/** The envelope exactly as the producer sent it (the raw log keeps the original, not the normalized form). */
function rawEnvelopeOf(message: InboundMessage): unknown {
  return JSON.parse(message.value!.toString('utf8')) as unknown;
}

function courtOf(
  caseNo: string,
): Pick<CaseFiledRow, 'caseNo' | 'courtCode' | 'courtLevel' | 'year' | 'typeCode'> {
  const parsed = parseCaseNumber(caseNo);
  // Case numbers were validated by the decoder; this only re-derives their parts.
  if (!parsed.ok) throw new Error(`case number not canonical after normalization: ${parsed.error.message}`);
  const n = parsed.value;
  return {
    caseNo: n.canonical,
    courtCode: n.courtCode,
    courtLevel: n.courtLevel,
    year: n.year,
    typeCode: n.typeCode,
  };
}

/**
 * A party's subject: exact on the normalized identifier; a party without one stays its
 * own subject within its context (a case, a unit) until linking can explain a merge.
 */
function subjectOf(p: Party, context: string): SubjectRow {
  const identityKey = p.idNo
    ? `id:${p.idNo}`
    : p.uscc
      ? `uscc:${p.uscc}`
      : `name:${p.kind}:${p.name}@${context}`;
  return { identityKey, kind: p.kind, idNo: p.idNo ?? null, uscc: p.uscc ?? null, name: p.name };
}

function newestPerCase<T extends { caseNo: string; occurredAt: string }>(rows: T[]): T[] {
  const byCase = new Map<string, T>();
  for (const r of rows) {
    const prev = byCase.get(r.caseNo);
    if (!prev || prev.occurredAt <= r.occurredAt) byCase.set(r.caseNo, r);
  }
  return [...byCase.values()];
}

function lastPerCase<T extends { caseNo: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.caseNo, r])).values()];
}
