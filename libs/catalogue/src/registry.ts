import {
  configuredParameterProblems,
  type CaseModel,
  type DeclarativeModelFile,
  type ModelDefinition,
  type ModelThresholds,
} from '@zhijian/domain';
import { discoverModels } from './discovery';

/** Every case model of the catalogue (groups A–F): the folders under models/, in catalogue order. */
export const CASE_MODEL_DEFINITIONS: readonly ModelDefinition[] = discoverModels();

/** Models that are not case models: the follow-up of 检察建议 (row G) and petitions. */
export const OTHER_MODEL_IDS = [
  'recommendation_followup',
  'petition_application',
  'petition_report',
] as const;

/** Model ids, in one place: leads, APIs, metrics and configuration name models by them. */
export const MODEL_IDS: readonly string[] = [
  ...CASE_MODEL_DEFINITIONS.map((d) => d.meta.id),
  ...OTHER_MODEL_IDS,
];
export type ModelId = string;

export class ModelThresholdError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid model thresholds:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * A model's thresholds: its defaults with the configured values over them. Every configured
 * model id and key must exist and keep the default's type, or the whole list of problems is thrown.
 */
export function thresholdsOf<C extends object>(
  definition: ModelDefinition<C>,
  overrides: Record<string, unknown> = {},
  problems: string[] = [],
): C {
  const defaults = definition.defaults as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in defaults)) {
      problems.push(
        `${definition.meta.id}.${key}: no such threshold (has ${Object.keys(defaults).join(', ')})`,
      );
    } else if (typeof value !== typeof defaults[key]) {
      problems.push(
        `${definition.meta.id}.${key}: expected a ${typeof defaults[key]}, got ${JSON.stringify(value)}`,
      );
    } else {
      merged[key] = value;
    }
  }
  return merged as C;
}

/**
 * The case models screening runs (all, or those enabled), built with the configured thresholds.
 * `declarative`: the declarative models this hub knows (one file per id: the listed version,
 * else the newest); MODEL_THRESHOLDS may name them too, each key checked against the file's
 * declared parameters (name, type, bounds). A key of a model that is both built in and
 * declarative must be a threshold of one or a parameter of the other. Every problem is named;
 * any problem throws.
 */
export function createCaseModels(
  thresholds: ModelThresholds = {},
  enabled: readonly string[] | null = null,
  declarative: readonly DeclarativeModelFile[] = [],
): CaseModel[] {
  const problems: string[] = [];
  const builtIn = new Map(CASE_MODEL_DEFINITIONS.map((d) => [d.meta.id, d]));
  const declared = new Map(declarative.map((f) => [f.id, f]));
  const builtInPart: ModelThresholds = {};
  for (const [id, overrides] of Object.entries(thresholds)) {
    const definition = builtIn.get(id);
    const file = declared.get(id);
    if (!definition && !file) {
      problems.push(`${id}: no such case model`);
    } else if (!file) {
      builtInPart[id] = overrides;
    } else {
      const defaults = (definition?.defaults ?? {}) as Record<string, unknown>;
      const mine = declaredOverrides(thresholds, file);
      if (definition)
        builtInPart[id] = Object.fromEntries(Object.entries(overrides).filter(([k]) => k in defaults));
      problems.push(
        ...configuredParameterProblems(file, mine).map((p) =>
          definition && p.includes(': no such parameter')
            ? `${p}; nor a threshold of the built-in model (has ${Object.keys(defaults).join(', ')})`
            : p,
        ),
      );
    }
  }
  for (const id of enabled ?? []) {
    if (!builtIn.has(id)) problems.push(`MODELS_ENABLED: ${id}: no such case model`);
  }
  const models = CASE_MODEL_DEFINITIONS.filter((d) => enabled === null || enabled.includes(d.meta.id)).map(
    (d) => d.create(thresholdsOf(d, builtInPart[d.meta.id], problems)),
  );
  if (problems.length) throw new ModelThresholdError(problems);
  return models;
}

/**
 * The configured values of a declarative model's declared parameters (MODEL_THRESHOLDS): the
 * keys it declares, whatever the built-in model of the same id takes besides.
 */
export function declaredOverrides(
  thresholds: ModelThresholds,
  file: DeclarativeModelFile,
): Record<string, number | boolean | string> {
  const declared = file.parameters ?? {};
  const builtIn = CASE_MODEL_DEFINITIONS.find((d) => d.meta.id === file.id);
  const defaults = (builtIn?.defaults ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(thresholds[file.id] ?? {}).filter(([k]) => k in declared || !(k in defaults)),
  );
}
