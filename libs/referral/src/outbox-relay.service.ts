import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { PollingService } from '@zhijian/platform';
import { OutboxRepository, type OutboxEntry } from './repositories/outbox.repository';
import { OfficeQueues, type LeadJobData } from './office-queues';
import { WITHDRAW_JOB } from '@zhijian/contracts';

/**
 * Carries new leads from the outbox to their office's queue (once their settle time, if any, has
 * passed), and takes withdrawn leads out of the queues they were in. Postgres is the record:
 * an entry is marked relayed only after its job is in Redis, and a job added twice
 * (a crash between the two) is one job, since its id is the lead id.
 */
@Injectable()
export class OutboxRelayService extends PollingService {
  private readonly outbox = new OutboxRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: OfficeQueues,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    super('outbox relay', config.pollIntervalMs, new Logger(OutboxRelayService.name));
  }

  protected tick(): Promise<number> {
    return this.relayOnce();
  }

  /**
   * One pass: pending entries, in outbox order, go to Redis outside any database transaction —
   * consecutive new jobs in one `addBulk` per queue, each withdrawal in its place — and are then
   * marked relayed. A session advisory lock keeps it to one relay at a time across processes, so
   * that a withdrawal is never overtaken by another relay re-adding the lead's job; a crash before
   * the mark relays the entries again, which adds nothing (job id = lead id).
   */
  async relayOnce(limit = 1000): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (!(await this.outbox.tryRelayLock(runner.manager))) return 0;
      try {
        const entries = await this.outbox.claimPending(runner.manager, limit);
        let adds: OutboxEntry[] = [];
        const flush = async () => {
          if (!adds.length) return;
          await this.queues.addLeads(
            adds.map((e) => ({
              queue: e.queue,
              data: e.payload as unknown as LeadJobData,
              priority: e.priority,
              jobName: e.jobName,
            })),
          );
          adds = [];
        };
        for (const e of entries) {
          if (e.jobName !== WITHDRAW_JOB) {
            adds.push(e);
            continue;
          }
          await flush();
          // A lead withdrawn because later facts cured it leaves the office's queue.
          await this.queues.removeLead(e.queue, e.leadId);
        }
        await flush();
        await this.outbox.markRelayed(
          runner.manager,
          entries.map((e) => e.id),
        );
        return entries.length;
      } finally {
        await this.outbox.releaseRelayLock(runner.manager);
      }
    } finally {
      await runner.release();
    }
  }
}
