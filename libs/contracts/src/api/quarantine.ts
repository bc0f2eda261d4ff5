import type { Page } from './page';

export type QuarantineStatusName = 'open' | 'corrected' | 'replayed' | 'discarded';
export type ReplayOutcomeName = 'accepted' | 'duplicate' | 'rejected';

/** A failing field as the decoder reports it (the decoder's `Violation`). */
export interface ViolationView {
  /** JSON pointer into the envelope, e.g. /payload/respondents/0/idNo */
  pointer: string;
  message: string;
  /** For identifiers and case numbers: which check failed (format, check_char, birth_date, …). */
  check?: string;
}

/** Bytes shown to an operator: as text when they are valid UTF-8, else base64. */
export interface ShownBytesView {
  encoding: 'utf8' | 'base64';
  text: string;
  bytes: number;
}

/** A quarantined message in GET /v1/quarantine: without its bytes. Instants are RFC 3339. */
export interface QuarantineSummaryView {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  /** The reason in Chinese, for staff (REASON_MESSAGES_ZH). */
  messageZh: string;
  violations: ViolationView[];
  status: QuarantineStatusName;
  receivedAt: string;
  rawBytes: number;
  corrected: boolean;
  correctedAt: string | null;
  replayedAt: string | null;
  replayOutcome: ReplayOutcomeName | null;
  discardedAt: string | null;
  dlqPublishedAt: string | null;
}

/** GET /v1/quarantine. */
export type QuarantinePage = Page<QuarantineSummaryView>;

/** GET /v1/quarantine/:id and POST /v1/quarantine/:id/discard: the message whole. */
export interface QuarantineDetailView extends QuarantineSummaryView {
  headers: Record<string, string>;
  raw: ShownBytesView;
  correction: ShownBytesView | null;
  correctedBy: string | null;
  replayedBy: string | null;
  discardedBy: string | null;
  discardReason: string | null;
}

/** The decoder's verdict on a correction, without applying it. */
export type CorrectionValidationView =
  | {
      valid: true;
      schema: string;
      source: string;
      eventId: string;
      occurredAt: string;
      /** An envelope with this (source, eventId) is already in the raw log: a replay would be a duplicate. */
      alreadyInRawLog: boolean;
    }
  | { valid: false; reason: string; messageZh: string; violations: ViolationView[] };

/** PUT /v1/quarantine/:id/correction. */
export interface CorrectionResultView {
  id: string;
  status: QuarantineStatusName;
  validation: CorrectionValidationView;
}

/** POST /v1/quarantine/:id/replay. */
export interface ReplayResultView {
  id: string;
  outcome: ReplayOutcomeName;
  status: QuarantineStatusName;
  /** Whether the corrected bytes (rather than the original) were replayed. */
  corrected: boolean;
  reason?: string;
  messageZh?: string;
  violations?: ViolationView[];
}
