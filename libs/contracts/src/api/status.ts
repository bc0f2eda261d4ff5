/** A stalled partition as GET /health names it. */
export interface StalledPartitionView {
  topic: string;
  partition: number;
  lag: number;
  idleSeconds: number;
  oldestUnprocessedAgeSeconds: number;
  retrying: boolean;
}

/** GET /health when it answers 200 (503 answers `{ status: 'degraded', stalled }`). */
export interface HealthView {
  status: 'ok';
  stalled: StalledPartitionView[];
}

/** A Kafka partition as GET /v1/status reports the ingest consumer on it. */
export interface ConsumerPartitionView {
  topic: string;
  partition: number;
  committedOffset: string;
  endOffset: string;
  lag: number;
  oldestUnprocessedAgeSeconds: number;
  idleSeconds: number;
  stalled: boolean;
  retryingSince: string | null;
  lastError: string | null;
  checkedAt: string;
}

/** A feed's source as screening sees it (README, "Business time"). */
export interface SourceClockView {
  source: string;
  topic: string;
  /** The source's business time: its cases are judged as of it. */
  businessTime: string | null;
  newestFact: string;
  events: number;
  lastArrivalAt: string;
  /** How far its business time is behind now. */
  lagSeconds: number | null;
}

/** GET /v1/status: what an operator (and the demo) needs to see the hub's progress. */
export interface StatusView {
  /** As /health says it: `degraded` when a partition is stalled. */
  health: 'ok' | 'degraded';
  businessClock: string | null;
  sources: SourceClockView[];
  /** Leads later facts cured: withdrawn by the system, and flagged 事实已变更 awaiting their handler. */
  curedLeads: { withdrawn: number; flagged: number };
  /** Accepted events per topic. */
  accepted: Record<string, number>;
  /** Quarantined messages per reason. */
  rejected: Record<string, number>;
  leads: { modelId: string; unitCode: string; n: number }[];
  screeningBacklog: number;
  /** Deadlines business time has reached that screening has yet to look at. */
  timersDue: number;
  outboxPending: number;
  stallAfterMs: number;
  /** The Kafka consumer per partition: lag, oldest unprocessed message, stall, retries. */
  partitions: ConsumerPartitionView[];
}
