/**
 * Business time. Domain code never reads the wall clock: it is handed an "as of"
 * instant. In live operation that is now; in a replay it is the feeds' watermark,
 * so that replaying the same history raises the same leads.
 */
export interface BusinessClock {
  asOf(): Promise<Date>;
}

export class WallClock implements BusinessClock {
  async asOf(): Promise<Date> {
    return new Date();
  }
}

export class FixedClock implements BusinessClock {
  constructor(private instant: Date) {}
  async asOf(): Promise<Date> {
    return this.instant;
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

export interface PartitionProgress {
  /** Latest business time seen on the partition. */
  maxOccurredAt: Date;
  /** Whether everything published to the partition so far has been read. */
  caughtUp: boolean;
}

/**
 * The low watermark of the feeds: a partition that still has unread messages holds
 * the clock at the newest time it has delivered, since older facts may still be
 * behind it; partitions read to their end do not hold it back. Never moves backwards.
 */
export function watermarkOf(previous: Date | null, partitions: PartitionProgress[]): Date | null {
  if (partitions.length === 0) return previous;
  const lagging = partitions.filter((p) => !p.caughtUp);
  const times = (lagging.length ? lagging : partitions).map((p) => p.maxOccurredAt.getTime());
  const candidate = lagging.length ? Math.min(...times) : Math.max(...times);
  if (previous && previous.getTime() >= candidate) return previous;
  return new Date(candidate);
}
