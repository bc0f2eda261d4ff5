import { courtSourceOf } from './time/source-clock';
import { addDays, cstDateOf, cstStartOfDay } from './normalize/date';
import type { CaseFactSet } from './facts';
import { factsAsOf, latestFactDate } from './as-of';
import { factsByCase, type CaseFacts, type CaseModel, type LeadDraft } from './model';

/** A lead a model drafted on a case, with the business time the case was judged at. */
export interface JudgedDraft {
  model: CaseModel;
  facts: CaseFacts;
  draft: LeadDraft;
  asOf: Date;
}

/** What one screening round decides about a set of cases, before anything is written. */
export interface Judgement {
  drafts: JudgedDraft[];
  /** (model, case)s where the model raised nothing: an open lead there is no longer supported. */
  quiet: { modelId: string; caseNo: string; asOf: Date }[];
  /** Per model, each case's next look (null: none). */
  timers: Map<string, { caseNo: string; dueAt: Date | null }[]>;
  /** Cases with facts of a day their clock has not completed: looked at again when it has. */
  incomplete: { caseNo: string; dueAt: Date }[];
}

/**
 * Judges each case as of its own court's business time (`clocks` by source; `fallback` for a case
 * of a court that sent nothing) over the days that clock has completed: a day's facts may still be
 * arriving until the clock has passed it. Pure: screening and the order-insensitivity property
 * share it.
 */
export function judgeCases(
  loaded: CaseFactSet,
  caseNos: readonly string[],
  clocks: ReadonlyMap<string, Date>,
  fallback: Date,
  models: readonly CaseModel[],
): Judgement {
  // The newest fact each case's judgement reads (its own, its related cases', its parties'
  // registry facts): a case is looked at again when its clock completes that day, not every case
  // of the round whenever any loaded fact is of a day not yet completed.
  const whole = new Map(factsByCase(loaded).map((f) => [f.case.caseNo, f]));
  const latestOf = new Map([...whole].map(([caseNo, f]) => [caseNo, latestFactDate(caseFactSetOf(f))]));
  // A case without a row of its own (nothing filed yet): the round's newest fact, as before.
  const roundLatest = latestFactDate(loaded);
  const courtOf = new Map(loaded.cases.map((c) => [c.caseNo, c.courtCode]));
  // Cases are cut by the day before their clock's (the completed days), so cases whose clocks fall
  // on the same day share one cut of the facts; each is still judged at its own clock's instant.
  const byCutoff = new Map<string, Map<string, Date>>();
  const daysOf = new Map<string | undefined, { asOf: Date; cutoff: string }>();
  for (const caseNo of caseNos) {
    const court = courtOf.get(caseNo);
    let days = daysOf.get(court);
    if (!days) {
      days = completedDaysOf(court, clocks, fallback);
      daysOf.set(court, days);
    }
    const { asOf, cutoff } = days;
    const group = byCutoff.get(cutoff) ?? new Map<string, Date>();
    group.set(caseNo, asOf);
    byCutoff.set(cutoff, group);
  }
  const judgement: Judgement = { drafts: [], quiet: [], timers: new Map(), incomplete: [] };
  for (const model of models) judgement.timers.set(model.meta.id, []);
  for (const [cutoff, group] of byCutoff) {
    // Every case of the group with such facts, including those the cut leaves out altogether (filed after the cutoff).
    const incomplete = new Set<string>();
    for (const caseNo of group.keys()) {
      const latest = latestOf.has(caseNo) ? latestOf.get(caseNo)! : roundLatest;
      if (latest !== null && latest > cutoff) {
        incomplete.add(caseNo);
        judgement.incomplete.push({ caseNo, dueAt: cstStartOfDay(addDays(latest, 1)) });
      }
    }
    // A case none of whose facts is after the cutoff reads the same facts cut or not: it is judged
    // on the facts indexed once for the round. Only the others are cut (once per group), and only
    // they are built from the cut (the rest are there as related cases, as in the loader).
    const needsCut = new Set([...group.keys()].filter((c) => incomplete.has(c) || !whole.has(c)));
    let cutFacts = new Map<string, CaseFacts>();
    if (needsCut.size) {
      const cut = factsAsOf(loaded, cutoff);
      const others = cut.cases.map((c) => c.caseNo).filter((c) => !needsCut.has(c));
      cutFacts = new Map(factsByCase({ ...cut, relatedCaseNos: others }).map((f) => [f.case.caseNo, f]));
    }
    const facts: CaseFacts[] = [];
    for (const c of loaded.cases) {
      if (!group.has(c.caseNo)) continue;
      const f = needsCut.has(c.caseNo) ? cutFacts.get(c.caseNo) : whole.get(c.caseNo);
      if (f) facts.push(f);
    }
    for (const model of models) {
      const timers = judgement.timers.get(model.meta.id)!;
      for (const f of facts) {
        const asOf = group.get(f.case.caseNo)!;
        const evaluation = model.evaluate(f, asOf);
        timers.push({ caseNo: f.case.caseNo, dueAt: evaluation.wakeAt });
        if (!evaluation.leads.length)
          judgement.quiet.push({ modelId: model.meta.id, caseNo: f.case.caseNo, asOf });
        for (const draft of evaluation.leads) judgement.drafts.push({ model, facts: f, draft, asOf });
      }
    }
  }
  return judgement;
}

