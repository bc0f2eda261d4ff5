import { parse, type Statement } from 'pgsql-ast-parser';
import type { DeclarativeModelFile } from './model-file';
import { ModelRefusal } from './refusal';

/** Schema of the canonical views (migration 1734900000000); a predicate's search_path. */
export const VIEWS_SCHEMA = 'model_views';

/** The published canonical views a predicate may read (README "Declarative models"). */
export const CANONICAL_VIEWS = [
  'cases',
  'case_timeline',
  'parties',
  'subject_links',
  'controls',
  'realestate_holdings',
  'vehicle_holdings',
  'equity_holdings',
  'bank_accounts',
  'transfers',
  'payouts',
  'tax_records',
  'mortgages',
  'relations',
  'calendar',
] as const;

/** Functions of the views' schema: 民事诉讼法 art. 85 periods over China's calendar. */
const VIEW_FUNCTIONS = ['period_end', 'period_end_months', 'next_workday', 'is_workday'];

/**
 * Functions a predicate may call: pure computations on values, aggregates and windows. Nothing
 * that reads or writes outside the query (pg_sleep, pg_read_file, dblink, nextval, set_config,
 * current_setting, lo_*, …) is on it.
 */
export const ALLOWED_FUNCTIONS = new Set([
  ...VIEW_FUNCTIONS,
  // conditionals and comparisons
  'coalesce',
  'nullif',
  'greatest',
  'least',
  'any',
  'all',
  'exists',
  // aggregates
  'count',
  'min',
  'max',
  'sum',
  'avg',
  'bool_and',
  'bool_or',
  'every',
  'array_agg',
  'string_agg',
  'jsonb_agg',
  'jsonb_object_agg',
  // windows
  'row_number',
  'rank',
  'dense_rank',
  'lag',
  'lead',
  'first_value',
  'last_value',
  // json
  'jsonb_build_object',
  'jsonb_build_array',
  'jsonb_array_length',
  'jsonb_array_elements',
  'jsonb_typeof',
  'jsonb_strip_nulls',
  'to_jsonb',
  // dates
  'to_char',
  'date_part',
  'extract',
  'date_trunc',
  'make_interval',
  'make_date',
  'age',
  // numbers and text
  'abs',
  'round',
  'floor',
  'ceil',
  'trunc',
  'length',
  'lower',
  'upper',
  'concat',
  'concat_ws',
  'substr',
  'substring',
  'position',
  'replace',
  'trim',
  'btrim',
  'left',
  'right',
  'format',
  'array_length',
  'cardinality',
  'unnest',
  'array_position',
]);

const SELECT_LIKE = new Set(['select', 'union', 'union all', 'with', 'with recursive', 'values']);
/** Statement kinds that change something: refused wherever they appear (e.g. a data-modifying CTE). */
const WRITE_KINDS = new Set([
  'insert',
  'update',
  'delete',
  'truncate table',
  'create table',
  'create view',
  'create materialized view',
  'refresh materialized view',
  'create index',
  'create sequence',
  'create function',
  'create schema',
  'create extension',
  'create type',
  'create enum',
  'create composite type',
  'alter table',
  'alter index',
  'alter sequence',
  'drop table',
  'drop index',
  'drop sequence',
  'drop type',
  'drop trigger',
  'drop function',
  'comment',
  'do',
  'set',
  'set timezone',
  'set names',
  'begin',
  'commit',
  'rollback',
  'start transaction',
  'tablespace',
  'prepare',
  'deallocate',
  'raise',
  'show',
]);

/** What acceptance hands the runtime: the predicate with positional parameters, and what it reads. */
export interface AcceptedPredicate {
  /**
   * The predicate with `$1…$n` (each cast to its declared type) for `:asOf` (the business instant),
   * `:today` (its business date, CST), `:cases` (the screened case numbers) and the model's parameters.
   */
  sql: string;
  /** Parameter names in positional order. */
  parameters: string[];
  views: string[];
  functions: string[];
}

const SQL_TYPES: Record<string, string> = {
  integer: 'int',
  number: 'numeric',
  string: 'text',
  boolean: 'boolean',
  date: 'date',
};

/**
 * Accepts a model's predicate before it ever runs: one SELECT (CTEs, unions and subqueries
 * allowed) that reads only the canonical views and calls only allowed functions, with only the
 * declared parameters. Refusals are `ModelRefusal`s with a Chinese message.
 */
