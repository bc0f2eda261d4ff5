import type { EntityManager } from 'typeorm';
import {
  FEED_TOPICS,
  reasonMessageZh,
  type SourceDay,
  type SourceList,
  type SourceRejections,
  type SourceReport,
} from '@zhijian/contracts';
import { foldWidth } from '@zhijian/domain';

type Queryable = Pick<EntityManager, 'query'>;

/** A source whose p95 lateness is over this is flagged late. */
export const LATE_P95_SECONDS = 24 * 3600;
/** Quarantine rows read per report (newest first); a report says rejections over this are not counted. */
const MAX_QUARANTINE_ROWS = 20_000;
const EXAMPLES_PER_REASON = 3;

export interface ConformancePeriod {
  from: Date;
  to: Date;
  now: Date;
  silentMs: number;
}

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;
const cstDay = (t: Date) => new Date(t.getTime() + CST_MS).toISOString().slice(0, 10);

/** The logical feed topic of a (possibly prefixed) physical topic. */
function logicalTopic(physical: string): string {
  return Object.keys(FEED_TOPICS).find((t) => physical === t || physical.endsWith(`.${t}`)) ?? physical;
}

/** The source a quarantined message claims, read from its bytes (null when it names none). */
export function sourceOfRaw(raw: Buffer): string | null {
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    const s = (v as { source?: unknown } | null)?.source;
    return typeof s === 'string' ? foldWidth(s).trim() : null;
  } catch {
    return null;
  }
}

interface QuarantineRow {
  id: string;
  reason: string;
  violations: { pointer?: string; message?: string }[];
  raw: Buffer;
  receivedAt: Date;
}

/**
 * The conformance report of each producer (issue 16): events by type and day, rejections by
 * reason with examples, lateness, out-of-order and duplicate counts, watermark, lag and silence.
 * Read only. Events are counted by arrival day; quarantined messages are attributed to the
 * source they claim (a message with no readable source is in no source's report).
 */
export class SourceConformanceRepository {
  /** Adds duplicates found by the ingest transaction (per source, China day of now). */
  async recordDuplicates(
    m: Queryable,
    bySource: ReadonlyMap<string, number>,
    now = new Date(),
  ): Promise<void> {
    const entries = [...bySource].filter(([, n]) => n > 0);
    if (!entries.length) return;
    await m.query(
      `insert into source_duplicates (source, day, duplicates)
       select x.source, $3::date, x.n from unnest($1::text[], $2::bigint[]) as x(source, n)
       order by x.source
       on conflict (source, day) do update set duplicates = source_duplicates.duplicates + excluded.duplicates`,
      [entries.map(([s]) => s), entries.map(([, n]) => n), cstDay(now)],
    );
  }

  async list(m: Queryable, p: ConformancePeriod): Promise<SourceList> {
    const reports = await this.reports(m, p, null);
    return {
      from: p.from.toISOString(),
      to: p.to.toISOString(),
      silentAfterHours: p.silentMs / 3_600_000,
      sources: reports.map(
        ({ eventsByTypeAndDay: _e, rejections: _r, from: _f, to: _t, silentAfterHours: _s, ...summary }) =>
          summary,
      ),
    };
  }

  async report(m: Queryable, p: ConformancePeriod, source: string): Promise<SourceReport | null> {
    const [report] = await this.reports(m, p, source);
    return report ?? null;
  }

