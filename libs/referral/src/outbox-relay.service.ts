import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, PollingLoop, type HubConfig } from '@zhijian/config';
import { OutboxRepository } from '@zhijian/persistence';
import { OfficeQueues, type LeadJobData } from './office-queues';

/**
 * Carries new leads from the outbox to their office's queue. Postgres is the record:
 * an entry is marked relayed only after its job is in Redis, and a job added twice
 * (a crash between the two) is one job, since its id is the lead id.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly outbox = new OutboxRepository();
  private readonly loop: PollingLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: OfficeQueues,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    this.loop = new PollingLoop('outbox relay', () => this.relayOnce(), config.pollIntervalMs, this.logger);
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  async relayOnce(limit = 200): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const entries = await this.outbox.claimPending(m, limit);
      for (const e of entries) {
        await this.queues.addLead(e.queue, e.payload as unknown as LeadJobData, e.priority);
      }
      await this.outbox.markRelayed(
        m,
        entries.map((e) => e.id),
      );
      return entries.length;
    });
  }
}
