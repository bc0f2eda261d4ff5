import { courtSourceOf } from '@zhijian/clock';
import { addDays, cstDateOf, cstStartOfDay } from '@zhijian/normalize';
import type { CaseFactSet } from '@zhijian/persistence';
import { factsAsOf, latestFactDate } from './backtest/as-of';
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
  const latest = latestFactDate(loaded);
  const courtOf = new Map(loaded.cases.map((c) => [c.caseNo, c.courtCode]));
  const byClock = new Map<number, string[]>();
  for (const caseNo of caseNos) {
    const court = courtOf.get(caseNo);
    const at = (court !== undefined && clocks.get(courtSourceOf(court))) || fallback;
    byClock.set(at.getTime(), [...(byClock.get(at.getTime()) ?? []), caseNo]);
  }
  const judgement: Judgement = { drafts: [], quiet: [], timers: new Map(), incomplete: [] };
  for (const model of models) judgement.timers.set(model.meta.id, []);
  for (const [at, group] of byClock) {
    const asOf = new Date(at);
    const cutoff = addDays(cstDateOf(asOf), -1);
    if (latest !== null && latest > cutoff) {
      const dueAt = cstStartOfDay(addDays(latest, 1));
      // Every case of the group, including those the cut leaves out altogether (filed after the cutoff).
      judgement.incomplete.push(...group.map((caseNo) => ({ caseNo, dueAt })));
    }
    const members = new Set(group);
    const facts = factsByCase(factsAsOf(loaded, cutoff)).filter((f) => members.has(f.case.caseNo));
    for (const model of models) {
      const timers = judgement.timers.get(model.meta.id)!;
      for (const f of facts) {
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
