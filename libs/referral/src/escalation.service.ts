import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock, WallClock, type BusinessClock } from '@zhijian/domain';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { PollingService } from '@zhijian/platform';
import { EscalationRepository, type EscalationRow } from './repositories/escalation.repository';
import { decideEscalation, escalationCutoff } from './escalation';
import type { LeadJobData } from './office-queues';
import { JOB_NAMES, queueNameOf } from '@zhijian/contracts';

/** The clock escalation reads: the wall clock, or (ESCALATION_CLOCK=fixed, tests) a FixedClock they move. */
export const ESCALATION_CLOCK = Symbol('ESCALATION_CLOCK');

export function escalationClockFor(config: HubConfig): BusinessClock {
  return config.referral.escalationClock === 'fixed' ? new FixedClock(new Date()) : new WallClock();
}

const ACTOR = 'system:escalation';

/**
 * Unclaimed leads go one tier up (ESCALATE_AFTER_DAYS): the decision is `decideEscalation`;
 * the move, its `escalate` assignment row and the outbox job for the new office's queue are
 * one transaction, so a crash never leaves a lead moved without its job. Staff act in real
 * time, so the clock is the wall clock (not the feeds' business time), injected for tests.
 */
@Injectable()
export class EscalationService extends PollingService {
  private static readonly log = new Logger(EscalationService.name);
  private readonly repo = new EscalationRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ESCALATION_CLOCK) private readonly clock: BusinessClock,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    super('escalation', config.referral.escalationPollMs, EscalationService.log);
  }

  protected tick(): Promise<number> {
    return this.runOnce();
  }

  /** Escalates the leads due as of the escalation clock; returns how many moved. */
  async runOnce(limit = 200): Promise<number> {
    const asOf = await this.clock.asOf();
    const days = this.config.referral.escalateAfterDays;
    return this.dataSource.transaction(async (m) => {
      const candidates = await this.repo.unclaimedBefore(m, escalationCutoff(asOf, days), limit);
      const rows: EscalationRow[] = [];
      for (const c of candidates) {
        const arrivedAt = new Date(
          Math.max(...[c.createdAt, c.escalatedAt, c.reassignedAt].flatMap((d) => (d ? [d.getTime()] : []))),
        );
        const decision = decideEscalation(
          { status: c.status, unitCode: c.unitCode, arrivedAt, escalationLevel: c.escalationLevel },
          asOf,
          days,
        );
        if (!decision) continue;
        const payload: Omit<LeadJobData, 'leadId'> = {
          modelId: c.modelId,
          caseNo: c.caseNo,
          unitCode: decision.toUnit,
          severity: c.severity,
          title: c.title,
          kind: c.kind,
          reason: 'escalate',
          escalation: { level: decision.level, fromUnit: c.unitCode },
        };
        rows.push({
          id: c.id,
          fromUnit: c.unitCode,
          toUnit: decision.toUnit,
          toTier: decision.toTier,
          level: decision.level,
          reason: `超过${days}日未认领，升级至上一级检察院`,
          job: { queue: queueNameOf(decision.toUnit), name: JOB_NAMES.lead, priority: c.priority, payload },
        });
      }
      const moved = await this.repo.escalate(m, rows, asOf, ACTOR);
      if (moved.length) EscalationService.log.log(`${moved.length} unclaimed lead(s) escalated one tier up`);
      return moved.length;
    });
  }
}
