import { Controller, Get, Header, Inject, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { IngestStatus } from '@zhijian/ingest';
import { RelayStatus } from '@zhijian/referral';
import { MetricsRepository } from './repositories/metrics.repository';
import { ScreeningStatus } from '@zhijian/screening';

/** The counts are read from the database at most this often; scrapes in between reuse them. */
const REFRESH_MS = 5_000;

/** A process has one default registry; a hub started twice in one process (tests) reuses its metrics. */
function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

function hubMetrics() {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
  return {
    ingested: metric(
      'zhijian_events_ingested_total',
      () =>
        new Counter({
          name: 'zhijian_events_ingested_total',
          help: 'Events accepted into the raw log, by topic',
          labelNames: ['topic'],
        }),
    ),
    rejected: metric(
      'zhijian_events_rejected_total',
      () =>
        new Counter({
          name: 'zhijian_events_rejected_total',
          help: 'Messages quarantined, by topic and reason code (unprocessable included)',
          labelNames: ['topic', 'reason'],
        }),
    ),
    leads: metric(
      'zhijian_leads',
      () =>
        new Gauge({
          name: 'zhijian_leads',
          help: 'Leads by model and status',
          labelNames: ['model', 'status'],
        }),
    ),
    outbox: metric(
      'zhijian_outbox_backlog',
      () =>
        new Gauge({
          name: 'zhijian_outbox_backlog',
          help: 'Outbox entries not yet relayed to an office queue',
        }),
    ),
    screening: metric(
      'zhijian_screening_backlog',
      () => new Gauge({ name: 'zhijian_screening_backlog', help: 'Cases waiting for screening' }),
    ),
    lag: metric(
      'zhijian_consumer_lag',
      () =>
        new Gauge({
          name: 'zhijian_consumer_lag',
          help: 'Messages in the partition the ingest consumer group has not committed yet',
          labelNames: ['topic', 'partition'],
        }),
    ),
    oldestAge: metric(
      'zhijian_oldest_unprocessed_age_seconds',
      () =>
        new Gauge({
          name: 'zhijian_oldest_unprocessed_age_seconds',
          help: 'Age of the oldest message not yet committed (since it was first seen in the partition); 0 when none',
          labelNames: ['topic', 'partition'],
        }),
    ),
    stalled: metric(
      'zhijian_partition_stalled',
      () =>
        new Gauge({
          name: 'zhijian_partition_stalled',
          help: '1 when the partition has messages and no progress for STALL_AFTER_MS (or no consumer report)',
          labelNames: ['topic', 'partition'],
        }),
    ),
  };
}

/**
 * Prometheus metrics: the process's defaults and the hub's counts. The counts are read
 * from PostgreSQL (the record, whichever process wrote them), a few cheap grouped counts,
 * and cached for REFRESH_MS. Counters follow append-only tables, so they only grow.
 */
@Injectable()
export class MetricsService {
  private readonly metrics = hubMetrics();
  private readonly repo = new MetricsRepository();
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async render(): Promise<string> {
    if (Date.now() - this.refreshedAt > REFRESH_MS) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
    return register.metrics();
  }

  private async refresh(): Promise<void> {
    const m = this.dataSource.manager;
    const [events, rejections, leads, outbox, screening, partitions] = await Promise.all([
      this.repo.eventsByTopic(m),
      this.repo.rejectionsByTopicAndReason(m),
      this.repo.leadsByModelAndStatus(m),
      new RelayStatus().pending(m),
      new ScreeningStatus().backlog(m),
      new IngestStatus().partitions(m, this.config.stallAfterMs),
    ]);
    const { ingested, rejected } = this.metrics;
    ingested.reset();
    for (const e of events) ingested.inc({ topic: e.topic }, e.n);
    rejected.reset();
    for (const r of rejections) rejected.inc({ topic: r.topic, reason: r.reason }, r.n);
    this.metrics.leads.reset();
    for (const l of leads) this.metrics.leads.set({ model: l.modelId, status: l.status }, l.n);
    this.metrics.outbox.set(outbox);
    this.metrics.screening.set(screening);
    const { lag, oldestAge, stalled } = this.metrics;
    lag.reset();
    oldestAge.reset();
    stalled.reset();
    for (const p of partitions) {
      const labels = { topic: p.topic, partition: String(p.partition) };
      lag.set(labels, p.lag);
      oldestAge.set(labels, p.oldestUnprocessedAgeSeconds);
      stalled.set(labels, p.stalled ? 1 : 0);
    }
    this.refreshedAt = Date.now();
  }
}

/** `GET /metrics`, unauthenticated like /health (the hub listens on 127.0.0.1 only). */
@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  @Header('Content-Type', register.contentType)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format' })
  metricsText(): Promise<string> {
    return this.metrics.render();
  }
}
