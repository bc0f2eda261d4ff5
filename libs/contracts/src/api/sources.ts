/**
 * Answers of `GET /v1/sources` and `GET /v1/sources/:source` (operators) and of
 * `zhijian feed report`: how each producer's feed is doing. Times are ISO 8601; days are China time.
 */

export interface SourceDay {
  day: string;
  events: number;
}

export interface SourceLateness {
  /** Arrival minus business time (occurredAt), seconds. */
  p50Seconds: number;
  p95Seconds: number;
  maxSeconds: number;
}

export interface SourceSummary {
  source: string;
  topics: string[];
  /** Events stored in the period. */
  events: number;
  rejected: number;
  futureDated: number;
  outOfOrder: number;
  duplicates: number;
  /** duplicates / (events + duplicates), 0 when nothing arrived. */
  duplicateRate: number;
  lateness: SourceLateness | null;
  /** The source's business clock: the newest business time it has delivered (never past now). */
  watermark: string | null;
  /** Now minus the watermark, seconds. */
  lagSeconds: number | null;
  lastArrivalAt: string | null;
  /** Nothing arrived for longer than SOURCE_SILENT_HOURS. */
  silent: boolean;
  /** Lateness p95 over a day: the source sends late. */
  late: boolean;
  /** Events per arrival day of the period, oldest first, every day present (the sparkline). */
  daily: SourceDay[];
}

export interface SourceRejectionExample {
  quarantineId: string;
  receivedAt: string;
  pointer: string;
  message: string;
}

export interface SourceRejections {
  reason: string;
  messageZh: string;
  count: number;
  examples: SourceRejectionExample[];
}

export interface SourceReport extends SourceSummary {
  from: string;
  to: string;
  silentAfterHours: number;
  /** Events by arrival day and event type (payload `type` or `event`, else the schema). */
  eventsByTypeAndDay: { day: string; type: string; events: number }[];
  rejections: SourceRejections[];
}

export interface SourceList {
  from: string;
  to: string;
  silentAfterHours: number;
  sources: SourceSummary[];
}

/** A source as the API answers it: with its producer by name (a court, a registry agency, an office; the code when unknown). */
export type NamedSource<T extends { source: string }> = T & { name: string };

/** `GET /v1/sources`. */
export interface SourceListView extends Omit<SourceList, 'sources'> {
  sources: NamedSource<SourceSummary>[];
}

/** `GET /v1/sources/:source`. */
export type SourceReportView = NamedSource<SourceReport>;
