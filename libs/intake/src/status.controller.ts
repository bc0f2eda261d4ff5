import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { ScreeningStatus } from '@zhijian/screening';
import { RelayStatus } from '@zhijian/referral';
import { IngestStatus, type ConsumerPartitionRow } from '@zhijian/ingest';
import type { HealthView, StalledPartitionView, StatusView } from '@zhijian/contracts';
import { MetricsRepository } from './repositories/metrics.repository';

/** What an operator (and the demo) needs to see the hub's progress. */
@ApiTags('operations')
@Controller()
export class StatusController {
  private readonly ingest = new IngestStatus();
  private readonly screening = new ScreeningStatus();
  private readonly counts = new MetricsRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /**
   * 200 `ok`, or 503 `degraded` naming the partitions that have had messages waiting and made no
   * progress for STALL_AFTER_MS (or whose consumer has not reported for that long): a stuck feed
   * is something to page for, so the status code says it. Fit for alerting and readiness; a
   * liveness probe on it would restart a hub that is waiting for its database.
   */
  @Get('health')
  @ApiOkResponse({ description: '{"status":"ok"}' })
  @ApiServiceUnavailableResponse({
    description: '{"status":"degraded","stalled":[…]}: a partition is stalled',
  })
  async health(): Promise<HealthView> {
    const partitions = await this.ingest.partitions(this.dataSource.manager, this.config.stallAfterMs);
    const stalled = partitions.filter((p) => p.stalled).map(stalledOf);
    if (stalled.length) throw new ServiceUnavailableException({ status: 'degraded', stalled });
    return { status: 'ok', stalled };
  }

  @Get('v1/status')
  async status(): Promise<StatusView> {
    const m = this.dataSource.manager;
    const events = await this.counts.eventsByTopic(m);
    const rejected = await this.counts.rejectionsByReason(m);
    const leads = await this.screening.leadsByModelAndUnit(m);
    const screeningBacklog = await this.screening.backlog(m);
    const timersDue = await this.screening.timersDue(m);
    const outboxPending = await new RelayStatus().pending(m);
    const clock = await this.screening.businessClock(m);
    const now = Date.now();
    const sources = (await this.screening.sourceClocks(m)).map((s) => ({
      source: s.source,
      topic: s.topic,
      /** The source's business time: its cases are judged as of it (README, "Business time"). */
      businessTime: s.asOf?.toISOString() ?? null,
      newestFact: s.maxOccurredAt.toISOString(),
      events: s.events,
      lastArrivalAt: s.lastArrivalAt.toISOString(),
      /** How far its business time is behind now. */
      lagSeconds: s.asOf ? Math.max(0, Math.round((now - s.asOf.getTime()) / 1000)) : null,
    }));
    const curedLeads = await this.screening.curedLeads(m);
    const partitions = await this.ingest.partitions(m, this.config.stallAfterMs);
    return {
      /** As /health says it: `degraded` when a partition is stalled. */
      health: partitions.some((p) => p.stalled) ? 'degraded' : 'ok',
      businessClock: clock?.toISOString() ?? null,
      sources,
      /** Leads later facts cured: withdrawn by the system, and flagged 事实已变更 awaiting their handler. */
      curedLeads,
      accepted: Object.fromEntries(events.map((e) => [e.topic, e.n])),
      rejected: Object.fromEntries(rejected.map((r) => [r.reason, r.n])),
      leads,
      screeningBacklog,
      /** Deadlines business time has reached that screening has yet to look at. */
      timersDue,
      outboxPending,
      /** The Kafka consumer per partition: lag, oldest unprocessed message, stall, retries. */
      stallAfterMs: this.config.stallAfterMs,
      partitions: partitions.map((p) => ({
        topic: p.topic,
        partition: p.partition,
        committedOffset: p.committedOffset,
        endOffset: p.endOffset,
        lag: p.lag,
        oldestUnprocessedAgeSeconds: round(p.oldestUnprocessedAgeSeconds),
        idleSeconds: round(p.idleSeconds),
        stalled: p.stalled,
        retryingSince: p.retryingSince?.toISOString() ?? null,
        lastError: p.lastError,
        checkedAt: p.checkedAt.toISOString(),
      })),
    };
  }
}

function stalledOf(p: ConsumerPartitionRow): StalledPartitionView {
  return {
    topic: p.topic,
    partition: p.partition,
    lag: p.lag,
    idleSeconds: round(p.idleSeconds),
    oldestUnprocessedAgeSeconds: round(p.oldestUnprocessedAgeSeconds),
    retrying: p.retryingSince !== null,
  };
}

const round = (seconds: number): number => Math.round(seconds * 10) / 10;
