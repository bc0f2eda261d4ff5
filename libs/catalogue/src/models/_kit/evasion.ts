import type { CaseEventFact, PartyFact } from '@zhijian/domain';
import { eventsOf } from './index';
import { type CaseFacts } from '@zhijian/domain';

/** What the models of group F (规避执行、拒执预警) share. */

/** The subject ids of parties, through links (each party's own id included). */
export function idsOf(facts: CaseFacts, parties: PartyFact[]): Set<string> {
  const ids = new Set<string>();
  for (const p of parties) for (const id of facts.sameSubject(p.subjectId)) ids.add(id);
  return ids;
}

/**
 * Assets a court sold or gave in payment (auction sold, 以物抵债) in this case or in another
 * case against the same respondent, as `<kind>:<id>`: their change of owner is judicial, not
 * the respondent's doing.
 */
export function courtDisposedAssets(facts: CaseFacts): Set<string> {
  const events: CaseEventFact[] = [...facts.events, ...facts.relatedCases.flatMap((rc) => rc.events)];
  const disposed = new Set<string>();
  for (const a of eventsOf(events, 'auction.held')) {
    if (a.p.result === 'sold' && a.p.assetRef) disposed.add(`${a.p.assetRef.kind}:${a.p.assetRef.id}`);
  }
  for (const o of eventsOf(events, 'asset.offset')) {
    if (o.p.assetRef) disposed.add(`${o.p.assetRef.kind}:${o.p.assetRef.id}`);
  }
  return disposed;
}

export const byDate = <T extends { on: string }>(a: T, b: T): number =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : 0;
