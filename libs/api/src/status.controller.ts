import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ClockRepository, LeadRepository, OutboxRepository, ScreeningRepository } from '@zhijian/persistence';

/** What an operator (and the demo) needs to see the hub's progress. */
@ApiTags('operations')
@Controller()
export class StatusController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('health')
  async health(): Promise<{ status: 'ok' }> {
    await this.dataSource.query('select 1');
    return { status: 'ok' };
  }

  @Get('v1/status')
  async status(): Promise<unknown> {
    const m = this.dataSource.manager;
    const events: { topic: string; n: number }[] = await m.query(
      `select topic, count(*)::int as n from raw_events group by topic order by topic`,
    );
    const rejected: { reason: string; n: number }[] = await m.query(
      `select reason, count(*)::int as n from quarantine group by reason order by reason`,
    );
    const leads = await new LeadRepository().countByModelAndUnit(m);
    const screening = new ScreeningRepository();
    const screeningBacklog = await screening.queueLength(m);
    const timersDue = await screening.dueTimers(m);
    const outboxPending = await new OutboxRepository().pendingCount(m);
    const clocks = new ClockRepository();
    const clock = await clocks.read(m);
    const now = Date.now();
    const sources = (await clocks.sourceClocks(m)).map((s) => ({
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
    const curedLeads = await new LeadRepository().curedCounts(m);
    return {
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
    };
  }
}
