import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isFeedTopic, type FeedTopic } from '@zhijian/contracts';
import { foldWidth } from '@zhijian/domain';

/**
 * API keys of the HTTP feed upload (POST /v1/feeds/:topic). A key is shown once, when it is
 * created; the database keeps only its sha256. Each key is bound to the `source` values it may
 * publish as and the topics it may post to:
 *
 * - an exact source: `court:浙0803`, `agency:realestate:330803`, `procuratorate:330803`;
 * - a prefix pattern ending in `*`: `agency:realestate:*` (every real-estate registry),
 *   `agency:realestate:3308*` (those of one city), `court:浙08*` (a city's courts). The prefix must
 *   name the kind (`court:`, `agency:<kind>:` or `procuratorate:`); a bare `*` is refused.
 *
 * Sources and patterns are compared after the decoder's width folding, so `court:浙０８０３` is
 * `court:浙0803`.
 */
export interface FeedKey {
  id: string;
  name: string;
  allowedSources: string[];
  allowedTopics: FeedTopic[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** The envelope's `source` (schemas/envelope/1.schema.json). */
const SOURCE = /^(court:[^\s:]+|agency:[a-z]+:[^\s:]+|procuratorate:[^\s:]+)$/;
/** A pattern's prefix: the kind, then any start of the code. */
const PATTERN_PREFIX = /^(court:|procuratorate:|agency:[a-z]+:)[^\s:*]*$/;

export const FEED_KEY_PREFIX = 'zjk_';

/** Whether `source` has the envelope's form of a source (after width folding). */
export function isWellFormedSource(source: string): boolean {
  return SOURCE.test(source);
}

export function hashFeedKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** Checks and folds one allowed-source entry; throws with what is wrong. */
export function normalizeSourcePattern(pattern: string): string {
  const p = foldWidth(pattern).trim();
  if (p.endsWith('*')) {
    const prefix = p.slice(0, -1);
    if (!PATTERN_PREFIX.test(prefix))
      throw new Error(
        `source pattern "${p}": a pattern is an exact source or a prefix that names the kind ` +
          `(court:, agency:<kind>:, procuratorate:) followed by *`,
      );
    return p;
  }
  if (!SOURCE.test(p))
    throw new Error(`source "${p}" is not court:<code>, agency:<kind>:<code> or procuratorate:<code>`);
  return p;
}

/** Whether a key with these (normalized) patterns may publish as `source` (as the decoder normalized it). */
export function sourceAllowed(patterns: readonly string[], source: string): boolean {
  const s = foldWidth(source).trim();
  for (const p of patterns) {
    if (p.endsWith('*') ? s.length >= p.length && s.startsWith(p.slice(0, -1)) : s === p) return true;
  }
  return false;
}

export interface NewFeedKey {
  /** The plaintext key: give it to the agency, it is not stored. */
  key: string;
  keyHash: string;
  name: string;
  allowedSources: string[];
  allowedTopics: FeedTopic[];
}

/** Pure: checks the bindings and generates a key (32 random bytes). Throws on a bad name, pattern or topic. */
export function newFeedKey(name: string, allowedSources: string[], allowedTopics: string[]): NewFeedKey {
  const n = name.trim();
  if (!n) throw new Error('a feed key needs a name (who it was given to)');
  if (!allowedSources.length) throw new Error('a feed key needs at least one allowed source');
  if (!allowedTopics.length) throw new Error('a feed key needs at least one allowed topic');
  const sources = [...new Set(allowedSources.map(normalizeSourcePattern))];
  const topics = [...new Set(allowedTopics.map((t) => t.trim()))];
  for (const t of topics) if (!isFeedTopic(t)) throw new Error(`"${t}" is not a feed topic`);
  const key = FEED_KEY_PREFIX + randomBytes(32).toString('base64url');
  return {
    key,
    keyHash: hashFeedKey(key),
    name: n,
    allowedSources: sources,
    allowedTopics: topics as FeedTopic[],
  };
}

type Queryable = Pick<EntityManager, 'query'>;

const COLUMNS = `id::text, name, allowed_sources as "allowedSources", allowed_topics as "allowedTopics",
                 created_at as "createdAt", revoked_at as "revokedAt"`;

export class FeedKeyRepository {
  /** Stores a new key and returns its plaintext (shown once; only the hash is kept). */
  async createFeedKey(
    m: Queryable,
    name: string,
    allowedSources: string[],
    allowedTopics: string[],
  ): Promise<string> {
    return (await this.create(m, name, allowedSources, allowedTopics)).key;
  }

  /** As createFeedKey, with the new key's id. */
  async create(
    m: Queryable,
    name: string,
    allowedSources: string[],
    allowedTopics: string[],
  ): Promise<{ id: string; key: string }> {
    const k = newFeedKey(name, allowedSources, allowedTopics);
    const rows: { id: string }[] = await m.query(
      `insert into feed_keys (key_hash, name, allowed_sources, allowed_topics) values ($1, $2, $3, $4)
       returning id::text`,
      [k.keyHash, k.name, k.allowedSources, k.allowedTopics],
    );
    return { id: rows[0]!.id, key: k.key };
  }

  /** The key's bindings, or null when the key is unknown or revoked. */
  async findActive(m: Queryable, plaintext: string): Promise<FeedKey | null> {
    const rows: FeedKey[] = await m.query(
      `select ${COLUMNS} from feed_keys where key_hash = $1 and revoked_at is null`,
      [hashFeedKey(plaintext)],
    );
    return rows[0] ?? null;
  }

  /** Revokes a key by id; false when there is no such active key. */
  async revoke(m: Queryable, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await m.query(
      `update feed_keys set revoked_at = now() where id = $1::bigint and revoked_at is null`,
      [id],
    );
    return affected > 0;
  }

  async list(m: Queryable): Promise<FeedKey[]> {
    return m.query(`select ${COLUMNS} from feed_keys order by id`);
  }
}

/** Creates a feed key; returns the plaintext key (shown once). For the CLI and tests. */
export function createFeedKey(
  m: Queryable,
  name: string,
  allowedSources: string[],
  allowedTopics: string[],
): Promise<string> {
  return new FeedKeyRepository().createFeedKey(m, name, allowedSources, allowedTopics);
}
