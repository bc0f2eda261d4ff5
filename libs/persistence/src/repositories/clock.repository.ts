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

  /**
   * What a batch delivered per source: its newest business time (capped at the wall clock, so a
   * producer's clock ahead of ours never moves business time) and how many new events.
   */
  async recordSourceProgress(
    m: EntityManager,
    rows: { source: string; topic: string; maxOccurredAt: string; events: number }[],
  ): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into source_clocks (source, topic, max_occurred_at, as_of, events)
       select x.source, x.topic, least(x."maxOccurredAt", now()), '-infinity', x.events
       from jsonb_to_recordset($1::jsonb) as x(source text, topic text, "maxOccurredAt" timestamptz, events int)
       order by x.source
       on conflict (source) do update set
         max_occurred_at = greatest(source_clocks.max_occurred_at, excluded.max_occurred_at),
         events = source_clocks.events + excluded.events,
         last_arrival_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Every source's progress, and whether its feed is live: every partition of its topic read to
   * its end and quiet for `idleMs` (a partition with messages not yet read holds it back).
   */
  async sourceProgress(
    m: EntityManager,
    idleMs: number,
  ): Promise<{ source: string; maxOccurredAt: Date; lastArrivalAt: Date; asOf: Date; feedLive: boolean }[]> {
    return m.query(
      `with feeds as (
         select topic, bool_and(caught_up and updated_at < now() - make_interval(secs => $1::float8 / 1000)) as live
         from partition_progress group by topic)
       select s.source, s.max_occurred_at as "maxOccurredAt", s.last_arrival_at as "lastArrivalAt",
              case when s.as_of = '-infinity' then 'epoch'::timestamptz else s.as_of end as "asOf",
              coalesce(f.live, false) as "feedLive"
       from source_clocks s left join feeds f on f.topic = s.topic`,
      [idleMs],
    );
  }

  /** Moves sources' clocks forward (never back). */
  async advanceSources(m: EntityManager, clocks: { source: string; asOf: Date }[]): Promise<void> {
    if (!clocks.length) return;
    await m.query(
      `update source_clocks s set as_of = greatest(s.as_of, x."asOf")
       from jsonb_to_recordset($1::jsonb) as x(source text, "asOf" timestamptz)
       where s.source = x.source`,
      [JSON.stringify(clocks)],
    );
  }

  /** Each source's clock, progress and arrivals, for operators (`/v1/status`). */
  async sourceClocks(m: EntityManager): Promise<SourceClockRow[]> {
    return m.query(
      `select source, topic, case when as_of = '-infinity' then null else as_of end as "asOf",
              max_occurred_at as "maxOccurredAt", events::float8 as events,
              first_arrival_at as "firstArrivalAt", last_arrival_at as "lastArrivalAt"
       from source_clocks order by source`,
    );
  }
}

export interface SourceClockRow {
  source: string;
  topic: string;
  asOf: Date | null;
  maxOccurredAt: Date;
  events: number;
  firstArrivalAt: Date;
  lastArrivalAt: Date;
}
