import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

function canonical(previousHash: string, r: AuditRecord): string {
  return JSON.stringify([previousHash, r.id, r.at, r.actor, r.action, r.subject, r.reason]);
}

/**
 * The unkeyed chain of the entries written before the audit key was introduced: SM3
 * (GB/T 32905) over the previous entry's hash and this entry's fields in a fixed order.
 * Anyone can recompute it, so it only shows accidental damage; see `auditMac`.
 */
export function auditHash(previousHash: string, r: AuditRecord): string {
  return createHash('sm3').update(canonical(previousHash, r), 'utf8').digest('hex');
}

/**
 * The keyed chain: HMAC-SM3 with a key the database does not hold, over the previous
 * entry's MAC and this entry's fields (the same canonical form as `auditHash`). Someone
 * who can write the table but has not the key cannot rewrite a row and recompute the
 * MACs after it.
 */
export function auditMac(key: Buffer, previousMac: string, r: AuditRecord): string {
  return createHmac('sm3', key).update(canonical(previousMac, r), 'utf8').digest('hex');
}

/**
 * Where the keyed chain starts: entries with ids above `afterId` are MACed, the ones up to
 * it keep the SM3 chain whose head was `headHash` (GENESIS_HASH for an empty log). Written
 * once, by the first keyed append, and itself MACed so that it cannot be moved.
 */
export interface AuditEpoch {
  afterId: string;
  headHash: string;
  at: string;
}

export function epochMac(key: Buffer, e: AuditEpoch): string {
  return createHmac('sm3', key)
    .update(JSON.stringify(['audit-epoch', e.afterId, e.headHash, e.at]), 'utf8')
    .digest('hex');
}

/**
 * The head of the log at a moment, kept outside the database (a local file and a Kafka
 * topic) so that a cut tail or an emptied table is seen: the log must still hold `count`
 * entries up to `lastId`, the last of them with MAC `lastMac`. `database` names the
 * database (name and oid) the log lives in, so that a dropped and recreated database
 * (a demo run from scratch) is not taken for a cut one.
 */
export interface AuditCheckpoint {
  database: string;
  at: string;
  count: number;
  lastId: string;
  lastMac: string;
}

export interface SignedCheckpoint extends AuditCheckpoint {
  mac: string;
}

export function checkpointMac(key: Buffer, c: AuditCheckpoint): string {
  return createHmac('sm3', key)
    .update(JSON.stringify(['audit-checkpoint', c.database, c.at, c.count, c.lastId, c.lastMac]), 'utf8')
    .digest('hex');
}

export function signCheckpoint(key: Buffer, c: AuditCheckpoint): SignedCheckpoint {
  const { database, at, count, lastId, lastMac } = c;
  return { database, at, count, lastId, lastMac, mac: checkpointMac(key, c) };
}

/** The checkpoint a line or message carries, or null when it is not one or its MAC is wrong. */
export function parseCheckpoint(key: Buffer, text: string): SignedCheckpoint | null {
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof x !== 'object' || x === null) return null;
  const c = x as Record<string, unknown>;
  if (
    typeof c.database !== 'string' ||
    typeof c.at !== 'string' ||
    typeof c.count !== 'number' ||
    typeof c.lastId !== 'string' ||
    typeof c.lastMac !== 'string' ||
    typeof c.mac !== 'string'
  )
    return null;
  const signed = c as unknown as SignedCheckpoint;
  return sameHex(checkpointMac(key, signed), signed.mac) ? signed : null;
}

/** Constant-time comparison of two hex digests. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ChainEntry extends AuditRecord {
  previousHash: string;
  hash: string;
}

/** How an entry's hash is computed from its predecessor's: `auditHash` or a keyed `auditMac`. */
export type ChainSeal = (previousHash: string, r: AuditRecord) => string;

/** The first entry whose stored hashes do not follow from its predecessor, or null when the chain holds. */
export function firstBrokenEntry(
  entries: ChainEntry[],
  startHash = GENESIS_HASH,
  seal: ChainSeal = auditHash,
): ChainEntry | null {
  let previous = startHash;
  for (const e of entries) {
    if (e.previousHash !== previous || !sameHex(seal(previous, e), e.hash)) return e;
    previous = e.hash;
  }
  return null;
}
