import { parentUnit, tierOfUnit } from '@zhijian/access';
import type { Tier } from '@zhijian/domain';

const DAY_MS = 86_400_000;

export interface EscalationCandidate {
  status: string;
  unitCode: string;
  /** When the lead reached its current office: created, last escalated, or last triaged or reassigned. */
  arrivedAt: Date;
  escalationLevel: number;
}

export interface Escalation {
  toUnit: string;
  toTier: Tier;
  level: number;
}

/**
 * A lead still unclaimed (`new`) more than `afterDays` days after it reached its office
 * goes one tier up: county → city → province. The province (and its task force and triage
 * desks) has nowhere to go.
 */
export function decideEscalation(
  lead: EscalationCandidate,
  asOf: Date,
  afterDays: number,
): Escalation | null {
  if (lead.status !== 'new') return null;
  const toUnit = parentUnit(lead.unitCode);
  if (toUnit === lead.unitCode) return null;
  if (asOf.getTime() - lead.arrivedAt.getTime() <= afterDays * DAY_MS) return null;
  return { toUnit, toTier: tierOfUnit(toUnit), level: lead.escalationLevel + 1 };
}

/** Only leads that reached their office before this instant can be due (the query's bound). */
export function escalationCutoff(asOf: Date, afterDays: number): Date {
  return new Date(asOf.getTime() - afterDays * DAY_MS);
}
