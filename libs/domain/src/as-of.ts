import type { CaseFactSet } from './facts';

const after = (d: string | null, date: string) => d !== null && d > date;

/**
 * The facts as they stood at the end of `date` (business time): what happened later is cut
 * away — cases filed later, events, closings and restorations dated later, ownership and
 * relations that began later (and their ends after the date undone), transfers and mortgages
 * registered later. Limitation: a bank account keeps only its newest snapshot, so an account
 * whose snapshot is dated after `date` is left out rather than shown with its older balance.
 */
export function factsAsOf(set: CaseFactSet, date: string): CaseFactSet {
  const cases = set.cases
    .filter((c) => c.filedOn === null || c.filedOn <= date)
    .map((c) =>
      after(c.closedOn, date) ? { ...c, closedOn: null, closeMethod: null, closedEvent: null } : c,
    );
  const kept = new Set(cases.map((c) => c.caseNo));
  const interval = <T extends { heldTo: string | null; toEvent: unknown }>(h: T): T =>
    after(h.heldTo, date) ? { ...h, heldTo: null, toEvent: null } : h;
  return {
    cases,
    parties: set.parties.filter((p) => kept.has(p.caseNo)),
    events: set.events.filter((e) => kept.has(e.caseNo) && e.on <= date),
    restorations: set.restorations.filter((r) => r.restoredOn <= date),
    holdings: set.holdings.filter((h) => h.heldFrom <= date).map(interval),
    vehicles: set.vehicles.filter((v) => v.heldFrom <= date).map(interval),
    equities: set.equities.filter((q) => q.heldFrom === null || q.heldFrom <= date).map(interval),
    accounts: set.accounts.filter((a) => a.asOf <= date),
    taxes: set.taxes.filter((t) => t.periodStart <= date),
    transfers: set.transfers.filter((t) => t.on <= date),
    mortgages: set.mortgages
      .filter((g) => g.registeredOn <= date)
      .map((g) => (after(g.releasedOn, date) ? { ...g, releasedOn: null } : g)),
    relations: set.relations
      .filter((r) => r.validFrom === null || r.validFrom <= date)
      .map((r) => (after(r.validTo, date) ? { ...r, validTo: null } : r)),
    links: set.links,
    relatedCaseNos: set.relatedCaseNos.filter((c) => kept.has(c)),
  };
}

/** The latest business date of any fact in the set (null when it holds none). */
export function latestFactDate(set: CaseFactSet): string | null {
  let latest: string | null = null;
  const see = (d: string | null | undefined) => {
    if (d && (latest === null || d > latest)) latest = d;
  };
  for (const c of set.cases) [c.filedOn, c.closedOn].forEach(see);
  for (const e of set.events) see(e.on);
  for (const r of set.restorations) see(r.restoredOn);
  for (const h of [...set.holdings, ...set.vehicles]) [h.heldFrom, h.heldTo].forEach(see);
  for (const q of set.equities) [q.heldFrom, q.heldTo].forEach(see);
  for (const a of set.accounts) see(a.asOf);
  for (const t of set.taxes) see(t.periodStart);
  for (const t of set.transfers) see(t.on);
  for (const g of set.mortgages) [g.registeredOn, g.releasedOn].forEach(see);
  for (const r of set.relations) [r.validFrom, r.validTo].forEach(see);
  return latest;
}
