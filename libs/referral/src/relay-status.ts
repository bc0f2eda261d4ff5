import type { EntityManager } from 'typeorm';
import { OutboxRepository } from './repositories/outbox.repository';

/** What referral tells other stages of itself: outbox entries waiting for the relay. */
export class RelayStatus {
  private readonly outbox = new OutboxRepository();

  pending(m: EntityManager): Promise<number> {
    return this.outbox.pendingCount(m);
  }
}
