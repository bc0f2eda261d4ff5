import type { EntityManager } from 'typeorm';
import { ConsumerLagRepository, type ConsumerPartitionRow } from './repositories/consumer-lag.repository';

type Queryable = Pick<EntityManager, 'query'>;

/** What ingest tells other stages of itself: each consumed partition's lag and whether it is stalled. */
export class IngestStatus {
  private readonly lag = new ConsumerLagRepository();

  partitions(m: Queryable, stallAfterMs: number): Promise<ConsumerPartitionRow[]> {
    return this.lag.list(m, stallAfterMs);
  }
}
