import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** A partition as the ingest part last reported it (see KafkaBatchTransport's lag check). */
export interface ConsumerPartitionReport {
  physicalTopic: string;
  partition: number;
  /** The next offset the group will read: its committed offset, or the partition's start. */
  committedOffset: string;
  endOffset: string;
  /** Messages in the partition the group has not committed yet. */
  lag: string;
  /**
   * When the oldest message the group has not committed yet was first seen in the partition (the
   * first check at which the end offset was past it); null when the partition is read to its end.
   */
  oldestUnreadSince: Date | null;
  /** Last time the committed offset moved, or the partition was read to its end (or just got behind). */
  progressedAt: Date;
  /** Since when the batch at the committed offset has been failing and retried (transient errors). */
  retryingSince: Date | null;
  /** The kind of that batch's last error: its class and SQLSTATE or socket code, never its text. */
  lastError: string | null;
}

/** A partition's state as operators read it, judged against STALL_AFTER_MS. */
export interface ConsumerPartitionRow {
  topic: string;
  partition: number;
  committedOffset: string;
  endOffset: string;
  lag: number;
  /** Age of the oldest message the group has not committed yet; 0 when none waits. */
  oldestUnprocessedAgeSeconds: number;
  /** No progress for STALL_AFTER_MS while it has messages, or no report for that long (consumer stuck, failing, or not running). */
  stalled: boolean;
  /** Seconds since its last progress. */
  idleSeconds: number;
  retryingSince: Date | null;
  /** The kind of the failing batch's last error (class and SQLSTATE or socket code; no text, no data). */
  lastError: string | null;
  checkedAt: Date;
}

export class ConsumerLagRepository {
  async record(m: Queryable, partitions: ConsumerPartitionReport[]): Promise<void> {
    if (!partitions.length) return;
    await m.query(
      `insert into consumer_partitions (topic, kafka_partition, committed_offset, end_offset, lag,
                                        oldest_unread_since, progressed_at, retrying_since, last_error, checked_at)
       select x."physicalTopic", x.partition, x."committedOffset"::bigint, x."endOffset"::bigint, x.lag::bigint,
              x."oldestUnreadSince", x."progressedAt", x."retryingSince", x."lastError", now()
       from jsonb_to_recordset($1::jsonb) as x("physicalTopic" text, partition int, "committedOffset" text,
            "endOffset" text, lag text, "oldestUnreadSince" timestamptz, "progressedAt" timestamptz,
            "retryingSince" timestamptz, "lastError" text)
       order by 1, 2
       on conflict (topic, kafka_partition) do update set
         committed_offset = excluded.committed_offset, end_offset = excluded.end_offset, lag = excluded.lag,
         oldest_unread_since = excluded.oldest_unread_since, progressed_at = excluded.progressed_at,
         -- Every ingest process reports every partition; only the one holding it knows it is retrying.
         -- A report without retries clears it only once the committed offset has moved on.
         retrying_since = case when excluded.retrying_since is not null
                                 or excluded.committed_offset <> consumer_partitions.committed_offset
                               then excluded.retrying_since else consumer_partitions.retrying_since end,
         last_error = case when excluded.retrying_since is not null
                             or excluded.committed_offset <> consumer_partitions.committed_offset
                           then excluded.last_error else consumer_partitions.last_error end,
         checked_at = now()`,
      [JSON.stringify(partitions)],
    );
  }

  /**
   * Every partition reported, with its stall judged now: messages waiting and no progress for
   * `stallAfterMs`, or no report from the consumer for that long (no ingest part running: what
   * arrives meanwhile is not seen).
   */
  async list(m: Queryable, stallAfterMs: number): Promise<ConsumerPartitionRow[]> {
    const rows: (Omit<ConsumerPartitionRow, 'lag'> & { lag: string })[] = await m.query(
      `select topic, kafka_partition as partition, committed_offset::text as "committedOffset",
              end_offset::text as "endOffset", lag::text as lag,
              coalesce(extract(epoch from now() - oldest_unread_since), 0)::float8 as "oldestUnprocessedAgeSeconds",
              ((lag > 0 and progressed_at < now() - make_interval(secs => $1::float8 / 1000))
                or checked_at < now() - make_interval(secs => $1::float8 / 1000)) as stalled,
              greatest(extract(epoch from now() - progressed_at), 0)::float8 as "idleSeconds",
              retrying_since as "retryingSince", last_error as "lastError", checked_at as "checkedAt"
       from consumer_partitions order by topic, kafka_partition`,
      [stallAfterMs],
    );
    return rows.map((r) => ({ ...r, lag: Number(r.lag) }));
  }
}
