import fc from 'fast-check';
import {
  auditHash,
  auditMac,
  checkpointMac,
  epochMac,
  firstBrokenEntry,
  GENESIS_HASH,
  parseCheckpoint,
  signCheckpoint,
  type AuditRecord,
  type ChainEntry,
  type ChainSeal,
} from './audit-chain';

const KEY = Buffer.from('k'.repeat(64));
const OTHER = Buffer.from('o'.repeat(64));
const keyed =
  (key: Buffer): ChainSeal =>
  (previous, r) =>
    auditMac(key, previous, r);

const recordArb = fc.record({
  actor: fc.string(),
  action: fc.constantFrom('lead.read', 'lead.claim', 'lead.reassign'),
  subject: fc.uuid(),
  reason: fc.option(fc.string(), { nil: null }),
});

function chainOf(
  records: Omit<AuditRecord, 'id' | 'at'>[],
  seal: ChainSeal,
  start = GENESIS_HASH,
): ChainEntry[] {
  let previous = start;
  return records.map((r, i) => {
    const record: AuditRecord = {
      ...r,
      id: String(i + 1),
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    };
    const hash = seal(previous, record);
    const entry = { ...record, previousHash: previous, hash };
    previous = hash;
    return entry;
  });
}

describe('audit chain keyed with HMAC-SM3', () => {
  it('is not plain SM3, and depends on the key', () => {
    const r: AuditRecord = {
      id: '1',
      at: '2026-01-01T00:00:00.000Z',
      actor: 'a',
      action: 'x',
      subject: 's',
      reason: null,
    };
    const mac = auditMac(KEY, GENESIS_HASH, r);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(mac).not.toBe(auditHash(GENESIS_HASH, r));
    expect(mac).not.toBe(auditMac(OTHER, GENESIS_HASH, r));
  });

  it('verifies any untouched keyed chain, and no chain recomputed with plain SM3 or another key', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 12 }), (records) => {
        expect(firstBrokenEntry(chainOf(records, keyed(KEY)), GENESIS_HASH, keyed(KEY))).toBeNull();
        expect(firstBrokenEntry(chainOf(records, auditHash), GENESIS_HASH, keyed(KEY))?.id).toBe('1');
        expect(firstBrokenEntry(chainOf(records, keyed(OTHER)), GENESIS_HASH, keyed(KEY))?.id).toBe('1');
      }),
    );
  });

  it('finds any single changed field of any entry', () => {
    fc.assert(
      fc.property(
        fc.array(recordArb, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.constantFrom('actor', 'action', 'subject', 'reason', 'at') as fc.Arbitrary<keyof AuditRecord>,
        (records, pick, field) => {
          const chain = chainOf(records, keyed(KEY));
          const i = pick % chain.length;
          const victim = chain[i]!;
          chain[i] = { ...victim, [field]: `${String(victim[field])}改` };
          expect(firstBrokenEntry(chain, GENESIS_HASH, keyed(KEY))?.id).toBe(victim.id);
        },
      ),
    );
  });

  it('continues an SM3 chain from its head', () => {
    const legacy = chainOf([{ actor: 'a', action: 'x', subject: 's', reason: null }], auditHash);
    const head = legacy[0]!.hash;
    const rest = chainOf([{ actor: 'b', action: 'y', subject: 't', reason: 'r' }], keyed(KEY), head);
    expect(firstBrokenEntry(rest, head, keyed(KEY))).toBeNull();
    expect(firstBrokenEntry(rest, GENESIS_HASH, keyed(KEY))?.id).toBe('1');
  });
});

describe('audit epoch and checkpoints', () => {
  it('MACs the epoch, so that it cannot be moved without the key', () => {
    const e = { afterId: '3', headHash: 'a'.repeat(64), at: '2026-12-01T00:00:00.000Z' };
    expect(epochMac(KEY, e)).toBe(epochMac(KEY, { ...e }));
    expect(epochMac(KEY, { ...e, afterId: '9' })).not.toBe(epochMac(KEY, e));
    expect(epochMac(OTHER, e)).not.toBe(epochMac(KEY, e));
  });

  it('accepts a signed checkpoint line and refuses any changed one', () => {
    fc.assert(
      fc.property(
        fc.record({
          database: fc.constant('zhijian/16384'),
          at: fc.constant('2026-12-07T00:00:00.000Z'),
          count: fc.nat(),
          lastId: fc.bigInt({ min: 0n, max: 1n << 62n }).map(String),
          lastMac: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        fc.constantFrom('count', 'lastId', 'lastMac', 'database', 'at'),
        (c, field) => {
          const signed = signCheckpoint(KEY, c);
          expect(signed.mac).toBe(checkpointMac(KEY, c));
          expect(parseCheckpoint(KEY, JSON.stringify(signed))).toEqual(signed);
          expect(parseCheckpoint(OTHER, JSON.stringify(signed))).toBeNull();
          const changed = {
            ...signed,
            [field]: field === 'count' ? c.count + 1 : `${String(signed[field])}0`,
          };
          expect(parseCheckpoint(KEY, JSON.stringify(changed))).toBeNull();
        },
      ),
    );
    expect(parseCheckpoint(KEY, 'not json')).toBeNull();
    expect(parseCheckpoint(KEY, '{"count": 1}')).toBeNull();
  });
});
