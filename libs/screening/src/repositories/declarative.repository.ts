import type { DataSource } from 'typeorm';
import {
  ModelRefusal,
  VIEWS_SCHEMA,
  type AcceptedPredicate,
  type PartyFact,
  type PredicateRow,
} from '@zhijian/domain';

/** The role predicates run as (migration 1734900000000): it reads the canonical views only. */
export const MODEL_READER_ROLE = 'zhijian_model_reader';

export interface PredicateRun {
  rows: PredicateRow[];
  /** Parties of the cases the rows name, in the loader's order (case, role, subject). */
  parties: PartyFact[];
  ms: number;
}

/**
 * Runs an accepted predicate: in a read-only transaction of its own, as the reader role, with
 * the views cut at `cutoff`, a statement timeout and a row limit. Database refusals come back
 * as `ModelRefusal`s with a Chinese message.
 */
export class DeclarativeRepository {
  async run(
    ds: DataSource,
    accepted: AcceptedPredicate,
    values: Record<string, unknown>,
    options: { cutoff: string; timeoutMs: number; maxRows: number },
  ): Promise<PredicateRun> {
    const params = accepted.parameters.map((name) => {
      if (!(name in values)) throw new ModelRefusal('parameter', `缺少参数 :${name} 的值`);
      return values[name];
    });
    const started = Date.now();
    try {
      return await ds.transaction(async (m) => {
        await m.query(`set transaction read only`);
        await m.query(`set local role ${MODEL_READER_ROLE}`);
        await m.query(
          `select set_config('search_path', $1, true), set_config('zhijian.cutoff', $2, true),
                  set_config('statement_timeout', $3, true)`,
          [VIEWS_SCHEMA, options.cutoff, String(options.timeoutMs)],
        );
        const found: { row: PredicateRow }[] = await m.query(
          `select to_jsonb(t) as row from (\n${accepted.sql}\n) t limit ${Math.floor(options.maxRows) + 1}`,
          params,
        );
        if (found.length > options.maxRows) {
          throw new ModelRefusal('row_limit', `判断条件返回的行数超过上限 ${options.maxRows} 行，已停止`);
        }
        const rows = found.map((f) => f.row);
        const caseNos = [...new Set(rows.map((r) => r['case_no']).filter((c) => typeof c === 'string'))];
        const parties: PartyFact[] = caseNos.length
          ? await m.query(
              `select case_no as "caseNo", role, subject_id::text as "subjectId", kind, name, id_no as "idNo", uscc
               from parties where case_no = any($1::text[]) order by case_no, role, subject_id`,
              [caseNos],
            )
          : [];
        return { rows, parties, ms: Date.now() - started };
      });
    } catch (e) {
      throw refusalOf(e, options.timeoutMs);
    }
  }

  async allCases(ds: DataSource): Promise<string[]> {
    const rows: { caseNo: string }[] = await ds.query(
      `select case_no as "caseNo" from cases order by case_no`,
    );
    return rows.map((r) => r.caseNo);
  }
}

function refusalOf(e: unknown, timeoutMs: number): Error {
  if (e instanceof ModelRefusal) return e;
  const code = (e as { code?: string }).code;
  const message = (e as Error).message;
  switch (code) {
    case '57014':
      return new ModelRefusal('timeout', `判断条件运行超过 ${timeoutMs} 毫秒，已被终止（语句超时）`);
    case '25006':
      return new ModelRefusal('write', '判断条件只能读取数据：只读事务拒绝了写入');
    case '42501':
      return new ModelRefusal('permission', `判断条件读取了模型角色无权读取的数据：${message}`);
    case '42P01':
      return new ModelRefusal('table', `判断条件读取了不存在的视图或表：${message}`);
    case '42883':
      return new ModelRefusal('function', `判断条件调用了不存在或不允许的函数：${message}`);
    case '42703':
      return new ModelRefusal('columns', `判断条件引用了视图中不存在的列：${message}`);
    case undefined:
      return e as Error;
    default:
      return new ModelRefusal('runtime', `判断条件运行出错：${message}`);
  }
}
