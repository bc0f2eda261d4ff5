/**
 * Business time per source (spec §7): each producer — a court, a registry agency — has its own
 * clock, moved only by what it delivers. A case is judged as of its own court's clock, so a court
 * sending 2023 is not judged as of today while its history is still coming, and one source's
 * dates (a wrong system clock, a backlog) never move another's time.
 */
export type SourceClockMode = 'auto' | 'watermark' | 'wall';

export interface SourceProgressRow {
  source: string;
  /** The newest business time the source has delivered, already capped at the wall clock on arrival. */
  maxOccurredAt: Date;
  /** When it last delivered something new. */
  lastArrivalAt: Date;
  /** The clock as last advanced (monotone). */
  asOf: Date;
  /**
   * The low watermark of the source's feed: the least newest business time of its topic's
   * partitions still being read (null when none is). A producer's facts are spread over partitions
   * read at different speeds; facts behind on a lagging partition must not be judged as missing.
   */
  feedWatermark?: Date | null;
}

export interface SourceClockPolicy {
  mode: SourceClockMode;
  /**
   * A source whose newest fact was at most this far behind its arrival sends in real time: it is
   * live (its clock is now) even while it is quiet or its topic is busy with others' backlogs.
   */
  liveLagMs: number;
}

/**
 * The source's clock now. `wall`: now. `watermark`: its newest delivered business time (never
 * past now). `auto`: the same while it sends history, now once it is live — it sends in real time
 * (its newest fact within `liveLagMs` of its arrival), or its feed is caught up (`feedLive`: every
 * partition of its topic read to the end and quiet). It never moves backwards: a late fact
 * re-judges the cases it touches at the clock they are already at, and a lead it cures is withdrawn.
 * While partitions of its feed are still being read, it does not pass their low watermark.
 */
export function sourceClockOf(
  row: SourceProgressRow,
  feedLive: boolean,
  now: Date,
  policy: SourceClockPolicy,
): Date {
  const progress = Math.min(row.maxOccurredAt.getTime(), now.getTime());
  const realTime = row.lastArrivalAt.getTime() - row.maxOccurredAt.getTime() <= policy.liveLagMs;
  const live = policy.mode === 'wall' || (policy.mode === 'auto' && (feedLive || realTime));
  const wanted = live ? now.getTime() : progress;
  const candidate = row.feedWatermark ? Math.min(wanted, row.feedWatermark.getTime()) : wanted;
  return candidate > row.asOf.getTime() ? new Date(candidate) : row.asOf;
}

/** The source a court's cases are judged by: `court:<court code>` (spec §1). */
export function courtSourceOf(courtCode: string): string {
  return `court:${courtCode}`;
}
