import type { EntityManager } from 'typeorm';

/** What ingest reports of its partitions and sources, for business time (spec §7). */
export class ProgressRepository {
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

  /**
   * What a batch delivered per source on its partition: its newest business time (capped at the
   * wall clock, so a producer's clock ahead of ours never moves business time) and how many new
   * events. Only the partition's own batches write its rows: partitions never wait on each other.
   */
  async recordSourceProgress(
    m: EntityManager,
    partition: number,
    rows: { source: string; topic: string; maxOccurredAt: string; events: number }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into source_progress (source, topic, kafka_partition, max_occurred_at, events)
       select x.source, x.topic, $2, least(x."maxOccurredAt", now()), x.events
       from jsonb_to_recordset($1::jsonb) as x(source text, topic text, "maxOccurredAt" timestamptz, events int)
       order by x.source, x.topic
       on conflict (source, topic, kafka_partition) do update set
         max_occurred_at = greatest(source_progress.max_occurred_at, excluded.max_occurred_at),
         events = source_progress.events + excluded.events,
         last_arrival_at = now()`,
      [JSON.stringify(rows), partition],
    );
  }
}
