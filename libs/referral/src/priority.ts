import type { Severity } from '@zhijian/domain';

/** Categories whose applicants' livelihood is at stake (拒执解释 2024 art. 10). */
const LIVELIHOOD_CATEGORIES = new Set(['labor_pay', 'sme_debt']);

export function isLivelihoodCase(category: string | null | undefined): boolean {
  return category ? LIVELIHOOD_CATEGORIES.has(category) : false;
}

const ORDER: Severity[] = ['high', 'medium', 'low'];

/** Livelihood leads rise one severity level. */
export function severityFor(severity: Severity, livelihood: boolean): Severity {
  const rank = ORDER.indexOf(severity);
  return livelihood ? ORDER[Math.max(0, rank - 1)]! : severity;
}

/**
 * BullMQ priority (lower is served first): the level first, then livelihood leads
 * ahead of others of the same level.
 */
export function priorityFor(severity: Severity, livelihood: boolean): number {
  const level = ORDER.indexOf(severityFor(severity, livelihood)) + 1;
  return level * 10 + (livelihood ? 0 : 5);
}

/** Livelihood cases rise one severity level. */
export function effectiveSeverity(severity: Severity, category: string | null | undefined): Severity {
  return severityFor(severity, isLivelihoodCase(category));
}

export function queuePriority(severity: Severity, category: string | null | undefined): number {
  return priorityFor(severity, isLivelihoodCase(category));
}
