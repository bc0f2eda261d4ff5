import { loadHubConfig } from '@zhijian/config';
import { localAdminClient, provisionHubFeeds, replayProducer } from '@zhijian/ingest';
import { generateCatalogueProvince, toFeedMessages, type FeedMessage } from '@zhijian/simulator';
import type { DataSource } from 'typeorm';
import { prepareBenchHub, removeBenchFeeds } from '../bench-hub';
import { publishAll } from '../publisher';

export interface HistoryBenchOptions {
  /** Cases of the base history. */
  baseCases: number;
  /** How many times larger the grown history is. */
  factor: number;
  /** Cases of each probe (new events measured against the stored history). */
  probeCases: number;
  /** Probes per history size; the median is reported. */
  rounds: number;
}

/** The history's last day: every history and probe is dated up to it (business time is the wall clock). */
const LAST_DATE = '2025-06-30';
/** The base and grown histories are this province's; each probe is another province's (no shared case numbers or people). */
const HISTORY_PROVINCE = '浙';
const PROBE_PROVINCES = ['苏', '皖', '闽', '赣', '鲁', '豫', '鄂', '湘', '粤', '川'];

/**
 * Incremental cost as history grows (issue 4): the per-event cost of new events — ingest,
 * projection, screening of every model, leads and outbox — measured with a base history
 * stored, then again once the history is `factor` times larger. A new event must re-evaluate
 * only what it touches, and deadlines are timers, so the ratio should stay near 1 (≤ 1.2).
 * Business time is the wall clock (CLOCK_MODE=wall) so that the history's deadlines have all
 * fired before a probe starts and the probes measure new events only.
 */
export async function historyBenchCommand(options: HistoryBenchOptions): Promise<void> {
  if (options.rounds * 2 > PROBE_PROVINCES.length)
    throw new Error(`at most ${PROBE_PROVINCES.length / 2} rounds`);
  const base = loadHubConfig();
  const prefix = `hbench${Date.now().toString(36)}`;
  const kafka = localAdminClient(base, 'zhijian-history-bench');
  // The bench hub's group is `<prefix>-hub` (prepareBenchHub).
  const acls = await provisionHubFeeds(base, kafka, prefix, `${prefix}-hub`);
  const producer = replayProducer(base, 'zhijian-history-bench');
  await producer.connect();
  const bench = await prepareBenchHub(base, 'zhijian_history_bench', prefix, 'history-bench-hub.log', {
    CLOCK_MODE: 'wall',
  });
  await bench.hub.start(bench.baseUrl);
  let published = 0;
  /** `load`: a history, not a timed probe; planner statistics are refreshed while it is taken in. */
  const publish = async (messages: FeedMessage[], label: string, load = false): Promise<number> => {
    const from = await highWater(bench.db);
    const started = Date.now();
    await publishAll(producer, prefix, messages, label);
    published += messages.length;
    await caughtUp(bench.db, from, messages.length, load);
    return Date.now() - started;
  };
  const probes = async (provinces: string[]): Promise<{ events: number; msPerEvent: number }[]> => {
    const results: { events: number; msPerEvent: number }[] = [];
    for (const abbr of provinces) {
      const probe = toFeedMessages(
        generateCatalogueProvince({
          seed: 4242,
          cases: options.probeCases,
          provinceAbbr: abbr,
          lastDate: LAST_DATE,
        }).events,
      );
      const ms = await publish(probe, `probe: ${probe.length} new events (${abbr})`);
      results.push({ events: probe.length, msPerEvent: ms / probe.length });
    }
    return results;
  };

  try {
    const history = (cases: number, seed: number) =>
      toFeedMessages(
        generateCatalogueProvince({ seed, cases, provinceAbbr: HISTORY_PROVINCE, lastDate: LAST_DATE })
          .events,
      );
    // The grown history is the base plus (factor − 1) more of the same province, in disjoint case-number years.
    const baseEvents = history(options.baseCases, 1);
    await publish(baseEvents, `base history: ${options.baseCases} cases, ${baseEvents.length} events`, true);
    // Planner statistics as autovacuum keeps them in steady operation (it would analyze within a
    // minute or so of a bulk load; the probes must not run on the plans of an empty database).
    await bench.db.query('analyze');
    const smallHistory = published;
    const small = await probes(PROBE_PROVINCES.slice(0, options.rounds));

    const more = toFeedMessages(
      generateCatalogueProvince({
        seed: 2,
        cases: options.baseCases * (options.factor - 1),
        provinceAbbr: HISTORY_PROVINCE,
        // Years before the base history's: no case number of the base is reused.
        lastDate: '2022-06-30',
      }).events,
    );
    await publish(more, `growing the history ×${options.factor}: ${more.length} more events`, true);
    await bench.db.query('analyze');
    const largeHistory = published;
    const large = await probes(PROBE_PROVINCES.slice(options.rounds, options.rounds * 2));

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const a = median(small.map((p) => p.msPerEvent));
    const b = median(large.map((p) => p.msPerEvent));
    const fmt = (p: { events: number; msPerEvent: number }[]) =>
      p.map((x) => `${x.msPerEvent.toFixed(3)} ms (${x.events} ev)`).join(', ');
    console.log(
      `\nstored events before the probes   per-event cost of new events (median of ${options.rounds})`,
    );
    console.log(
      `base     ${String(smallHistory).padStart(9)}           ${a.toFixed(3)} ms   [${fmt(small)}]`,
    );
    console.log(
      `×${options.factor}      ${String(largeHistory).padStart(9)}           ${b.toFixed(3)} ms   [${fmt(large)}]`,
    );
    console.log(`ratio (×${options.factor} / base)        ${(b / a).toFixed(3)}   (aim ≤ 1.20)`);
  } finally {
    await producer.disconnect();
    await bench.dispose();
    await removeBenchFeeds(kafka, prefix, acls);
  }
}

