import type { ConsumerPartitionReport } from './repositories/consumer-lag.repository';

/** What the broker said of one partition at one check: the group's committed offset and the partition's range. */
export interface PartitionSample {
  physicalTopic: string;
  partition: number;
  /** The group's committed offset (the next offset to read); -1 when the group has committed none. */
  committed: bigint;
  /** Oldest offset still in the partition (retention). */
  low: bigint;
  /** The partition's end offset (the offset the next message will get). */
  high: bigint;
}

/** One partition as the consumer's operators see it: what the ingest part reports (consumer_partitions). */
export type PartitionState = ConsumerPartitionReport;

interface Watched {
  position: bigint;
  lag: bigint;
  progressedAt: Date;
  /** End offsets seen, each with when it was first seen, oldest first; pruned as the position passes them. */
  ends: { end: bigint; at: Date }[];
}

/**
 * Follows the group's progress on each partition across lag checks: when it last moved, and
 * since when the oldest message not yet committed has been waiting. A partition with messages
 * whose position has not moved for a while is stuck (see `ConsumerLagRepository`).
 */
export class PartitionWatch {
  private readonly watched = new Map<string, Watched>();

  observe(
    samples: PartitionSample[],
    now: Date,
    retrying: (physicalTopic: string, partition: number) => { since: Date; error: string } | undefined = () =>
      undefined,
  ): PartitionState[] {
    return samples.map((s) => {
      const key = `${s.physicalTopic}\u0000${s.partition}`;
      const position = s.committed > s.low ? s.committed : s.low;
      const lag = s.high > position ? s.high - position : 0n;
      let w = this.watched.get(key);
      if (!w) {
        w = { position, lag, progressedAt: now, ends: [] };
        this.watched.set(key, w);
      }
      // Progress: the position moved, or there was nothing to read (at the previous check or now).
      if (position !== w.position || lag === 0n || w.lag === 0n) w.progressedAt = now;
      w.position = position;
      w.lag = lag;
      // The oldest unread message (at `position`) arrived by the first check whose end was past it.
      const newest = w.ends[w.ends.length - 1];
      if (lag > 0n && (!newest || s.high > newest.end)) w.ends.push({ end: s.high, at: now });
      while (w.ends.length && w.ends[0]!.end <= position) w.ends.shift();
      const failing = retrying(s.physicalTopic, s.partition);
      return {
        physicalTopic: s.physicalTopic,
        partition: s.partition,
        committedOffset: position.toString(),
        endOffset: s.high.toString(),
        lag: lag.toString(),
        oldestUnreadSince: lag > 0n ? (w.ends[0]?.at ?? now) : null,
        progressedAt: w.progressedAt,
        retryingSince: failing?.since ?? null,
        lastError: failing?.error ?? null,
      };
    });
  }
}
