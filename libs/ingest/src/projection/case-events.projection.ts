import type { EntityManager } from 'typeorm';
import type { CaseEvent, Envelope, Party } from '@zhijian/contracts';
import { parseCaseNumber } from '@zhijian/domain';
import type {
  AssetControlRow,
  CaseEventRow,
  CaseClosedRow,
  CaseFiledRow,
  CasePartyRow,
  CaseRestoredRow,
  IngestRepository,
} from '../repositories/ingest.repository';
import { lockControlledAssets } from '../repositories/asset-cases';
import type { BatchSubjects, FeedProjection, SubjectIds, Touched } from './projection';

type ControlChange = Parameters<IngestRepository['applyControlChanges']>[1][number];

/** court.case-event: filing (with parties), closing, restoration and asset controls; the rest stays in the raw log. */
export class CaseEventProjection implements FeedProjection {
  private readonly filed: (CaseFiledRow & {
    parties: { role: CasePartyRow['role']; key: string; name: string }[];
  })[] = [];
  private readonly closed: CaseClosedRow[] = [];
  private readonly restored: CaseRestoredRow[] = [];
  private readonly controls: (AssetControlRow & { ownerKey: string })[] = [];
  private readonly controlChanges: ControlChange[] = [];
  private readonly timeline: (CaseEventRow & { partyKey: string | null })[] = [];
  private readonly touchedCases: string[] = [];

  constructor(
    private readonly subjects: BatchSubjects,
    private readonly ingest: IngestRepository,
  ) {}

