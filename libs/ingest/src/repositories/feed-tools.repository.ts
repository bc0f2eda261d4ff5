import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

export interface SourceEventPair {
  source: string;
  eventId: string;
}

/** Read-only queries of the producer tools (dry-run uploads). Writes nothing. */
export class FeedToolsRepository {
  /**
   * Which of these (source, eventId) pairs the hub already holds: in the raw log, or received by
   * an upload (a receipt). Keys are `source + "\u0000" + eventId`.
   */
  async knownPairs(m: Queryable, rows: readonly SourceEventPair[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const known: { source: string; eventId: string }[] = await m.query(
      `select x.source, x.event_id as "eventId"
       from unnest($1::text[], $2::text[]) as x(source, event_id)
       where exists (select 1 from raw_events r where r.source = x.source and r.event_id = x.event_id)
          or exists (select 1 from upload_receipts u where u.source = x.source and u.event_id = x.event_id)`,
      [rows.map((r) => r.source), rows.map((r) => r.eventId)],
    );
    return new Set(known.map((k) => `${k.source}\u0000${k.eventId}`));
  }
}
