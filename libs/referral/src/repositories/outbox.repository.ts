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

export class OutboxRepository {
  /** Pending entries, locked for this relay until its transaction ends. */
  async claimPending(m: EntityManager, limit: number): Promise<OutboxEntry[]> {
    return m.query(
      `select id::text, lead_id as "leadId", queue, job_name as "jobName", priority, payload from outbox
       where relayed_at is null and not_before <= now() order by id limit $1 for update skip locked`,
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
