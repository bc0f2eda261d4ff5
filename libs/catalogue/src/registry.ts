import type { ModelThresholds, CaseModel, ModelDefinition } from '@zhijian/domain';
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

/** The case models screening runs (all, or those enabled), built with the configured thresholds. */
export function createCaseModels(
  thresholds: ModelThresholds = {},
  enabled: readonly string[] | null = null,
): CaseModel[] {
  const problems: string[] = [];
  const known = new Set(CASE_MODEL_DEFINITIONS.map((d) => d.meta.id));
  for (const id of Object.keys(thresholds)) {
    if (!known.has(id)) problems.push(`${id}: no such case model`);
  }
  for (const id of enabled ?? []) {
    if (!known.has(id)) problems.push(`MODELS_ENABLED: ${id}: no such case model`);
  }
  const models = CASE_MODEL_DEFINITIONS.filter((d) => enabled === null || enabled.includes(d.meta.id)).map(
    (d) => d.create(thresholdsOf(d, thresholds[d.meta.id], problems)),
  );
  if (problems.length) throw new ModelThresholdError(problems);
  return models;
}
