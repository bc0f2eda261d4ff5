import type { EntityManager } from 'typeorm';
import { LeadIntakeRepository, type IntakeLead } from './repositories/intake.repository';

/** What intake tells the command line of an office's inbox, without a principal (operators' tools). */
export class IntakeStatus {
  private readonly intake = new LeadIntakeRepository();

  async mostUrgentLead(m: EntityManager, unitCode: string): Promise<IntakeLead | null> {
    const [lead] = await this.intake.inbox(m, unitCode, 1, 0);
    return lead ?? null;
  }
}