export function acceptPredicate(
  file: Pick<DeclarativeModelFile, 'predicate' | 'parameters'>,
): AcceptedPredicate {
  const types: Record<string, string> = { asOf: 'timestamptz', today: 'date', cases: 'text[]' };
  for (const [name, p] of Object.entries(file.parameters ?? {})) types[name] = SQL_TYPES[p.type]!;
  const { sql, parameters } = positional(file.predicate, types);

  let statements: Statement[];
  try {
    statements = parse(sql);
  } catch (e) {
    const first = (e as Error).message.split('\n')[0] ?? '';
    throw new ModelRefusal('parse', `判断条件不是可解析的 SQL 查询语句：${first}`);
  }
  if (statements.length !== 1) {
    throw new ModelRefusal('not_select', `判断条件只能是一条 SELECT 查询语句，收到 ${statements.length} 条`);
  }
  const root = statements[0]!;
  const views = new Set<string>();
  const functions = new Set<string>();
  const ctes = new Set<string>();
  collectCtes(root, ctes);
  walk(root, (node) => {
    const type = node['type'];
    if (typeof type !== 'string') return;
    if (WRITE_KINDS.has(type)) {
      throw new ModelRefusal('write', `判断条件只能读取数据，不得写入或修改（发现 ${type.toUpperCase()}）`);
    }
    if (type === 'table') {
      const name = node['name'] as { name: string; schema?: string };
      const schema = name.schema;
      if (schema === undefined && ctes.has(name.name)) return;
      if (
        (schema === undefined || schema === VIEWS_SCHEMA) &&
        (CANONICAL_VIEWS as readonly string[]).includes(name.name)
      ) {
        views.add(name.name);
        return;
      }
      throw new ModelRefusal(
        'table',
        `判断条件只能读取公布的标准视图（${CANONICAL_VIEWS.join('、')}），不得读取 ${schema ? `${schema}.` : ''}${name.name}`,
      );
    }
    if (type === 'call') {
      const fn = node['function'] as { name: string; schema?: string };
      const schemaOk =
        fn.schema === undefined ||
        fn.schema === 'pg_catalog' ||
        (fn.schema === VIEWS_SCHEMA && VIEW_FUNCTIONS.includes(fn.name));
      if (!schemaOk || !ALLOWED_FUNCTIONS.has(fn.name.toLowerCase())) {
        throw new ModelRefusal(
          'function',
          `判断条件调用了不允许的函数 ${fn.schema ? `${fn.schema}.` : ''}${fn.name}（允许的函数见 README“声明式模型”）`,
        );
      }
      functions.add(fn.name.toLowerCase());
    }
    if (type === 'cast') {
      const to = node['to'] as { name?: string; arrayOf?: { name?: string } };
      const name = (to.name ?? to.arrayOf?.name ?? '').toLowerCase();
      if (name.startsWith('reg') || name === 'oid') {
        throw new ModelRefusal('function', `判断条件不得转换为系统目录类型 ${name}`);
      }
    }
  });
  if (!SELECT_LIKE.has(String(root.type))) {
    throw new ModelRefusal(
      'not_select',
      `判断条件只能是 SELECT 查询语句，收到 ${String(root.type).toUpperCase()}`,
    );
  }
  // Data-modifying CTEs were refused above; a CTE that is not a query is refused here.
  for (const bind of (root as { bind?: { statement: { type: string } }[] }).bind ?? []) {
    if (!SELECT_LIKE.has(bind.statement.type)) {
      throw new ModelRefusal('write', `判断条件的 WITH 子句只能是查询`);
    }
  }
  for (const locking of findKeys(root, 'for')) {
    if (locking) throw new ModelRefusal('write', '判断条件不得加锁（FOR UPDATE / FOR SHARE）');
  }
  return { sql, parameters, views: [...views].sort(), functions: [...functions].sort() };
}

/**
 * Replaces `:name` (not `::type`, not inside quotes or comments) by `$n::type`. Refuses a name
 * that is neither `asOf`, `cases` nor a declared parameter.
 */
export function positional(
  text: string,
  types: Record<string, string>,
): { sql: string; parameters: string[] } {
  const parameters: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === "'" || ch === '"') {
      const end = closing(text, i, ch);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop;
    } else if (ch === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (ch === ':' && next !== undefined && /[A-Za-z_]/.test(next)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))!;
      const name = m[0];
      const type = types[name];
      if (!type) {
        throw new ModelRefusal(
          'parameter',
          `判断条件使用了未声明的参数 :${name}（可用：${Object.keys(types)
            .map((t) => `:${t}`)
            .join('、')}）`,
        );
      }
      let index = parameters.indexOf(name);
      if (index < 0) index = parameters.push(name) - 1;
      out += `($${index + 1}::${type})`;
      i += 1 + name.length;
    } else {
      out += ch;
      i++;
    }
  }
  return { sql: out, parameters };
}

function closing(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

type Node = Record<string, unknown>;

function walk(value: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
  } else if (value !== null && typeof value === 'object') {
    visit(value as Node);
    for (const v of Object.values(value as Node)) walk(v, visit);
  }
}

function collectCtes(value: unknown, names: Set<string>): void {
  walk(value, (node) => {
    if ((node['type'] === 'with' || node['type'] === 'with recursive') && Array.isArray(node['bind'])) {
      for (const b of node['bind'] as { alias: { name: string } }[]) names.add(b.alias.name);
    }
  });
}

function findKeys(value: unknown, key: string): unknown[] {
  const found: unknown[] = [];
  walk(value, (node) => {
    if (node['type'] === 'select' && key in node) found.push(node[key]);
  });
  return found;
}