/**
 * The business time a case of this court is judged at (its court's clock; `fallback` for a court
 * that sent nothing) and the last day of it that clock has completed: the cut of its facts.
 */
export function completedDaysOf(
  courtCode: string | undefined,
  clocks: ReadonlyMap<string, Date>,
  fallback: Date,
): { asOf: Date; cutoff: string } {
  const asOf = (courtCode !== undefined && clocks.get(courtSourceOf(courtCode))) || fallback;
  return { asOf, cutoff: addDays(cstDateOf(asOf), -1) };
}

/**
 * The completed-day rule applied before screening: of the claimed cases, those with a fact of
 * their own (`latest`, the newest date of the case's own timeline, filing and closing) on a day
 * their court's clock has not completed. `judgeCases` would judge such a case on the completed
 * days only and look again when the day completes; it is instead looked at once, then (`dueAt`:
 * the start of the day after). A case without a row of its own is never deferred (the judgement
 * decides). What a case's judgement reads beyond its own facts (related cases, registry facts)
 * can still make `judgeCases` find it incomplete.
 */
export function deferredCases(
  cases: readonly { caseNo: string; courtCode: string; latest: string | null }[],
  clocks: ReadonlyMap<string, Date>,
  fallback: Date,
): { caseNo: string; dueAt: Date }[] {
  const deferred: { caseNo: string; dueAt: Date }[] = [];
  const cutoffOf = new Map<string, string>();
  for (const c of cases) {
    if (c.latest === null) continue;
    let cutoff = cutoffOf.get(c.courtCode);
    if (cutoff === undefined) {
      cutoff = completedDaysOf(c.courtCode, clocks, fallback).cutoff;
      cutoffOf.set(c.courtCode, cutoff);
    }
    if (c.latest > cutoff) deferred.push({ caseNo: c.caseNo, dueAt: cstStartOfDay(addDays(c.latest, 1)) });
  }
  return deferred;
}

/** The facts one case's judgement reads, as a fact set (for their latest date). */
function caseFactSetOf(f: CaseFacts): CaseFactSet {
  return {
    cases: [f.case, ...f.relatedCases.map((r) => r.case)],
    parties: [],
    events: [...f.events, ...f.relatedCases.flatMap((r) => r.events)],
    restorations: f.restorations,
    holdings: [...f.holdings, ...f.unitHoldings],
    vehicles: [...f.vehicles, ...f.vinHoldings],
    equities: f.equities,
    accounts: f.accounts,
    taxes: f.taxes,
    transfers: f.transfers,
    mortgages: f.mortgages,
    relations: f.relations,
    links: [],
    relatedCaseNos: [],
  };
}
