import type { EntityManager } from 'typeorm';
import type { Envelope, FEED_TOPICS, FeedTopic, Party } from '@zhijian/contracts';
import type { SubjectRow } from '../repositories/ingest.repository';

/** A feed's schema name without its major: `court.case-event`, `registry.tax`, … */
export type FeedName = (typeof FEED_TOPICS)[FeedTopic];

/** Identity key → subject id, once the batch's subjects are stored. */
export type SubjectIds = (identityKey: string) => string;

/** What a feed's rows touched: cases to screen, and subjects whose cases as respondent are screened. */
export interface Touched {
  cases: string[];
  subjects: string[];
}

/**
 * The projection of one feed within one batch: `add` collects the rows of an event (pure:
 * subjects are referenced by identity key), `write` stores them once the batch's subjects
 * have ids, in the batch's transaction.
 */
export interface FeedProjection {
  add(envelope: Envelope, rawEventId: string): void;
  write(m: EntityManager, ids: SubjectIds): Promise<Touched>;
}

/** The subjects a batch references, stored in one statement before any row that points to them. */
export class BatchSubjects {
  private readonly rows = new Map<string, SubjectRow>();

  /** Registers a party's subject; returns its identity key. */
  add(party: Party, context: string): string {
    const s = subjectOf(party, context);
    this.rows.set(s.identityKey, s);
    return s.identityKey;
  }

  all(): SubjectRow[] {
    return [...this.rows.values()];
  }
}

/**
 * A party's subject: exact on the normalized identifier; a party without one stays its
 * own subject within its context (a case, a unit, a VIN, an account) until linking can
 * explain a merge.
 */
export function subjectOf(p: Party, context: string): SubjectRow {
  const identityKey = p.idNo
    ? `id:${p.idNo}`
    : p.uscc
      ? `uscc:${p.uscc}`
      : `name:${p.kind}:${p.name}@${context}`;
  return { identityKey, kind: p.kind, idNo: p.idNo ?? null, uscc: p.uscc ?? null, name: p.name };
}

/** Per key, the row that `compare` ranks last: several facts of one key in a batch, one upsert each. */
export function newestPerKey<T>(rows: T[], keyOf: (row: T) => string, compare: (a: T, b: T) => number): T[] {
  const byKey = new Map<string, T>();
  for (const r of rows) {
    const key = keyOf(r);
    const prev = byKey.get(key);
    if (!prev || compare(prev, r) <= 0) byKey.set(key, r);
  }
  return [...byKey.values()];
}

/** Raw event ids (bigint as text) in arrival order. */
export function byRawEventId(a: { rawEventId: string }, b: { rawEventId: string }): number {
  const d = BigInt(a.rawEventId) - BigInt(b.rawEventId);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