/** The newest raw-log and quarantine ids: what a publish adds is counted above them. */
async function highWater(db: DataSource): Promise<{ raw: string; quarantine: string }> {
  const rows: { raw: string; quarantine: string }[] = await db.query(
    `select coalesce((select max(id) from raw_events), 0)::text as raw,
            coalesce((select max(id) from quarantine), 0)::text as quarantine`,
  );
  return rows[0]!;
}

/**
 * The `expected` events published since `from` stored (or quarantined), screening, its due timers
 * and the outbox idle, twice in a row. Counted above the ids of `from` (an index range), never over
 * the whole raw log: a poll that grew with the history would itself be a cost of the history.
 */
async function caughtUp(
  db: DataSource,
  from: { raw: string; quarantine: string },
  expected: number,
  load: boolean,
): Promise<void> {
  let quiet = 0;
  let seen = '';
  let progressAt = Date.now();
  let analyzedAt = Date.now();
  for (;;) {
    // While a history is loaded: ANALYZE every 30 s, as autovacuum would (the local server may run
    // without it). Otherwise screening's claims are planned on the statistics of a near-empty queue,
    // and one over a queue of tens of thousands of rows ran for more than ten minutes.
    if (load && Date.now() - analyzedAt > 30_000) {
      await db.query('analyze');
      analyzedAt = Date.now();
    }
    const rows: { n: number; backlog: number; outbox: number }[] = await db.query(
      `select (select count(*) from raw_events where id > $1)::int
                + (select count(*) from quarantine where id > $2)::int as n,
              (select count(*) from screening_queue)::int
                + (select count(*) from deadline_timers where due_at <= now())::int as backlog,
              (select count(*) from outbox where relayed_at is null)::int as outbox`,
      [from.raw, from.quarantine],
    );
    const r = rows[0]!;
    // Progress is storing, screening or relaying: once everything is stored, screening may take longer.
    const now = `${r.n}/${r.backlog}/${r.outbox}`;
    if (now !== seen) [seen, progressAt] = [now, Date.now()];
    // A screening round over a history just loaded (before its ANALYZE) may take minutes on a loaded machine.
    if (Date.now() - progressAt > 600_000) {
      throw new Error(
        `the hub stored ${r.n} of ${expected} events (backlog ${r.backlog}, outbox ${r.outbox}) and made no progress for 10 minutes`,
      );
    }
    quiet = r.n >= expected && r.backlog === 0 && r.outbox === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
