import type { EntityManager } from 'typeorm';

export interface TaxRecordRow {
  subjectId: string;
  /** `2025-03` or `2025-Q1`, as sent. */
  period: string;
  /** The period's days, [periodStart, periodEnd). */
  periodStart: string;
  periodEnd: string;
  authority: string;
  taxPaidFen: number;
  incomeFen: number | null;
  rawEventId: string;
  occurredAt: string;
}

/** registry.tax/1: one record per (taxpayer, period, authority). */
export class TaxRepository {
  /** The newest record by business time wins (then the later arrival), whatever order they arrive in. */
  async upsertTaxRecords(m: EntityManager, rows: TaxRecordRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into tax_records as t (subject_id, period, authority, period_start, period_end, tax_paid_fen, income_fen,
                                     raw_event_id, occurred_at)
       select x."subjectId"::bigint, x.period, x.authority, x."periodStart", x."periodEnd", x."taxPaidFen", x."incomeFen",
              x."rawEventId"::bigint, x."occurredAt"
       from jsonb_to_recordset($1::jsonb) as x("subjectId" text, period text, authority text, "periodStart" date,
            "periodEnd" date, "taxPaidFen" bigint, "incomeFen" bigint, "rawEventId" text, "occurredAt" timestamptz)
       order by x."subjectId"::bigint, x.period, x.authority
       on conflict (subject_id, period, authority) do update set
         tax_paid_fen = excluded.tax_paid_fen, income_fen = excluded.income_fen,
         raw_event_id = excluded.raw_event_id, occurred_at = excluded.occurred_at
       where (t.occurred_at, t.raw_event_id) <= (excluded.occurred_at, excluded.raw_event_id)`,
      [JSON.stringify(rows)],
    );
  }
}
