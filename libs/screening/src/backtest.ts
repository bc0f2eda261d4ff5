import type { EntityManager } from 'typeorm';
import type { ModelThresholds } from '@zhijian/domain';
import { addDays, cstStartOfDay, factsByCase, type ModelDefinition, factsAsOf } from '@zhijian/domain';
import { ScreeningRepository } from './repositories/screening.repository';
import { LeadRepository } from './repositories/lead.repository';
import {
  CASE_MODEL_DEFINITIONS,
  ModelThresholdError,
  thresholdsOf,
  MODEL_VERSION_ARCHIVE,
} from '@zhijian/catalogue';

export interface BacktestOptions {
  modelId: string;
  /** A version of the model (default: the live one); older or candidate versions come from the archive. */
  version?: number;
  /** Thresholds over the version's defaults. */
  thresholds?: ModelThresholds[string];
  /** The business date to look as of (end of that day); default: the live business clock's date. */
  asOf: string;
  /** Cases per round trip. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BacktestResult {
  modelId: string;
  version: number;
  thresholds: Record<string, unknown>;
  asOf: string;
  cases: number;
  /** Case numbers the tested version would raise as of the date. */
  wouldRaise: string[];
  /** Case numbers of the live leads of the model raised by the end of the date (individual leads). */
  liveRaised: string[];
  added: string[];
  removed: string[];
  /** The statement the tested version would write, for each added case. */
  statements: Record<string, string>;
}

/** Every definition of a model: the live one and the archived or candidate versions. */
export function versionsOf(modelId: string): ModelDefinition[] {
  return [...CASE_MODEL_DEFINITIONS, ...MODEL_VERSION_ARCHIVE].filter((d) => d.meta.id === modelId);
}

/**
 * Runs a model version with given thresholds over the stored history as of a date, against
 * what the live model raised by then. Reads only: it writes no lead, outbox row or timer (the
 * CLI runs it in a read-only transaction that is rolled back).
 */
export async function backtest(m: EntityManager, options: BacktestOptions): Promise<BacktestResult> {
  const versions = versionsOf(options.modelId);
  if (!versions.length) throw new ModelThresholdError([`${options.modelId}: no such case model`]);
  const definition =
    options.version === undefined
      ? CASE_MODEL_DEFINITIONS.find((d) => d.meta.id === options.modelId)!
      : versions.find((d) => d.meta.version === options.version);
  if (!definition) {
    throw new ModelThresholdError([
      `${options.modelId} has no version ${options.version} (versions: ${versions.map((d) => d.meta.version).join(', ')})`,
    ]);
  }
  const problems: string[] = [];
  const thresholds = thresholdsOf(definition, options.thresholds ?? {}, problems);
  if (problems.length) throw new ModelThresholdError(problems);
  const model = definition.create(thresholds);
  const asOfInstant = cstStartOfDay(addDays(options.asOf, 1));

  const repo = new ScreeningRepository();
  const all = await repo.allCases(m);
  const batchSize = options.batchSize ?? 500;
  const wouldRaise: string[] = [];
  const statements: Record<string, string> = {};
  for (let i = 0; i < all.length; i += batchSize) {
    const caseNos = all.slice(i, i + batchSize).map((r) => r.caseNo);
    const facts = factsByCase(factsAsOf(await repo.loadCaseFacts(m, caseNos), options.asOf));
    for (const f of facts) {
      for (const lead of model.evaluate(f, asOfInstant).leads) {
        if (lead.caseNo !== f.case.caseNo) continue;
        wouldRaise.push(lead.caseNo);
        statements[lead.caseNo] = lead.statement;
      }
    }
    options.onProgress?.(Math.min(i + batchSize, all.length), all.length);
  }
  const liveRaised = await new LeadRepository().casesWithIndividualLeads(m, options.modelId, asOfInstant);
  const would = new Set(wouldRaise);
  const was = new Set(liveRaised);
  const added = [...would].filter((c) => !was.has(c)).sort();
  return {
    modelId: options.modelId,
    version: definition.meta.version,
    thresholds: { ...(thresholds as Record<string, unknown>) },
    asOf: options.asOf,
    cases: all.length,
    wouldRaise: [...would].sort(),
    liveRaised,
    added,
    removed: liveRaised.filter((c) => !would.has(c)),
    statements: Object.fromEntries(added.map((c) => [c, statements[c]!])),
  };
}
