import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';

export const LEAD_JOB_NAME = 'lead';

/** Data of a job in an office's intake queue; the lead itself is read from the API. */
export interface LeadJobData {
  leadId: string;
  modelId: string;
  caseNo: string | null;
  unitCode: string;
  severity: string;
  title: string;
}

/** One BullMQ queue per office, opened on first use. The only place that speaks BullMQ. */
@Injectable()
export class OfficeQueues implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue<LeadJobData>>();
  private readonly connection: Redis;

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {
    this.connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  }

  queue(name: string): Queue<LeadJobData> {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue<LeadJobData>(name, { connection: this.connection, prefix: this.config.queuePrefix });
      this.queues.set(name, q);
    }
    return q;
  }

  /** Job id = lead id: adding the same lead twice leaves one job. */
  async addLead(queueName: string, data: LeadJobData, priority: number): Promise<void> {
    const opts: JobsOptions = {
      jobId: data.leadId,
      priority,
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 30 * 24 * 3600 },
    };
    await this.queue(queueName).add(LEAD_JOB_NAME, data, opts);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
