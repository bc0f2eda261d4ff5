import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { JOB_NAMES } from '@zhijian/contracts';

export const LEAD_JOB_NAME = JOB_NAMES.lead;

/**
 * Data of a job in an office's intake queue; the lead itself is read from the API.
 * A `lead` job asks the office to handle the lead; an `inform` job tells it of a lead handled
 * elsewhere (`inform`); an escalated lead's job says where it came from (`escalation`).
 */
export interface LeadJobData {
  leadId: string;
  modelId: string;
  caseNo: string | null;
  /** The office the lead is with when the job was made. */
  unitCode: string;
  severity: string;
  title: string;
  kind?: string;
  desk?: string | null;
  /** The routing reason (README, "Referral policy"). */
  reason?: string;
  inform?: { unitCode: string; reason: string };
  escalation?: { level: number; fromUnit: string };
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

  /** Job id = lead id: adding the same lead twice to a queue leaves one job. */
  async addLead(
    queueName: string,
    data: LeadJobData,
    priority: number,
    jobName: string = LEAD_JOB_NAME,
  ): Promise<void> {
    const opts: JobsOptions = {
      jobId: data.leadId,
      priority,
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 30 * 24 * 3600 },
    };
    await this.queue(queueName).add(jobName, data, opts);
  }

  /**
   * Several leads' jobs in one Redis round trip per queue (`addBulk`), with the options of
   * `addLead`: a job whose id (the lead id) is already there stays one job.
   */
  async addLeads(
    jobs: { queue: string; data: LeadJobData; priority: number; jobName: string }[],
  ): Promise<void> {
    const byQueue = new Map<string, typeof jobs>();
    for (const j of jobs) {
      const list = byQueue.get(j.queue);
      if (list) list.push(j);
      else byQueue.set(j.queue, [j]);
    }
    await Promise.all(
      [...byQueue].map(([queueName, list]) =>
        this.queue(queueName).addBulk(
          list.map((j) => ({
            name: j.jobName,
            data: j.data,
            opts: {
              jobId: j.data.leadId,
              priority: j.priority,
              attempts: 5,
              backoff: { type: 'exponential', delay: 5_000 },
              removeOnComplete: { age: 30 * 24 * 3600 },
            },
          })),
        ),
      ),
    );
  }

  /**
   * Takes a withdrawn lead's job out of a queue (any job name: the lead's job id is its id). A job
   * already gone is fine; one a consumer holds right now cannot be removed and is reported.
   */
  async removeLead(queueName: string, leadId: string): Promise<'removed' | 'absent'> {
    const job = await this.queue(queueName).getJob(leadId);
    if (!job) return 'absent';
    await job.remove();
    return 'removed';
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => undefined);
  }
}
