import { addDays, cstDateOf } from '@zhijian/domain';
import {
  generateCatalogueProvince,
  toFeedMessages,
  type CatalogueProvince,
  type FeedMessage,
} from '@zhijian/simulator';
import { countOf, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * What the scale-out specs share: a small catalogue province (every model planted, the history
 * ending yesterday so that the hub goes live after the replay), and the hub's outcome as a
 * snapshot that does not depend on lead ids or timing: the leads, their intake jobs, the outbox
 * and the lifecycle transitions.
 */
export function smallProvince(): { province: CatalogueProvince; messages: FeedMessage[] } {
  const province = generateCatalogueProvince({
    seed: Number(process.env['SCALE_OUT_SEED'] ?? 20261207),
    cases: Number(process.env['SCALE_OUT_CASES'] ?? 200),
    plantedShare: 0.6,
    lastDate: addDays(cstDateOf(new Date()), -1),
  });
  return { province, messages: toFeedMessages(province.events) };
}

export interface Outcome {
  /** Every lead: model, dedup key, kind, case, status, office, desk, generation. */
  leads: string[];
  /** Every job in the office queues: queue, job name, and its lead as model and dedup key. */
  jobs: string[];
  /** Outbox entries per (queue, job name, lead). */
  outbox: string[];
  /** Lifecycle transitions by kind. */
  transitions: string[];
  rawEvents: number;
  quarantined: number;
}

const JOB_STATES = [
  'waiting',
  'prioritized',
  'delayed',
  'active',
  'completed',
  'failed',
  'paused',
  'waiting-children',
] as const;

export async function outcomeOf(env: TestEnv): Promise<Outcome> {
  const leads: { id: string; key: string }[] = await env.db.query(
    `select id::text, concat_ws(' ', model_id, dedup_key, kind, coalesce(case_no, '-'), status, unit_code,
                                coalesce(desk, '-'), generation) as key
     from leads order by key`,
  );
  const keyOf = new Map(leads.map((l) => [l.id, l.key.split(' ').slice(0, 2).join(' ')]));
  const queues: { queue: string }[] = await env.db.query(`select distinct queue from outbox order by 1`);
  const jobs: string[] = [];
  for (const { queue } of queues) {
    for (const job of await env.queue(queue).getJobs([...JOB_STATES])) {
      jobs.push(`${queue} ${job.name} ${keyOf.get(job.id ?? '') ?? `unknown lead ${job.id}`}`);
    }
  }
  const outbox: { key: string }[] = await env.db.query(
    `select concat_ws(' ', o.queue, o.job_name, l.model_id, l.dedup_key, count(*)) as key
     from outbox o join leads l on l.id = o.lead_id
     group by o.queue, o.job_name, l.model_id, l.dedup_key order by 1`,
  );
  const transitions: { key: string }[] = await env.db.query(
    `select concat_ws(' ', action, count(*)) as key from lead_transitions group by action order by 1`,
  );
  return {
    leads: leads.map((l) => l.key),
    jobs: jobs.sort(),
    outbox: outbox.map((o) => o.key),
    transitions: transitions.map((t) => t.key),
    rawEvents: await countOf(env.db, `select count(*)::int as n from raw_events`),
    quarantined: await countOf(env.db, `select count(*)::int as n from quarantine`),
  };
}

/** Waits until at least `n` events are stored (accepted or quarantined). */
export function storedAtLeast(env: TestEnv, n: number, timeoutMs = 120_000): Promise<true> {
  return waitFor(
    `${n} events stored`,
    async () =>
      (await countOf(
        env.db,
        `select ((select count(*) from raw_events) + (select count(*) from quarantine))::int as n`,
      )) >= n || undefined,
    timeoutMs,
    100,
  );
}
