import type { EntityManager } from 'typeorm';
import { QuarantineRepository } from '@zhijian/ingest/internal/repositories/quarantine.repository';
import { createTestEnv, type TestEnv } from '@zhijian/testing';

/**
 * The quarantine list's total and its page come from one snapshot. quarantine.int-spec once saw
 * `total: 0` beside the item it was waiting for: the consumer committed the rejection between the
 * list's count and its select. Here that commit is put there on purpose, on the real database.
 */
describe('quarantine list: total and page from one snapshot', () => {
  let env: TestEnv;
  const repo = new QuarantineRepository();

  beforeAll(async () => {
    env = await createTestEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  let offset = 0;
  /** Commits a rejection on another connection, as the consumer does. */
  const commitRejection = async () => {
    await env.db.query(
      `insert into quarantine (topic, kafka_partition, kafka_offset, message_key, headers, raw, reason, violations)
       values ($1, 0, $2, 'k', '{}'::jsonb, '\\x7b7d'::bytea, 'invalid_identifier', '[]'::jsonb)`,
      [`${env.config.topicPrefix}.court.case-events`, offset++],
    );
  };

  /** The manager `list` is given, running `between` after its first statement (in or out of a transaction). */
  function interleaved(base: EntityManager, between: () => Promise<void>): EntityManager {
    let statements = 0;
    const wrap = (m: EntityManager): EntityManager =>
      new Proxy(m, {
        get(target, prop, receiver) {
          if (prop === 'query') {
            return async (sql: string, params?: unknown[]): Promise<unknown> => {
              if (statements++ === 1) await between();
              return (await target.query(sql, params)) as unknown;
            };
          }
          if (prop === 'transaction') {
            return (level: never, run: (t: EntityManager) => Promise<unknown>) =>
              target.transaction(level, (t) => run(wrap(t)));
          }
          return Reflect.get(target, prop, receiver) as unknown;
        },
      });
    return wrap(base);
  }

  it('never counts what the page does not show, nor shows what the total does not count', async () => {
    for (let round = 0; round < 3; round++) {
      const page = await repo.list(interleaved(env.db.manager, commitRejection), {
        reason: 'invalid_identifier',
        limit: 100,
        offset: 0,
      });
      expect(page.total).toBe(page.items.length);
    }
    // The rows committed in between are there for the next list.
    const after = await repo.list(env.db.manager, { reason: 'invalid_identifier', limit: 100, offset: 0 });
    expect(after.total).toBe(3);
    expect(after.items).toHaveLength(3);
  });
});
