import type { EntityManager } from 'typeorm';

/** A job the outbox relay adds for a new lead; the relay merges `leadId` into the payload. */
export interface OutboxJob {
  queue: string;
  /** `lead` or `inform` (libs/referral JOB_NAMES). */
  name: string;
  priority: number;
  payload: Record<string, unknown>;
}

export interface OutboxEntry {
  id: string;
  leadId: string;
  queue: string;
  jobName: string;
  priority: number;
  payload: Record<string, unknown>;
}

/** Session advisory lock of the outbox relay (hashtextextended('zhijian:outbox_relay', 0)). */
const RELAY_LOCK = `hashtextextended('zhijian:outbox_relay', 0)`;

export class OutboxRepository {
  /** Takes the relay's session lock if free: one relay at a time across processes. */
  async tryRelayLock(m: EntityManager): Promise<boolean> {
    const [lock]: { locked: boolean }[] = await m.query(
      `select pg_try_advisory_lock(${RELAY_LOCK}) as locked`,
    );
    return lock?.locked ?? false;
  }

  async releaseRelayLock(m: EntityManager): Promise<void> {
    await m.query(`select pg_advisory_unlock(${RELAY_LOCK})`);
  }

  /** Pending entries, locked for this relay until its transaction ends. */
  async claimPending(m: EntityManager, limit: number): Promise<OutboxEntry[]> {
    // Several relays: an entry waits while an earlier one of its lead is with another relay (not
    // claimed here), so a lead's add and withdraw reach Redis in the order they were written.
    return m.query(
      `with claimed as (
         select id, lead_id, queue, job_name, priority, payload from outbox
         where relayed_at is null and not_before <= now() order by id limit $1 for update skip locked)
       select c.id::text, c.lead_id as "leadId", c.queue, c.job_name as "jobName", c.priority, c.payload
       from claimed c
       where not exists (
         select 1 from outbox e where e.lead_id = c.lead_id and e.id < c.id and e.relayed_at is null
           and e.not_before <= now() and e.id not in (select id from claimed))
       order by c.id`,
      [limit],
    );
  }

  async markRelayed(m: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await m.query(`update outbox set relayed_at = now() where id = any($1::bigint[])`, [ids]);
  }

  async pendingCount(m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `select count(*)::int as n from outbox where relayed_at is null and not_before <= now()`,
    );
    return rows[0]?.n ?? 0;
  }
}
