import type { EntityManager } from 'typeorm';
import { ClockRepository } from './clock.repository';

/**
 * Several screening workers (README, "Operations: scale-out"). Claims take queue rows with
 * `SKIP LOCKED`, but a case also comes into a round as a related case of another (a shared
 * party), and the fired timers of a case go back on the queue while another worker may be
 * judging it. Two workers judging one case at once would each decide against what the other
 * has not committed yet: one's lead lost as `lost_race`, timers deleted and inserted twice,
 * a lead raised as of one clock and cured as of an older one.
 *
 * So a round holds, until its transaction ends, an advisory lock per bucket of its cases (the
 * screened and the related), taken in bucket order: a second worker reaching one of those cases
 * waits and then reads what the first committed. Buckets (hash of the case number over
 * `CASE_LOCK_BUCKETS`) bound the locks a round holds, whatever its size, well under PostgreSQL's
 * lock table (`max_locks_per_transaction` × connections); a bucket shared by two unrelated
 * cases only makes one worker wait.
 */
export const CASE_LOCK_BUCKETS = 512;
/** First key of the two-key advisory locks of case buckets ("ZJ" + 1); the other users hash one 64-bit key. */
const CASE_LOCK_SPACE = 0x5a4a0001;

export async function lockCases(m: EntityManager, caseNos: string[]): Promise<void> {
  if (!caseNos.length) return;
  await m.query(
    `select count(pg_advisory_xact_lock($1::int, s.b))
     from (select distinct hashtext(c) & ($3::int - 1) as b from unnest($2::text[]) as u(c) order by 1) as s`,
    [CASE_LOCK_SPACE, caseNos, CASE_LOCK_BUCKETS],
  );
}

/**
 * The business time a round judges by, once it holds its cases: no older than what any worker
 * has stored. Each worker advances the stored clocks (monotone) before it judges, so a case
 * another worker judged while this one waited for its lock was judged as of clocks at most
 * these; judging it again as of older ones would cure a lead just raised (and raise it again).
 */
export async function freshClocks(
  m: EntityManager,
  clocks: ReadonlyMap<string, Date>,
  asOf: Date,
): Promise<{ clocks: Map<string, Date>; asOf: Date }> {
  const repo = new ClockRepository();
  const stored = await repo.storedSourceClocks(m);
  const merged = new Map(clocks);
  for (const s of stored) {
    const mine = merged.get(s.source);
    if (!mine || s.asOf.getTime() > mine.getTime()) merged.set(s.source, s.asOf);
  }
  const global = await repo.read(m);
  const later = global && global.getTime() > asOf.getTime() ? global : asOf;
  return { clocks: merged, asOf: later };
}
