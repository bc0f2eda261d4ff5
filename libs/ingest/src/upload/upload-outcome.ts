import { REASON_MESSAGES_ZH, type ReasonCode, type Violation } from '@zhijian/contracts';

/**
 * A chunk is one transaction and one Kafka send. Its bytes stay under the broker's default
 * message.max.bytes (1 MiB per record batch, i.e. per partition and send); a single line may use it all.
 */
export const UPLOAD_LIMITS = {
  chunkLines: 500,
  chunkBytes: 900 * 1024,
  maxLineBytes: 900 * 1024,
} as const;

/**
 * Per-line reasons of an upload: spec §6's codes (the decoder's, as the Kafka consumer gives them),
 * plus `source_not_allowed`, the transport's: the key may not publish as the line's source (not
 * quarantined: a refusal of the transport, not data an operator can fix and replay). A line over
 * UPLOAD_LIMITS.maxLineBytes is `too_large` without being quarantined either (its bytes were not kept).
 */
export type UploadReason = ReasonCode | 'source_not_allowed';

const SOURCE_NOT_ALLOWED_ZH = '该上传密钥无权以此来源（source）报送数据';

/** The Chinese message beside a line's reason code. */
export function uploadReasonZh(reason: UploadReason): string {
  return reason === 'source_not_allowed' ? SOURCE_NOT_ALLOWED_ZH : REASON_MESSAGES_ZH[reason];
}

export type LineOutcome =
  | { line: number; status: 'accepted' | 'duplicate'; eventId: string }
  | { line: number; status: 'rejected'; reason: UploadReason; messageZh: string; violations: Violation[] };
