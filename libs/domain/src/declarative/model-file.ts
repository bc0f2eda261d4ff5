import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { findSchemasDir } from '@zhijian/contracts';
import type { LeadKind, ModelGroup, ModelMeta } from '../model';
import type { Severity } from '../evidence';
import { ModelRefusal } from './refusal';

/** A parameter of a declarative model, with its type and default (a province may override it). */
export interface DeclaredParameter {
  type: 'integer' | 'number' | 'string' | 'boolean' | 'date';
  default: number | string | boolean;
  title?: string;
  minimum?: number;
  maximum?: number;
}

/** One model file (schemas/declarative/model-1.schema.json), as written by a prosecutor. */
export interface DeclarativeModelFile {
  id: string;
  version: number;
  title: string;
  description?: string;
  legalBasis: { law: string; articles: string[] }[];
  severity: Severity;
  kind: LeadKind;
  group?: ModelGroup;
  sources: string[];
  dutyCrimeSuspected?: boolean;
  classLeads?: boolean;
  parameters?: Record<string, DeclaredParameter>;
  predicate: string;
  dedupKey?: string;
  due?: string[];
  parties?: 'respondents' | 'applicants_and_respondents';
  statement: string;
  tests?: { caseNo: string; asOf?: string; expect: 'lead' | 'none' }[];
}

/** The form of a model file; beside the feed schemas, not one of them (the feed registry skips it). */
export const MODEL_SCHEMA_FILE = 'declarative/model-1.schema.json';

let validator: ValidateFunction | null = null;

function modelValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(findSchemasDir(), MODEL_SCHEMA_FILE), 'utf8')) as object;
    validator = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);
  }
  return validator;
}

/**
 * Reads a model file (YAML, or JSON, which is YAML too) and checks it against
 * schemas/declarative/model-1.schema.json. Refuses with the schema's complaints, in Chinese.
 */
export function parseModelFile(text: string): DeclarativeModelFile {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw new ModelRefusal('schema', `模型文件无法解析（YAML/JSON 格式错误）：${(e as Error).message}`);
  }
  const validate = modelValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
      .join('；');
    throw new ModelRefusal(
      'schema',
      `模型文件不符合模型格式（schemas/declarative/model-1.schema.json）：${problems}`,
    );
  }
  const file = value as DeclarativeModelFile;
  for (const [name, p] of Object.entries(file.parameters ?? {})) {
    if (!valueFits(p, p.default)) {
      throw new ModelRefusal('schema', `参数 ${name} 的默认值与其类型 ${p.type} 不符`);
    }
  }
  return file;
}

/** The metadata the runtime, referral and the API know a model by. */
export function metaOf(file: DeclarativeModelFile): ModelMeta {
  return {
    id: file.id,
    version: file.version,
    title: file.title,
    legalBasis: file.legalBasis.map((b) => `${b.law}${b.articles.join('、')}`).join('；'),
    severity: file.severity,
    kind: file.kind,
    ...(file.group ? { group: file.group } : {}),
    sources: file.sources,
    ...(file.dutyCrimeSuspected !== undefined ? { dutyCrimeSuspected: file.dutyCrimeSuspected } : {}),
    ...(file.classLeads !== undefined ? { classLeads: file.classLeads } : {}),
  };
}

/** The model's parameters: its defaults, overridden; refuses unknown names and values of the wrong type. */
export function parametersOf(
  file: DeclarativeModelFile,
  overrides: Record<string, unknown> = {},
): Record<string, number | string | boolean> {
  const declared = file.parameters ?? {};
  const out: Record<string, number | string | boolean> = {};
  for (const [name, p] of Object.entries(declared)) out[name] = p.default;
  for (const [name, value] of Object.entries(overrides)) {
    const p = declared[name];
    if (!p) throw new ModelRefusal('parameter', `模型 ${file.id} 没有参数 ${name}`);
    if (!valueFits(p, value))
      throw new ModelRefusal('parameter', `参数 ${name} 应为 ${p.type}，收到 ${String(value)}`);
    out[name] = value as number | string | boolean;
  }
  return out;
}

/**
 * Configured values (MODEL_THRESHOLDS) for a model's declared parameters: the problems, in the
 * words the hub's boot errors use for built-in thresholds (`<id>.<key>: …`), and the keys that
 * fit. A key the file does not declare, or a value not of the declared type or out of its bounds,
 * is a problem.
 */
export function configuredParameterProblems(
  file: DeclarativeModelFile,
  overrides: Record<string, unknown> = {},
): string[] {
  const declared = file.parameters ?? {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const p = declared[key];
    if (!p) {
      const names = Object.keys(declared);
      problems.push(
        `${file.id}.${key}: no such parameter (${names.length ? `has ${names.join(', ')}` : 'it declares none'})`,
      );
    } else if (!valueFits(p, value)) {
      problems.push(`${file.id}.${key}: expected ${describeParameter(p)}, got ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

function describeParameter(p: DeclaredParameter): string {
  const bounds = [
    p.minimum !== undefined ? `>= ${p.minimum}` : null,
    p.maximum !== undefined ? `<= ${p.maximum}` : null,
  ].filter((b) => b !== null);
  const kind =
    p.type === 'date' ? 'a date (YYYY-MM-DD)' : p.type === 'integer' ? 'an integer' : `a ${p.type}`;
  return bounds.length ? `${kind} ${bounds.join(' and ')}` : kind;
}

function valueFits(p: DeclaredParameter, v: unknown): boolean {
  switch (p.type) {
    case 'integer':
      return Number.isSafeInteger(v) && inRange(p, v as number);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && inRange(p, v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'string':
      return typeof v === 'string';
  }
}

const inRange = (p: DeclaredParameter, v: number) =>
  (p.minimum === undefined || v >= p.minimum) && (p.maximum === undefined || v <= p.maximum);