  add(envelope: Envelope, rawEventId: string): void {
    const occurredAt = envelope.occurredAt;
    const event = envelope.payload as unknown as CaseEvent;
    const court = courtOf(event.caseNo);
    this.touchedCases.push(event.caseNo);
    const party = partyOf(event);
    this.timeline.push({
      rawEventId,
      caseNo: event.caseNo,
      type: event.type,
      onDate: businessDateOf(event),
      partySubjectId: null,
      partyKey: party ? this.subjects.add(party, event.caseNo) : null,
    });
    switch (event.type) {
      case 'case.filed': {
        const e = event;
        const parties = [
          ...e.applicants.map((p) => ({ role: 'applicant' as const, p })),
          ...e.respondents.map((p) => ({ role: 'respondent' as const, p })),
        ].map(({ role, p }) => ({ role, key: this.subjects.add(p, e.caseNo), name: p.name }));
        this.filed.push({
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
        this.closed.push({
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
        this.restored.push({
          ...court,
          previousCaseNo: e.previousCaseNo,
          restoredOn: e.restoredOn,
          rawEventId,
        });
        this.touchedCases.push(e.previousCaseNo);
        break;
      }
      case 'asset.controlled': {
        const e = event;
        this.controls.push({
          caseNo: e.caseNo,
          controlId: e.controlId,
          measure: e.measure,
          assetKind: e.assetRef.kind,
          assetId: e.assetRef.id,
          ownerSubjectId: null,
          ownerKey: this.subjects.add(e.owner, e.caseNo),
          valueFen: e.value,
          controlledOn: e.controlledOn,
          expiresOn: e.expiresOn,
          rawEventId,
        });
        break;
      }
      case 'asset.renewed':
        this.controlChanges.push({
          caseNo: event.caseNo,
          controlId: event.controlId,
          renewedOn: event.renewedOn,
          expiresOn: event.expiresOn,
          releasedOn: null,
        });
        break;
      case 'asset.released':
        this.controlChanges.push({
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
        // In the case timeline only (case_events); the payload stays in the raw log.
        break;
    }
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    await this.ingest.insertCaseEvents(
      m,
      this.timeline.map(({ partyKey, ...row }) => ({
        ...row,
        partySubjectId: partyKey === null ? null : ids(partyKey),
      })),
    );
    // Filing facts for the same case in one batch: the newest by business time wins.
    await this.ingest.projectCaseFiled(m, newestPerCase(this.filed));
    await this.ingest.insertCaseParties(
      m,
      this.filed.flatMap((f) =>
        f.parties.map((p) => ({ caseNo: f.caseNo, role: p.role, subjectId: ids(p.key), name: p.name })),
      ),
    );
    await this.ingest.projectCaseClosed(m, newestPerCase(this.closed));
    await this.ingest.projectCaseRestored(m, lastPerCase(this.restored));
    await lockControlledAssets(m, this.controls);
    await this.ingest.upsertAssetControls(
      m,
      [...new Map(this.controls.map((c) => [`${c.caseNo}|${c.controlId}`, c])).values()].map(
        ({ ownerKey, ...c }) => ({ ...c, ownerSubjectId: ids(ownerKey) }),
      ),
    );
    // Every renewal and release of the batch in one statement, folded per control as applying them
    // one by one would leave it: the latest renewal and expiry, the first release.
    await this.ingest.applyControlChanges(m, foldControlChanges(this.controlChanges));
    return { cases: this.touchedCases, subjects: [] };
  }
}

/**
 * One change per control with the effect of the batch's changes in order: renewed_on and expires_on
 * are the greatest given (PostgreSQL's `greatest` ignores nulls), released_on the first given.
 * Sorted by control, so that concurrent batches lock controls in one order.
 */
export function foldControlChanges(changes: readonly ControlChange[]): ControlChange[] {
  const max = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
  const byControl = new Map<string, ControlChange>();
  for (const c of changes) {
    const key = `${c.caseNo}\u0000${c.controlId}`;
    const prev = byControl.get(key);
    byControl.set(
      key,
      prev
        ? {
            ...prev,
            renewedOn: max(prev.renewedOn, c.renewedOn),
            expiresOn: max(prev.expiresOn, c.expiresOn),
            releasedOn: prev.releasedOn ?? c.releasedOn,
          }
        : { ...c },
    );
  }
  return [...byControl.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
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

/** The business date of a court event: the date field its type carries (filedOn, servedOn, …). */
export function businessDateOf(event: CaseEvent): string {
  switch (event.type) {
    case 'case.filed':
    case 'objection.filed':
      return event.filedOn;
    case 'notice.served':
      return event.servedOn;
    case 'restriction.lifted':
      return event.liftedOn;
    case 'inquiry.performed':
      return event.performedOn;
    case 'clue.received':
    case 'funds.received':
      return event.receivedOn;
    case 'clue.verified':
      return event.verifiedOn;
    case 'asset.controlled':
      return event.controlledOn;
    case 'asset.renewed':
      return event.renewedOn;
    case 'asset.released':
      return event.releasedOn;
    case 'asset.valued':
      return event.valuedOn;
    case 'auction.held':
      return event.heldOn;
    case 'asset.offset':
      return event.offsetOn;
    case 'funds.disbursed':
      return event.disbursedOn;
    case 'objection.decided':
      return event.decidedOn;
    case 'extension.approved':
      return event.approvedOn;
    case 'case.closed':
      return event.closedOn;
    case 'case.restored':
      return event.restoredOn;
  }
}

/** The party a court event names besides the case's own parties, linked as a subject. */
function partyOf(event: CaseEvent): Party | null {
  switch (event.type) {
    case 'funds.disbursed':
      return event.payee;
    case 'asset.offset':
      return event.to;
    case 'objection.filed':
      return event.by;
    case 'asset.controlled':
      return event.owner;
    case 'case.filed':
    case 'case.closed':
    case 'case.restored':
    case 'asset.renewed':
    case 'asset.released':
    case 'notice.served':
    case 'restriction.lifted':
    case 'inquiry.performed':
    case 'clue.received':
    case 'clue.verified':
    case 'asset.valued':
    case 'auction.held':
    case 'funds.received':
    case 'objection.decided':
    case 'extension.approved':
      return null;
  }
}
