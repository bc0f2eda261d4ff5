import type { EntityManager } from 'typeorm';

export class ClockRepository {
  async read(m: EntityManager): Promise<Date | null> {
    const rows: { asOf: Date }[] = await m.query(`select as_of as "asOf" from business_clock where id = 1`);
    return rows[0]?.asOf ?? null;
  }

  /** Each partition's newest business time, and whether it has been read to its end and quiet for `idleMs`. */
  async partitionProgress(
    m: EntityManager,
    idleMs: number,
  ): Promise<{ maxOccurredAt: Date | null; idle: boolean }[]> {
    return m.query(
      `select case when max_occurred_at = '-infinity' then null else max_occurred_at end as "maxOccurredAt",
              (caught_up and updated_at < now() - make_interval(secs => $1::float8 / 1000)) as idle
       from partition_progress`,
      [idleMs],
    );
  }

  /**
   * What the broker says of each partition, against the group's committed offsets. A partition
   * with messages not read yet is busy (one never read gets a row with no business time yet,
   * '-infinity', which holds the clock where it is). A partition at its end that was marked busy
   * is caught up again: its last batch may have been stored before its offset was committed.
   */
  async recordLag(
    m: EntityManager,
    lagging: { physicalTopic: string; partition: number }[],
    caughtUp: { physicalTopic: string; partition: number }[],
  ): Promise<void> {
    if (lagging.length) {
      await m.query(
        `insert into partition_progress (topic, kafka_partition, max_occurred_at, caught_up)
         select x."physicalTopic", x.partition, '-infinity', false
         from jsonb_to_recordset($1::jsonb) as x("physicalTopic" text, partition int)
         order by 1, 2
         on conflict (topic, kafka_partition) do update set caught_up = false, updated_at = now()`,
        [JSON.stringify(lagging)],
      );
    }
    if (caughtUp.length) {
      await m.query(
        `update partition_progress p set caught_up = true, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as x("physicalTopic" text, partition int)
         where p.topic = x."physicalTopic" and p.kafka_partition = x.partition and not p.caught_up`,
        [JSON.stringify(caughtUp)],
      );
    }
  }

  /** Moves the business clock forward (never back); returns its value after the call. */
  async advance(m: EntityManager, asOf: Date): Promise<Date> {
    const rows: { asOf: Date }[] = await m.query(
      `insert into business_clock (id, as_of) values (1, $1)
       on conflict (id) do update set as_of = greatest(business_clock.as_of, excluded.as_of)
       returning as_of as "asOf"`,
      [asOf],
    );
    return rows[0]!.asOf;
  }
}