  private async reports(m: Queryable, p: ConformancePeriod, only: string | null): Promise<SourceReport[]> {
    const window = [p.from, p.to, only];
    const filter = `received_at >= $1 and received_at < $2 and ($3::text is null or source = $3)`;
    const byTypeDay: { source: string; day: string; type: string; events: number }[] = await m.query(
      `select source, to_char((received_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day,
              coalesce(payload->>'type', payload->>'event', schema_id) as type, count(*)::int as events
       from raw_events where ${filter} group by 1, 2, 3 order by 1, 2, 3`,
      window,
    );
    const lateness: { source: string; p50: number; p95: number; max: number }[] = await m.query(
      `select source,
              percentile_cont(0.5) within group (order by extract(epoch from received_at - occurred_at))::float8 as p50,
              percentile_cont(0.95) within group (order by extract(epoch from received_at - occurred_at))::float8 as p95,
              max(extract(epoch from received_at - occurred_at))::float8 as max
       from raw_events where ${filter} group by source`,
      window,
    );
    // Out of order: business time before the newest the source had delivered before it (by arrival).
    const outOfOrder: { source: string; n: number }[] = await m.query(
      `select source, count(*) filter (where occurred_at < before)::int as n
       from (select source, occurred_at, received_at,
                    max(occurred_at) over (partition by source order by id
                                           rows between unbounded preceding and 1 preceding) as before
             from raw_events where received_at < $2 and ($3::text is null or source = $3)) x
       where received_at >= $1
       group by source`,
      window,
    );
    const duplicates: { source: string; n: number }[] = await m.query(
      `select source, sum(duplicates)::int as n from source_duplicates
       where day >= ($1::timestamptz at time zone 'Asia/Shanghai')::date
         and day <= ($2::timestamptz at time zone 'Asia/Shanghai')::date
         and ($3::text is null or source = $3)
       group by source`,
      window,
    );
    const progress: { source: string; topics: string[]; lastArrivalAt: Date; maxOccurredAt: Date }[] =
      await m.query(
        `select source, array_agg(distinct topic) as topics, max(last_arrival_at) as "lastArrivalAt",
                max(max_occurred_at) as "maxOccurredAt"
         from source_progress where ($1::text is null or source = $1) group by source`,
        [only],
      );
    const clocks: { source: string; asOf: Date }[] = await m.query(
      `select source, as_of as "asOf" from source_clocks where ($1::text is null or source = $1)`,
      [only],
    );
    const quarantine: QuarantineRow[] = await m.query(
      `select id::text, reason, violations, raw, received_at as "receivedAt" from quarantine
       where received_at >= $1 and received_at < $2 order by id desc limit ${MAX_QUARANTINE_ROWS}`,
      [p.from, p.to],
    );

    const sources = new Set<string>([
      ...byTypeDay.map((r) => r.source),
      ...progress.map((r) => r.source),
      ...duplicates.map((r) => r.source),
    ]);
    const rejectedBy = new Map<string, QuarantineRow[]>();
    for (const q of quarantine) {
      const s = sourceOfRaw(q.raw);
      if (s === null || (only !== null && s !== only)) continue;
      sources.add(s);
      const list = rejectedBy.get(s) ?? [];
      list.push(q);
      rejectedBy.set(s, list);
    }
    if (only !== null && !sources.has(only)) return [];

    const days = daysOf(p.from, p.to);
    return [...sources].sort().map((source) => {
      const typeDay = byTypeDay.filter((r) => r.source === source);
      const perDay = new Map<string, number>();
      for (const r of typeDay) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.events);
      const daily: SourceDay[] = days.map((day) => ({ day, events: perDay.get(day) ?? 0 }));
      const events = typeDay.reduce((n, r) => n + r.events, 0);
      const late = lateness.find((r) => r.source === source);
      const dup = duplicates.find((r) => r.source === source)?.n ?? 0;
      const prog = progress.find((r) => r.source === source);
      const clock = clocks.find((r) => r.source === source)?.asOf ?? prog?.maxOccurredAt ?? null;
      const watermark = clock && clock > p.now ? p.now : clock;
      const rejections = rejectionsOf(rejectedBy.get(source) ?? []);
      const lastArrivalAt = prog?.lastArrivalAt ?? null;
      const topics = (prog?.topics ?? []).map(logicalTopic);
      return {
        source,
        topics: [...new Set(topics)].sort(),
        from: p.from.toISOString(),
        to: p.to.toISOString(),
        silentAfterHours: p.silentMs / 3_600_000,
        events,
        rejected: rejections.reduce((n, r) => n + r.count, 0),
        futureDated: rejections.find((r) => r.reason === 'future_dated')?.count ?? 0,
        outOfOrder: outOfOrder.find((r) => r.source === source)?.n ?? 0,
        duplicates: dup,
        duplicateRate: events + dup > 0 ? dup / (events + dup) : 0,
        lateness: late ? { p50Seconds: late.p50, p95Seconds: late.p95, maxSeconds: late.max } : null,
        late: late ? late.p95 > LATE_P95_SECONDS : false,
        watermark: watermark?.toISOString() ?? null,
        lagSeconds: watermark
          ? Math.max(0, Math.round((p.now.getTime() - watermark.getTime()) / 1000))
          : null,
        lastArrivalAt: lastArrivalAt?.toISOString() ?? null,
        silent: !lastArrivalAt || p.now.getTime() - lastArrivalAt.getTime() > p.silentMs,
        daily,
        eventsByTypeAndDay: typeDay.map(({ day, type, events: n }) => ({ day, type, events: n })),
        rejections,
      };
    });
  }
}

function daysOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const last = cstDay(new Date(to.getTime() - 1));
  for (let t = from.getTime(); out.length < 400; t += DAY_MS) {
    const d = cstDay(new Date(t));
    if (d > last) break;
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

function rejectionsOf(rows: QuarantineRow[]): SourceRejections[] {
  const byReason = new Map<string, QuarantineRow[]>();
  for (const r of rows) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r]);
  return [...byReason]
    .map(([reason, list]) => ({
      reason,
      messageZh: reasonMessageZh(reason),
      count: list.length,
      examples: list.slice(0, EXAMPLES_PER_REASON).map((q) => ({
        quarantineId: q.id,
        receivedAt: new Date(q.receivedAt).toISOString(),
        pointer: q.violations[0]?.pointer ?? '/',
        message: q.violations[0]?.message ?? '',
      })),
    }))
    .sort((a, b) => b.count - a.count);
}
