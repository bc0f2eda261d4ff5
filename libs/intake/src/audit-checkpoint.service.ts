import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { SignedCheckpoint } from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { PollingLoop } from '@zhijian/platform';
import { kafkaClient } from '@zhijian/ingest';
import { AuditLog } from '@zhijian/access';
import { AuditCheckpointStore, verifyAuditLog, type AuditReport } from './audit-checkpoints';

/**
 * Keeps the audit log's head outside the database: at boot (after starting the keyed chain's
 * epoch if it has not started), every AUDIT_CHECKPOINT_MS while it changes, and at shutdown,
 * a MACed checkpoint is appended to the local file and published to `audit.checkpoints`.
 */
@Injectable()
export class AuditCheckpointService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(AuditCheckpointService.name);
  private readonly key: Buffer;
  private readonly store: AuditCheckpointStore;
  private readonly producer: Producer;
  private readonly loop: PollingLoop;
  private written = '';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly dataSource: DataSource,
  ) {
    if (!config.auditKey) throw new Error('no audit key: set AUDIT_KEY or AUDIT_KEY_FILE');
    this.key = config.auditKey.reveal();
    this.store = new AuditCheckpointStore(config, this.key);
    this.producer = kafkaClient(config, 'audit').producer({ allowAutoTopicCreation: false });
    this.loop = new PollingLoop(
      'audit checkpoint',
      async () => {
        await this.checkpoint();
        return 0;
      },
      config.auditCheckpointMs,
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const audit = new AuditLog(this.key);
    const epoch = await this.dataSource.transaction((m) => audit.ensureEpoch(m));
    this.logger.log(
      `audit log keyed after entry ${epoch.afterId}; checkpoints every ${this.config.auditCheckpointMs} ms`,
    );
    // Quiet: until a new topic's metadata has spread, the broker answers "unknown topic" (retried).
    const admin = kafkaClient(this.config, 'audit-admin', this.config.kafkaAuth, logLevel.NOTHING);
    await this.store.ensureTopic(admin);
    await this.producer.connect();
    this.loop.start();
  }

  /** Checkpoints the head now if it moved since the last checkpoint of this process. */
  checkpoint(): Promise<SignedCheckpoint | null> {
    const run = this.queue.then(async () => {
      const c = await this.store.current(this.dataSource.manager);
      if (!c) return null;
      const head = `${c.database} ${c.lastId} ${c.lastMac}`;
      if (head === this.written) return c;
      await this.store.write(c, this.producer);
      this.written = head;
      return c;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** `audit verify` of the API, with this process's key, database and Kafka. */
  verify(): Promise<AuditReport> {
    return verifyAuditLog(
      this.dataSource.manager,
      this.config,
      this.key,
      kafkaClient(this.config, 'audit-verify'),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    try {
      await this.checkpoint();
    } catch (e) {
      this.logger.warn(`audit checkpoint at shutdown failed: ${(e as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}
