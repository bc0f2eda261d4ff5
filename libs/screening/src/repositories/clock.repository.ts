import type { EntityManager } from 'typeorm';

export class ClockRepository {
  /** Every source's stored clock (those that have one). */
  async storedSourceClocks(m: EntityManager): Promise<{ source: string; asOf: Date }[]> {
    return m.query(`select source, as_of as "asOf" from source_clocks where as_of > '-infinity'`);
  }

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
   * Every source's progress over its partitions, its clock, and whether its feed is live: every
   * partition of its topics read to its end and quiet for `idleMs` (a partition with messages not
   * yet read holds it back).
   */
  async sourceProgress(
    m: EntityManager,
    idleMs: number,
  ): Promise<
    {
      source: string;
      maxOccurredAt: Date;
      lastArrivalAt: Date;
      asOf: Date;
      feedLive: boolean;
      feedWatermark: Date | null;
    }[]
  > {
    return m.query(
      `with parts as (
         select topic, caught_up and updated_at < now() - make_interval(secs => $1::float8 / 1000) as idle,
                case when max_occurred_at = '-infinity' then 'epoch'::timestamptz else max_occurred_at end as max_at
         from partition_progress),
       feeds as (
         select topic, bool_and(idle) as live, min(max_at) filter (where not idle) as watermark
         from parts group by topic),
       sources as (
         select p.source, max(p.max_occurred_at) as max_occurred_at, max(p.last_arrival_at) as last_arrival_at,
                bool_and(coalesce(f.live, false)) as live, min(f.watermark) as watermark
         from source_progress p left join feeds f on f.topic = p.topic
         group by p.source)
       select s.source, s.max_occurred_at as "maxOccurredAt", s.last_arrival_at as "lastArrivalAt",
              coalesce(c.as_of, 'epoch'::timestamptz) as "asOf", s.live as "feedLive", s.watermark as "feedWatermark"
       from sources s left join source_clocks c on c.source = s.source`,
      [idleMs],
    );
  }

  /** Moves sources' clocks forward (never back). */
  async advanceSources(m: EntityManager, clocks: { source: string; asOf: Date }[]): Promise<void> {
    if (!clocks.length) return;
    await m.query(
      `insert into source_clocks (source, as_of)
       select x.source, x."asOf" from jsonb_to_recordset($1::jsonb) as x(source text, "asOf" timestamptz)
       order by x.source
       on conflict (source) do update set as_of = greatest(source_clocks.as_of, excluded.as_of)`,
      [JSON.stringify(clocks)],
    );
  }

  /** Each source's clock, progress and arrivals, for operators (`/v1/status`). */
  async sourceClocks(m: EntityManager): Promise<SourceClockRow[]> {
    return m.query(
      `select p.source, string_agg(distinct p.topic, ',') as topic, c.as_of as "asOf",
              max(p.max_occurred_at) as "maxOccurredAt", sum(p.events)::float8 as events,
              min(p.first_arrival_at) as "firstArrivalAt", max(p.last_arrival_at) as "lastArrivalAt"
       from source_progress p left join source_clocks c on c.source = p.source
       group by p.source, c.as_of order by p.source`,
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
