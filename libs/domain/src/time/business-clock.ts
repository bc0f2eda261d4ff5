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
  /** Latest business time seen on the partition; null while it has messages none of which was read yet. */
  maxOccurredAt: Date | null;
  /** Read to its end and quiet for a while: it has nothing to hold the clock back with. */
  idle: boolean;
}

/**
 * The low watermark of the feeds: the business clock may not pass the newest time a
 * busy partition has delivered, since older facts may still be behind it on another.
 * Idle partitions (read to their end and quiet) do not hold it back; once all are
 * idle it is the newest time seen anywhere — or, in live operation (`now` given), the
 * wall-clock time, since nothing is in flight that could still precede it.
 * It never moves backwards.
 */
export function watermarkOf(
  previous: Date | null,
  partitions: PartitionProgress[],
  now: Date | null = null,
): Date | null {
  // Before any feed has been read there is nothing to say what time it is in the history.
  if (partitions.length === 0) return previous;
  const busy = partitions.filter((p) => !p.idle);
  // A busy partition none of whose messages was read yet could hold anything: the clock waits.
  if (busy.some((p) => p.maxOccurredAt === null)) return previous;
  const seen = partitions.flatMap((p) => (p.maxOccurredAt ? [p.maxOccurredAt.getTime()] : []));
  let candidate: number;
  if (busy.length) {
    candidate = Math.min(...busy.map((p) => p.maxOccurredAt!.getTime()));
  } else if (now) {
    candidate = Math.max(now.getTime(), ...seen);
  } else if (seen.length) {
    candidate = Math.max(...seen);
  } else {
    return previous;
  }
  if (previous && previous.getTime() >= candidate) return previous;
  return new Date(candidate);
}
