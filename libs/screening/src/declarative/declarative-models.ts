import type { DataSource } from 'typeorm';
import {
  acceptPredicate,
  addDays,
  cstDateOf,
  cstStartOfDay,
  evaluationsOf,
  metaOf,
  parametersOf,
  parseModelFile,
  type AcceptedPredicate,
  type DeclarativeModelFile,
  type Evaluation,
  type LeadDraft,
  type ModelMeta,
} from '@zhijian/domain';
import { DeclarativeRepository } from '../repositories/declarative.repository';

/** A model file accepted for running: its metadata (as a built-in model's) and its checked predicate. */
export interface DeclarativeModel {
  readonly meta: ModelMeta;
  readonly file: DeclarativeModelFile;
  readonly accepted: AcceptedPredicate;
}

/** Limits of one predicate run. */
export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = { timeoutMs: 5_000, maxRows: 10_000 };

/** Reads, validates and accepts a model file (YAML or JSON); throws `ModelRefusal` (Chinese) when it may not run. */
export function compileDeclarativeModel(text: string): DeclarativeModel {
  const file = parseModelFile(text);
  return { meta: metaOf(file), file, accepted: acceptPredicate(file) };
}

/** What a run read and took: what a reviewer weighs before listing a model. */
export interface RunCost {
  runs: number;
  rows: number;
  ms: number;
}

/**
 * Evaluates a declarative model on screened cases, each as of its own business instant (the
 * court's clock), as `judgeCases` evaluates a built-in one: the views are cut at the last day the
 * clock has completed, and every case gets an `Evaluation` (leads, next wake-up). Cases sharing
 * an instant are judged in one run of the predicate.
 */
export async function evaluateDeclarative(
  ds: DataSource,
  model: DeclarativeModel,
  screened: { caseNo: string; asOf: Date }[],
  options: { parameters?: Record<string, unknown>; limits?: RunLimits } = {},
): Promise<{ evaluations: Map<string, Evaluation>; cost: RunCost }> {
  const parameters = parametersOf(model.file, options.parameters);
  const limits = options.limits ?? DEFAULT_RUN_LIMITS;
  const repo = new DeclarativeRepository();
  const byInstant = new Map<number, { caseNo: string; asOf: Date }[]>();
  for (const s of screened) {
    const group = byInstant.get(s.asOf.getTime()) ?? [];
    group.push(s);
    byInstant.set(s.asOf.getTime(), group);
  }
  const evaluations = new Map<string, Evaluation>();
  const cost: RunCost = { runs: 0, rows: 0, ms: 0 };
  for (const [instant, group] of byInstant) {
    const asOf = new Date(instant);
    const today = cstDateOf(asOf);
    const run = await repo.run(
      ds,
      model.accepted,
      { ...parameters, asOf: asOf.toISOString(), today, cases: group.map((g) => g.caseNo) },
      { cutoff: addDays(today, -1), ...limits },
    );
    cost.runs++;
    cost.rows += run.rows.length;
    cost.ms += run.ms;
    const partiesOf = (caseNo: string) => run.parties.filter((p) => p.caseNo === caseNo);
    for (const [caseNo, evaluation] of evaluationsOf(model.file, parameters, run.rows, group, partiesOf)) {
      evaluations.set(caseNo, evaluation);
    }
  }
  return { evaluations, cost };
}

export interface DeclarativeBacktest {
  modelId: string;
  version: number;
  asOf: string;
  cases: number;
  /** Every lead the model would have raised by the end of `asOf`, by case number. */
  leads: LeadDraft[];
  /** Cases with a deadline still running at the end of `asOf`, and when it falls due. */
  timers: { caseNo: string; dueAt: Date }[];
  cost: RunCost;
}

/**
 * A declarative model over all stored cases as of the end of a business date, as `backtest`
 * runs a built-in model: reads only (each run is a read-only transaction as the reader role).
 */
export async function backtestDeclarative(
  ds: DataSource,
  model: DeclarativeModel,
  options: { asOf: string; parameters?: Record<string, unknown>; limits?: RunLimits; batchSize?: number },
): Promise<DeclarativeBacktest> {
  const asOf = cstStartOfDay(addDays(options.asOf, 1));
  const all = await new DeclarativeRepository().allCases(ds);
  const batchSize = options.batchSize ?? 500;
  const leads: LeadDraft[] = [];
  const timers: { caseNo: string; dueAt: Date }[] = [];
  const cost: RunCost = { runs: 0, rows: 0, ms: 0 };
  for (let i = 0; i < all.length; i += batchSize) {
    const screened = all.slice(i, i + batchSize).map((caseNo) => ({ caseNo, asOf }));
    const r = await evaluateDeclarative(ds, model, screened, options);
    for (const [caseNo, e] of r.evaluations) {
      leads.push(...e.leads);
      if (e.wakeAt) timers.push({ caseNo, dueAt: e.wakeAt });
    }
    cost.runs += r.cost.runs;
    cost.rows += r.cost.rows;
    cost.ms += r.cost.ms;
  }
  return {
    modelId: model.meta.id,
    version: model.meta.version,
    asOf: options.asOf,
    cases: all.length,
    leads,
    timers,
    cost,
  };
}
