import type { EntityManager } from 'typeorm';
import { ClockRepository, type SourceClockRow } from './repositories/clock.repository';
import { LeadRepository } from './repositories/lead.repository';
import { ScreeningRepository } from './repositories/screening.repository';

/** What screening tells other stages of itself: its backlog, business time and the leads it raised. */
export class ScreeningStatus {
  private readonly screening = new ScreeningRepository();
  private readonly clocks = new ClockRepository();
  private readonly leads = new LeadRepository();

  backlog(m: EntityManager): Promise<number> {
    return this.screening.queueLength(m);
  }

  timersDue(m: EntityManager): Promise<number> {
    return this.screening.dueTimers(m);
  }

  businessClock(m: EntityManager): Promise<Date | null> {
    return this.clocks.read(m);
  }

  sourceClocks(m: EntityManager): Promise<SourceClockRow[]> {
    return this.clocks.sourceClocks(m);
  }

  curedLeads(m: EntityManager): Promise<{ withdrawn: number; flagged: number }> {
    return this.leads.curedCounts(m);
  }

  leadsByModelAndUnit(m: EntityManager): Promise<{ modelId: string; unitCode: string; n: number }[]> {
    return this.leads.countByModelAndUnit(m);
  }
}
