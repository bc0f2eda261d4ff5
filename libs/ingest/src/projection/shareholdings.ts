import type {
  EquityEventRow,
  ShareholdingRow,
  SubjectRelationRow,
} from '../repositories/enterprise.repository';
import { byRegistration, groupBy } from '../holdings';

/** Shares are compared after rounding to a millionth of a percent. */
const round = (pct: number): number => Math.round(pct * 1e6) / 1e6;

/**
 * Shareholdings of (company, shareholder) pairs over time from the enterprise registry's
 * equity changes: `acquire` adds its sharePct and subscribed capital to the shareholder's
 * stake, `transfer` takes them away. Each row is a stretch of constant stake
 * [heldFrom, heldTo); events are taken in registry order, whatever order they arrive in.
 * A transfer with no stake before it (the acquisition predates what the registry sent)
 * still shows that the shareholder held that much until the transfer: heldFrom is then
 * the pair's previous event date, or null when there is none.
 */
export function computeShareholdings(events: EquityEventRow[]): ShareholdingRow[] {
  const result: ShareholdingRow[] = [];
  const pairs = groupBy(events, (e) => `${e.companySubjectId}|${e.shareholderSubjectId}`);
  for (const pairEvents of pairs.values()) {
    let current: ShareholdingRow | null = null;
    let lastOn: string | null = null;
    const emit = (row: ShareholdingRow) => {
      if (row.heldFrom !== row.heldTo) result.push(row); // a stake held for no night is no stake
    };
    for (const e of [...pairEvents].sort(byRegistration)) {
      const pair = { companySubjectId: e.companySubjectId, shareholderSubjectId: e.shareholderSubjectId };
      if (e.event === 'transfer' && !current) {
        emit({
          ...pair,
          sharePct: round(e.sharePct),
          subscribedCapitalFen: e.subscribedCapitalFen,
          heldFrom: lastOn,
          heldTo: e.registeredOn,
          fromRawEventId: null,
          toRawEventId: e.rawEventId,
        });
        lastOn = e.registeredOn;
        continue;
      }
      const sign = e.event === 'acquire' ? 1 : -1;
      const sharePct = Math.max(0, round((current?.sharePct ?? 0) + sign * e.sharePct));
      const subscribedCapitalFen = Math.max(
        0,
        (current?.subscribedCapitalFen ?? 0) + sign * e.subscribedCapitalFen,
      );
      if (current) emit({ ...current, heldTo: e.registeredOn, toRawEventId: e.rawEventId });
      current =
        sharePct > 0 || subscribedCapitalFen > 0
          ? {
              ...pair,
              sharePct,
              subscribedCapitalFen,
              heldFrom: e.registeredOn,
              heldTo: null,
              fromRawEventId: e.rawEventId,
              toRawEventId: null,
            }
          : null;
      lastOn = e.registeredOn;
    }
    if (current) result.push(current);
  }
  return result;
}

/**
 * "Is a shareholder of" relations: one per unbroken run of stakes of a pair, from the
 * shareholder to the company.
 */
export function shareholderRelations(holdings: ShareholdingRow[]): SubjectRelationRow[] {
  const result: SubjectRelationRow[] = [];
  const pairs = groupBy(holdings, (h) => `${h.companySubjectId}|${h.shareholderSubjectId}`);
  for (const pairHoldings of pairs.values()) {
    const sorted = [...pairHoldings].sort((a, b) => cmpNullsFirst(a.heldFrom, b.heldFrom));
    let run: SubjectRelationRow | null = null;
    for (const h of sorted) {
      if (run && run.validTo !== null && run.validTo === h.heldFrom) {
        run.validTo = h.heldTo;
        run.toRawEventId = h.toRawEventId;
        continue;
      }
      if (run) result.push(run);
      run = {
        kind: 'shareholder',
        fromSubjectId: h.shareholderSubjectId,
        toSubjectId: h.companySubjectId,
        validFrom: h.heldFrom,
        validTo: h.heldTo,
        fromRawEventId: h.fromRawEventId,
        toRawEventId: h.toRawEventId,
      };
    }
    if (run) result.push(run);
  }
  return result;
}

function cmpNullsFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * "Is the legal person (法定代表人) of" relations, from the person to the company, out of the
 * optional `legalPerson` of registry.enterprise events: the legal person as of the event's
 * registration date. One relation per unbroken run of the same legal person in registry order,
 * whatever order the events arrive in; a run ends where an event names another legal person.
 * Events without `legalPerson` change nothing.
 *
 * "Shared shareholder" (two companies with a common shareholder) is not stored: models derive it
 * at query time from the `shareholder` relations.
 */
export function legalPersonRelations(events: EquityEventRow[]): SubjectRelationRow[] {
  const result: SubjectRelationRow[] = [];
  const named = events.filter((e) => e.legalPersonSubjectId);
  for (const companyEvents of groupBy(named, (e) => e.companySubjectId).values()) {
    let run: SubjectRelationRow | null = null;
    for (const e of [...companyEvents].sort(byRegistration)) {
      const person = e.legalPersonSubjectId!;
      if (run && run.fromSubjectId === person) continue;
      if (run) {
        run.validTo = e.registeredOn;
        run.toRawEventId = e.rawEventId;
        if (run.validFrom !== run.validTo) result.push(run);
      }
      run = {
        kind: 'legal_person',
        fromSubjectId: person,
        toSubjectId: e.companySubjectId,
        validFrom: e.registeredOn,
        validTo: null,
        fromRawEventId: e.rawEventId,
        toRawEventId: null,
      };
    }
    if (run) result.push(run);
  }
  return result;
}
