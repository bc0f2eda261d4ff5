import fc from 'fast-check';
import { codePointLabel, textProblem } from './text-check';

const CONTROLS = [...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)];
const LINES = [0x09, 0x0a, 0x0d];
/** Without control characters (C0 and DEL): built from code points so that the pattern holds none literally. */
const noControls = (s: string) =>
  [...s]
    .filter((c) => {
      const n = c.codePointAt(0)!;
      return n >= 0x20 && (n < 0x7f || n > 0x9f);
    })
    .join('');

describe('textProblem', () => {
  it('accepts any well-formed text without control characters', () => {
    const clean = fc.string({ unit: 'grapheme', maxLength: 60 }).map(noControls);
    fc.assert(fc.property(clean, (s) => textProblem(s) === null && textProblem(s, { lines: true }) === null));
  });

  it('finds every control character wherever it sits, tab and line breaks only outside free text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map(noControls),
        fc.constantFrom(...CONTROLS),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        (before, code, after) => {
          const s = before + String.fromCharCode(code) + after;
          expect(textProblem(s)).toEqual({ kind: 'control', index: before.length, codePoint: code });
          const inFreeText = textProblem(s, { lines: true });
          if (LINES.includes(code)) expect(inFreeText?.index ?? Infinity).toBeGreaterThan(before.length);
          else expect(inFreeText).toEqual({ kind: 'control', index: before.length, codePoint: code });
        },
      ),
    );
  });

  it('finds a lone surrogate, never a pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map(noControls),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map(noControls),
        (before, unit, after) => {
          expect(textProblem(before + String.fromCharCode(unit) + after)).toEqual({
            kind: 'lone_surrogate',
            index: before.length,
          });
        },
      ),
    );
    expect(textProblem('𠀀 emoji 😀 and 𪚥')).toBeNull();
  });

  it('names the first problem', () => {
    expect(textProblem('a\uD800b\u0000')).toEqual({ kind: 'lone_surrogate', index: 1 });
    expect(textProblem('a\u0000\uD800')).toEqual({ kind: 'control', index: 1, codePoint: 0 });
    expect(codePointLabel(0)).toBe('U+0000');
    expect(codePointLabel(0x9f)).toBe('U+009F');
  });
});
