import fc from 'fast-check';
import { normalizeUscc, usccCheckChar } from './uscc';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
/** GB 32100 check relation stated independently of usccCheckChar: Σ vᵢ·wᵢ over all 18 chars, w₁₈ = 1, is ≡ 0 (mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28, 1];
const weightedSum = (code: string) =>
  Array.from(code).reduce((acc, c, i) => acc + ALPHABET.indexOf(c) * (WEIGHTS[i] ?? 0), 0);
const body17 = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 17, maxLength: 17 });

describe('normalizeUscc', () => {
  it('accepts the GB 32100 sample', () => {
    expect(normalizeUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it.each(['91330100716105852F', '9144030071526726XG', '914403001922038216', '91110108551385082Q'])(
    'accepts the registered code %s',
    (code) => {
      expect(normalizeUscc(code)).toEqual({ ok: true, value: code });
    },
  );

  it.each([
    ['lower case', '91350100m000100y43'],
    ['full-width', '９１３５０１００Ｍ０００１００Ｙ４３'],
    ['spaces', ' 9135 0100 M000 100Y 43\u3000'],
  ])('accepts %s', (_label, raw) => {
    expect(normalizeUscc(raw)).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('rejects a wrong check char', () => {
    expect(normalizeUscc('91350100M000100Y44')).toMatchObject({ ok: false, error: { check: 'check_char' } });
  });

  it.each([
    ['17 chars', '91350100M000100Y4'],
    ['19 chars', '91350100M000100Y433'],
    ['letter I', '91350100I000100Y43'],
    ['letter O', '91350100O000100Y43'],
    ['letter Z', '91350100Z000100Y43'],
    ['letter S', '91350100S000100Y43'],
    ['letter V', '91350100V000100Y43'],
    ['long s (upper-cases to S)', '91350100\u017F000100Y43'],
    ['hyphen', '91350100-M000100Y43'],
  ])('rejects %s as format', (_label, raw) => {
    expect(normalizeUscc(raw)).toMatchObject({ ok: false, error: { check: 'format' } });
  });

  it('appending usccCheckChar to any body is accepted; any other last char is rejected', () => {
    fc.assert(
      fc.property(body17, fc.constantFrom(...ALPHABET), (body, other) => {
        const check = usccCheckChar(body);
        expect(weightedSum(body + check) % 31).toBe(0);
        expect(normalizeUscc(body + check)).toEqual({ ok: true, value: body + check });
        expect(normalizeUscc((body + check).toLowerCase())).toEqual({ ok: true, value: body + check });
        fc.pre(other !== check);
        expect(normalizeUscc(body + other)).toMatchObject({ ok: false, error: { check: 'check_char' } });
      }),
    );
  });

  it('never echoes the input in an error message', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET, 'I', ' '), maxLength: 20 }), (s) => {
        const r = normalizeUscc(s);
        if (!r.ok) expect(r.error.message).not.toMatch(/[0-9A-Z]{5}/);
      }),
    );
  });
});

describe('usccCheckChar', () => {
  it('computes the MOD 31 check char', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('refuses input outside the alphabet or of the wrong length', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100I000100Y4')).toThrow(RangeError);
  });
});
