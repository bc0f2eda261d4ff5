import type { DataSource, EntityManager } from 'typeorm';
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
        // The lead's parties as screening loads them (ID numbers included, masked by the API), read
        // by the hub's own role: the reader role sees no ID numbers.
        await m.query(`reset role`);
        const parties: PartyFact[] = caseNos.length
          ? await m.query(
              `select p.case_no as "caseNo", p.role, p.subject_id::text as "subjectId", s.kind, p.name,
                      s.id_no as "idNo", s.uscc
               from public.case_parties p join public.subjects s on s.id = p.subject_id
               where p.case_no = any($1::text[]) order by p.case_no, p.role, p.subject_id`,
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

export type ModelStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'listed' | 'retired';

/** A stored version of a declarative model with its review state. */
export interface StoredModel {
  modelId: string;
  version: number;
  status: ModelStatus;
  source: string;
  unitCode: string;
  createdBy: string;
  createdAt: string;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  listedAt: string | null;
  retiredAt: string | null;
}

const STORED = `model_id as "modelId", version, status, source, unit_code as "unitCode", created_by as "createdBy",
  created_at as "createdAt", review_comment as "reviewComment", reviewed_by as "reviewedBy",
  reviewed_at as "reviewedAt", listed_at as "listedAt", retired_at as "retiredAt"`;

type Queryable = Pick<EntityManager, 'query'>;

/** The versions of declarative models and their review states (table `declarative_models`), and office switches. */
export class ModelRegistryRepository {
  async listed(m: Queryable): Promise<StoredModel[]> {
    return m.query(`select ${STORED} from declarative_models where status = 'listed' order by model_id`);
  }

  async switchedOff(m: Queryable): Promise<{ modelId: string; unitCode: string }[]> {
    return m.query(`select model_id as "modelId", unit_code as "unitCode" from declarative_model_switches`);
  }

  async all(m: Queryable): Promise<StoredModel[]> {
    return m.query(`select ${STORED} from declarative_models order by model_id, version`);
  }

  async versions(m: Queryable, modelId: string): Promise<StoredModel[]> {
    return m.query(`select ${STORED} from declarative_models where model_id = $1 order by version`, [
      modelId,
    ]);
  }

  async insert(
    m: Queryable,
    row: {
      modelId: string;
      version: number;
      source: string;
      definition: unknown;
      unitCode: string;
      createdBy: string;
    },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into declarative_models (model_id, version, source, definition, unit_code, created_by)
       values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning model_id`,
      [row.modelId, row.version, row.source, JSON.stringify(row.definition), row.unitCode, row.createdBy],
    );
    return rows.length === 1;
  }

  /** Moves a version from one of `from` to `to`; false when it was not in one of them (locked row). */
  async move(
    m: Queryable,
    modelId: string,
    version: number,
    from: ModelStatus[],
    to: ModelStatus,
    review?: { by: string; comment: string | null },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      // As a CTE: a bare UPDATE … RETURNING comes back from TypeORM as [rows, count].
      `with moved as (update declarative_models set status = $4,
         review_comment = case when $5::text is not null then $6 else review_comment end,
         reviewed_by = coalesce($5, reviewed_by),
         reviewed_at = case when $5::text is not null then now() else reviewed_at end,
         listed_at = case when $4 = 'listed' then now() else listed_at end,
         retired_at = case when $4 = 'retired' then now() else retired_at end
       where model_id = $1 and version = $2 and status = any($3::text[]) returning model_id)
       select model_id from moved`,
      [modelId, version, from, to, review?.by ?? null, review?.comment ?? null],
    );
    return rows.length === 1;
  }

  async switchOff(m: Queryable, modelId: string, unitCode: string, by: string): Promise<void> {
    await m.query(
      `insert into declarative_model_switches (model_id, unit_code, switched_off_by) values ($1, $2, $3)
       on conflict do nothing`,
      [modelId, unitCode, by],
    );
  }

  async switchOn(m: Queryable, modelId: string, unitCode: string): Promise<void> {
    await m.query(`delete from declarative_model_switches where model_id = $1 and unit_code = $2`, [
      modelId,
      unitCode,
    ]);
  }
}
