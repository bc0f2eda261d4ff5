import type { EvidenceItem, LeadEvidence } from './evidence';
import { isHandled } from './lifecycle';

const WITHDRAWN = 'withdrawn';
/** Not handled (closed, rejected, withdrawn): the procuratorate still has it. */
const isOpen = (status: string): boolean => !isHandled(status);

/**
 * One lead per (model, dedup key), over generations: the first lead of a key has the key
 * itself; a lead raised again after the previous one was handled (closed or rejected) has
 * `<key>#<generation>` (`case:（2024）浙0803执1号#2`). Postgres derives `base_key` and
 * `generation` from it (migration 1733200000000).
 */
export function dedupKeyOf(baseKey: string, generation: number): string {
  if (/#\d+$/.test(baseKey)) throw new Error('a base dedup key must not end with #<digits>');
  if (!Number.isInteger(generation) || generation < 1)
    throw new Error('generation must be a positive integer');
  return generation === 1 ? baseKey : `${baseKey}#${generation}`;
}

/** A fact is the event it rests on. */
export function factKey(item: Pick<EvidenceItem, 'source' | 'eventId'>): string {
  return `${item.source}\u0000${item.eventId}`;
}

/**
 * Grounds of the candidate the handled lead did not have: items other than context whose
 * event is not among the handled lead's evidence.
 */
export function newFacts(handled: LeadEvidence, candidate: LeadEvidence): EvidenceItem[] {
  const known = new Set(handled.items.map(factKey));
  return candidate.items.filter((i) => !i.context && !known.has(factKey(i)));
}

/**
 * The model's new evidence for an open lead, keeping what joined it from elsewhere: the
 * petitions merged into it (a model recomputes its evidence from the facts and knows nothing
 * of them).
 */
export function mergeEvidence(existing: LeadEvidence, candidate: LeadEvidence): LeadEvidence {
  const present = new Set(candidate.items.map(factKey));
  const joined = existing.items.filter((i) => i.kind === 'petition' && !present.has(factKey(i)));
  if (!joined.length) return candidate;
  const items = [...candidate.items, ...joined].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { ...candidate, items };
}

export interface LatestGeneration {
  id: string;
  generation: number;
  status: string;
  evidence: LeadEvidence;
  /** `system`: withdrawn because later facts cured it while new; `staff`: its handler withdrew it. */
  withdrawnBy?: 'system' | 'staff' | null;
  /** Flagged 事实已变更: later facts stopped showing the violation while it was being handled. */
  factsChangedAt?: Date | null;
}

export type DedupDecision =
  /** No lead yet, or the latest was handled and there are new facts: a new lead of this generation. */
  | { action: 'create'; generation: number; newFacts: EvidenceItem[] }
  /** The latest is open: it takes the (merged) evidence. */
  | { action: 'update'; leadId: string; evidence: LeadEvidence }
  /**
   * The facts show the violation again: a lead the system withdrew is new again, a flagged
   * lead loses its flag; either takes the evidence.
   */
  | { action: 'reinstate'; leadId: string; evidence: LeadEvidence }
  /** The latest was handled and nothing is new: nothing is raised. */
  | { action: 'handled'; leadId: string };

/**
 * What a model firing for a key means, given the key's latest lead: new evidence joins an
 * open lead; a lead handled (closed, rejected) is raised again only on new facts.
 */
export function decideDedup(latest: LatestGeneration | null, candidate: LeadEvidence): DedupDecision {
  if (!latest) return { action: 'create', generation: 1, newFacts: candidate.items };
  const systemWithdrawn = latest.status === WITHDRAWN && latest.withdrawnBy === 'system';
  if (systemWithdrawn || (isOpen(latest.status) && latest.factsChangedAt)) {
    return { action: 'reinstate', leadId: latest.id, evidence: mergeEvidence(latest.evidence, candidate) };
  }
  if (isOpen(latest.status)) {
    return { action: 'update', leadId: latest.id, evidence: mergeEvidence(latest.evidence, candidate) };
  }
  const fresh = newFacts(latest.evidence, candidate);
  return fresh.length
    ? { action: 'create', generation: latest.generation + 1, newFacts: fresh }
    : { action: 'handled', leadId: latest.id };
}

export type CureDecision =
  /** New and nobody has it yet: withdrawn by the system, its job removed. */
  | { action: 'withdraw' }
  /** Being handled (or holding a petition): flagged 事实已变更, its handler decides. */
  | { action: 'flag' }
  | { action: 'none' };

/**
 * What it means that a model no longer fires on a case where its lead is open: the facts no
 * longer show the violation. A new lead is withdrawn unless a petition joined it (a party's
 * application stands on its own); a lead being handled is flagged once.
 */
export function decideCure(lead: {
  status: string;
  evidence: LeadEvidence;
  factsChangedAt: Date | null;
}): CureDecision {
  if (!isOpen(lead.status)) return { action: 'none' };
  const petitioned = lead.evidence.items.some((i) => i.kind === 'petition');
  if (lead.status === 'new' && !petitioned) return { action: 'withdraw' };
  return lead.factsChangedAt ? { action: 'none' } : { action: 'flag' };
}
