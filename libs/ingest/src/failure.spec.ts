/* eslint-disable no-control-regex -- control characters are what the specs look for */
import fc from 'fast-check';
import { QueryFailedError } from 'typeorm';
import {
  ERROR_TEXT_MAX,
  TransientIngestError,
  errorKind,
  errorText,
  escapeText,
  isTransientError,
  sanitizeText,
  storableText,
  unstorableTextIn,
} from './failure';

/** An error as node-postgres raises it (a DatabaseError with its SQLSTATE), wrapped by TypeORM. */
function pgError(code: string, message = 'failed'): QueryFailedError {
  const driverError = Object.assign(new Error(message), { code });
  return new QueryFailedError('insert …', [], driverError);
}

const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('isTransientError', () => {
  it.each([
    ['08006', 'connection failure'],
    ['08P01', 'protocol violation'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['53300', 'too many connections'],
    ['57P01', 'admin shutdown'],
    ['57P03', 'cannot connect now'],
  ])('SQLSTATE %s (%s) is transient', (code) => {
    expect(isTransientError(pgError(code))).toBe(true);
    expect(isTransientError(Object.assign(new Error('x'), { code }))).toBe(true);
  });

  it.each([
    ['22P05', 'untranslatable character (a NUL in jsonb)'],
    ['22008', 'datetime field overflow'],
    ['23505', 'unique violation'],
    ['P0001', 'raised by a trigger'],
    ['57014', 'query canceled'],
    ['42P01', 'undefined table'],
  ])('SQLSTATE %s (%s) is not', (code) => {
    expect(isTransientError(pgError(code))).toBe(false);
  });

  it('knows lost connections without SQLSTATE, and our own transient error', () => {
    expect(
      isTransientError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new TransientIngestError('x', new Error('y')))).toBe(true);
    expect(isTransientError(new Error('wrapped', { cause: pgError('40P01') }))).toBe(true);
    expect(isTransientError(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(isTransientError('a string')).toBe(false);
    expect(isTransientError(null)).toBe(false);
  });
});

describe('error text for operators', () => {
  it('is bounded and free of control characters and lone surrogates, whatever the error says', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (message) => {
        const text = errorText(new Error(message));
        expect(text.length).toBeLessThanOrEqual(ERROR_TEXT_MAX);
        expect(text).not.toMatch(UNSAFE);
        expect(text.startsWith('Error:')).toBe(true);
        // Round-trips through UTF-8 (what PostgreSQL stores) unchanged.
        expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
      }),
    );
  });

  it('names the SQLSTATE', () => {
    expect(errorText(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe(
      'QueryFailedError [22P05]: unsupported Unicode escape sequence',
    );
    expect(errorKind(pgError('22P05', 'secret 张三'))).toBe('QueryFailedError 22P05');
    expect(sanitizeText('a\u0000b\n\tc', 100)).toBe('a b c');
  });

  it('escapes key and header text so that PostgreSQL takes it, keeping every character recoverable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const escaped = escapeText(s);
        expect(escaped).not.toMatch(UNSAFE);
        const back = escaped.replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})/g, (_, x: string, u: string) =>
          String.fromCharCode(parseInt(x ?? u, 16)),
        );
        expect(back).toBe(s);
      }),
    );
  });
});

describe('unstorableTextIn', () => {
  it('finds a NUL or a lone surrogate in values and keys, at any depth, and nothing else', () => {
    expect(unstorableTextIn({ a: ['ok', { b: 'x\u0000y' }] })).toBe('/a/1/b');
    expect(unstorableTextIn({ 'k/\ud800': 1 })).toBe('/k~1\ud800');
    expect(unstorableTextIn({ a: '\ud83d\ude00 张三 \u0001' })).toBeNull();
    let deep: unknown = '\udc00';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(unstorableTextIn(deep)).toBe('/0'.repeat(200_000));
  });

  it('agrees with storableText: what it finds nothing in is stored as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        expect(storableText(s) === s).toBe(unstorableTextIn(s) === null);
      }),
    );
  });
});
