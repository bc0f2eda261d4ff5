import type { EntityManager } from 'typeorm';
import { FeedKeyRepository, type FeedKey } from './repositories/feed-keys';

type Queryable = Pick<EntityManager, 'query'>;

/** Producers' upload keys (POST /v1/feeds): made, listed and disabled by operators' tools. */
export class FeedKeys {
  private readonly keys = new FeedKeyRepository();

  /** A new key; its plaintext is returned once and only its hash is stored. */
  create(m: Queryable, name: string, sources: string[], topics: string[]): Promise<{ id: string; key: string }> {
    return this.keys.create(m, name, sources, topics);
  }

  list(m: Queryable): Promise<FeedKey[]> {
    return this.keys.list(m);
  }

  disable(m: Queryable, id: string): Promise<boolean> {
    return this.keys.revoke(m, id);
  }
}
