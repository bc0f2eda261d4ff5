import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The screening queue keyed by case made every ingest insert wait on the rows a
 * screening transaction was deleting (ON CONFLICT must see the outcome). An append-only
 * queue never conflicts: screening claims rows by id and dedupes cases in memory.
 * The raw envelope is kept as `json` (the producer's text, checked) rather than `jsonb`,
 * which is never queried and costs a conversion per event.
 */
export class AppendOnlyScreeningQueue1732700000000 implements MigrationInterface {
  name = 'AppendOnlyScreeningQueue1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table screening_queue_v2 (
        id bigserial primary key,
        case_no text not null,
        enqueued_at timestamptz not null default now()
      );
      insert into screening_queue_v2 (case_no, enqueued_at) select case_no, enqueued_at from screening_queue order by enqueued_at;
      drop table screening_queue;
      alter table screening_queue_v2 rename to screening_queue;
      alter index screening_queue_v2_pkey rename to screening_queue_pkey;
      alter sequence screening_queue_v2_id_seq rename to screening_queue_id_seq;
      alter table raw_events alter column envelope type json using envelope::json;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table raw_events alter column envelope type jsonb using envelope::jsonb;
      create table screening_queue_v1 (case_no text primary key, enqueued_at timestamptz not null default now());
      insert into screening_queue_v1 (case_no, enqueued_at)
        select case_no, min(enqueued_at) from screening_queue group by case_no;
      drop table screening_queue;
      alter table screening_queue_v1 rename to screening_queue;
    `);
  }
}
