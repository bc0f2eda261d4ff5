import fc from 'fast-check';
import { storableHeaders, storableViolations } from './storable-text';

// What PostgreSQL's text and jsonb refuse (NUL, lone surrogates) and every other control character.
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('storable quarantine text', () => {
  it('escapes header names and values whatever they hold, leaving clean ones as they are', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), (headers) => {
        const stored = storableHeaders(headers);
        for (const [k, v] of Object.entries(stored)) {
          expect(k).not.toMatch(UNSTORABLE);
          expect(v).not.toMatch(UNSTORABLE);
        }
        for (const [k, v] of Object.entries(headers))
          if (!UNSTORABLE.test(k) && !UNSTORABLE.test(v)) expect(stored[k]).toBe(v);
      }),
    );
    expect(storableHeaders({ 'x\u0000': 'a\u0000b' })).toEqual({ 'x\\u0000': 'a\\u0000b' });
  });

  it('escapes every string of a violation, from the decoder or an unforeseen error', () => {
    expect(
      storableViolations([
        { pointer: '/a\u0000', message: 'Unexpected token \u0000', check: 'x' },
        'raw\ud800',
      ]),
    ).toEqual([{ pointer: '/a\\u0000', message: 'Unexpected token \\u0000', check: 'x' }, 'raw\\ud800']);
  });
});
