import type { QuarantineDetailView, QuarantineSummaryView } from '@zhijian/contracts';
import type { QuarantineDetail, QuarantineSummary } from '@zhijian/ingest';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/**
 * A quarantined message as the API answers it: the ingest stage's row with its instants as
 * RFC 3339 text (what JSON made of them before; now the type says so).
 */
export function quarantineSummaryView(q: QuarantineSummary): QuarantineSummaryView {
  return {
    id: q.id,
    topic: q.topic,
    partition: q.partition,
    offset: q.offset,
    key: q.key,
    reason: q.reason,
    messageZh: q.messageZh,
    violations: q.violations,
    status: q.status,
    receivedAt: q.receivedAt.toISOString(),
    rawBytes: q.rawBytes,
    corrected: q.corrected,
    correctedAt: iso(q.correctedAt),
    replayedAt: iso(q.replayedAt),
    replayOutcome: q.replayOutcome,
    discardedAt: iso(q.discardedAt),
    dlqPublishedAt: iso(q.dlqPublishedAt),
  };
}

/** The message whole: its summary, headers, bytes and who did what to it. */
export function quarantineDetailView(q: QuarantineDetail): QuarantineDetailView {
  return {
    ...quarantineSummaryView(q),
    headers: q.headers,
    raw: q.raw,
    correction: q.correction,
    correctedBy: q.correctedBy,
    replayedBy: q.replayedBy,
    discardedBy: q.discardedBy,
    discardReason: q.discardReason,
  };
}
