import type { EntityManager } from 'typeorm';

/**
 * Takes transaction-scoped advisory locks on `namespace:key` for every key, in key order
 * (so two transactions never wait on each other in a cycle). Projections that recompute an
 * asset's history from its stored events take it before loading them: a concurrent writer of
 * the same asset (another partition, an HTTP upload, a replay) then waits, and its load sees
 * the events committed before it.
 */
export async function lockKeys(m: EntityManager, namespace: string, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await m.query(
    `select count(pg_advisory_xact_lock(hashtextextended($1 || ':' || s.k, 0)))
     from (select distinct k from unnest($2::text[]) as u(k) order by k) as s`,
    [namespace, keys],
  );
}

/** occurred_at as ISO text (UTC), which compares in time order as a string. */
export const occurredAtIso = (column = 'occurred_at'): string =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
