import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { PollingService } from '@zhijian/platform';
import { OutboxRepository } from './repositories/outbox.repository';
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

  async relayOnce(limit = 200): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const entries = await this.outbox.claimPending(m, limit);
      for (const e of entries) {
        if (e.jobName === WITHDRAW_JOB) {
          // A lead withdrawn because later facts cured it leaves the office's queue.
          await this.queues.removeLead(e.queue, e.leadId);
          continue;
        }
        await this.queues.addLead(e.queue, e.payload as unknown as LeadJobData, e.priority, e.jobName);
      }
      await this.outbox.markRelayed(
        m,
        entries.map((e) => e.id),
      );
      return entries.length;
    });
  }
}
