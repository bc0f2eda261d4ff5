import type { CaseEventFact } from '@zhijian/domain';
import { eventsOf, type Typed } from './index';
import { type CaseFacts, type RelatedCase } from '@zhijian/domain';

/** Helpers of group C (distribution of money) over case timelines: payouts, sales, case states. */

/** Payouts (funds.disbursed) of a timeline, by business date (then event id: any arrival order gives one order). */
export const payoutsOf = (events: CaseEventFact[]): Typed<'funds.disbursed'>[] =>
  eventsOf(events, 'funds.disbursed').sort((a, b) =>
    byDateThenId(a.p.disbursedOn, a.fact, b.p.disbursedOn, b.fact),
  );

/** Order of two events by a business date, then by source and event id. */
export function byDateThenId(aOn: string, a: CaseEventFact, bOn: string, b: CaseEventFact): number {
  if (aOn !== bOn) return aOn < bOn ? -1 : 1;
  const ka = `${a.ref.source}\u0000${a.ref.eventId}`;
  const kb = `${b.ref.source}\u0000${b.ref.eventId}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Whether a payout went to one of `ids` (its payee subject, through links). */
export function paidToAny(
  payout: Typed<'funds.disbursed'>,
  ids: ReadonlySet<string>,
  facts: Pick<CaseFacts, 'sameSubject'>,
): boolean {
  const payee = payout.fact.partySubjectId;
  return payee !== null && isAnyOf(facts, payee, ids);
}

/** Whether a subject is (through links) one of `ids`. */
export function isAnyOf(
  facts: Pick<CaseFacts, 'sameSubject'>,
  subjectId: string,
  ids: ReadonlySet<string>,
): boolean {
  for (const id of facts.sameSubject(subjectId)) if (ids.has(id)) return true;
  return false;
}

/** Every subject id the given subjects stand for (links followed). */
export function expandIds(subjectIds: Iterable<string>, facts: Pick<CaseFacts, 'sameSubject'>): Set<string> {
  const ids = new Set<string>();
  for (const s of subjectIds) for (const id of facts.sameSubject(s)) ids.add(id);
  return ids;
}

/** The closing of a related case as of a date: its state (open, closed with a method, not filed yet). */
export type CaseStateOn =
  { state: 'not_filed' } | { state: 'open' } | { state: 'closed'; method: string | null; closedOn: string };

export function stateOn(c: RelatedCase['case'], date: string): CaseStateOn {
  if (c.filedOn === null || c.filedOn > date) return { state: 'not_filed' };
  if (c.closedOn !== null && c.closedOn <= date)
    return { state: 'closed', method: c.closeMethod, closedOn: c.closedOn };
  return { state: 'open' };
}

/** Whether two cases are one claim across a restoration (执恢): `a` restored as `b` or `b` as `a`. */
export function sameClaimByRestoration(
  a: { caseNo: string; events: CaseEventFact[] },
  b: { caseNo: string; events: CaseEventFact[] },
): boolean {
  const restoredFrom = (x: { events: CaseEventFact[] }): Set<string> =>
    new Set(eventsOf(x.events, 'case.restored').map((r) => r.p.previousCaseNo));
  return restoredFrom(b).has(a.caseNo) || restoredFrom(a).has(b.caseNo);
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
