import type { Severity } from '@zhijian/persistence';

/** Categories whose applicants' livelihood is at stake (拒执解释 2024 art. 10). */
const LIVELIHOOD_CATEGORIES = new Set(['labor_pay', 'sme_debt']);

export function isLivelihoodCase(category: string | null | undefined): boolean {
  return category ? LIVELIHOOD_CATEGORIES.has(category) : false;
}

const ORDER: Severity[] = ['high', 'medium', 'low'];

/** Livelihood cases rise one severity level. */
export function effectiveSeverity(severity: Severity, category: string | null | undefined): Severity {
  const rank = ORDER.indexOf(severity);
  return isLivelihoodCase(category) ? ORDER[Math.max(0, rank - 1)]! : severity;
}

/**
 * BullMQ priority (lower is served first): the level first, then livelihood cases
 * ahead of others of the same level.
 */
export function queuePriority(severity: Severity, category: string | null | undefined): number {
  const level = ORDER.indexOf(effectiveSeverity(severity, category)) + 1;
  return level * 10 + (isLivelihoodCase(category) ? 0 : 5);
}
