import { createHash } from 'node:crypto';

/** One entry of the append-only audit log, as hashed. */
export interface AuditRecord {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  reason: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Tamper evidence: each entry's hash is SM3 (GB/T 32905, in Node's crypto) over the
 * previous entry's hash and this entry's fields in a fixed order, so changing,
 * removing or reordering any entry breaks every hash after it.
 */
export function auditHash(previousHash: string, r: AuditRecord): string {
  const canonical = JSON.stringify([previousHash, r.id, r.at, r.actor, r.action, r.subject, r.reason]);
  return createHash('sm3').update(canonical, 'utf8').digest('hex');
}

export interface ChainEntry extends AuditRecord {
  previousHash: string;
  hash: string;
}

/** The first entry whose stored hashes do not follow from its predecessor, or null when the chain holds. */
export function firstBrokenEntry(entries: ChainEntry[], startHash = GENESIS_HASH): ChainEntry | null {
  let previous = startHash;
  for (const e of entries) {
    if (e.previousHash !== previous || auditHash(previous, e) !== e.hash) return e;
    previous = e.hash;
  }
  return null;
}
