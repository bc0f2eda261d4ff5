import fc from 'fast-check';
import { canonicalIdentifier, cleanName, cleanText, foldWidth } from './text';

describe('foldWidth', () => {
  it('folds full-width ASCII variants and the ideographic space', () => {
    expect(foldWidth('（２０２４）ＡＢｃ！～\u3000x')).toBe('(2024)ABc!~ x');
  });

  it('leaves everything else alone', () => {
    expect(foldWidth('浙江省、杭州。「」\u00A0\uFF5F\uFF00\u2003')).toBe(
      '浙江省、杭州。「」\u00A0\uFF5F\uFF00\u2003',
    );
  });

  it('is idempotent and never leaves a U+FF01–U+FF5E char', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = foldWidth(s);
        expect(foldWidth(once)).toBe(once);
        expect(once).not.toMatch(/[\uFF01-\uFF5E\u3000]/);
        expect(once.length).toBe(s.length);
      }),
    );
  });
});

describe('cleanText', () => {
  it('trims, collapses whitespace of every kind and drops zero-width chars', () => {
    expect(cleanText(' \t申请人\u3000\u3000张三\n\n被执行人\u00A0李四 \u200B ')).toBe(
      '申请人 张三 被执行人 李四',
    );
    expect(cleanText('a\u200Bb\u200C\u200Dc\uFEFF')).toBe('abc');
    expect(cleanText('a \u200B b')).toBe('a b');
  });

  it('applies NFC', () => {
    expect(cleanText('Cafe\u0301')).toBe('Caf\u00E9');
  });

  it('keeps full-width punctuation in free text', () => {
    expect(cleanText('（执行）１２３')).toBe('（执行）１２３');
  });

  it('is idempotent and leaves no leading/trailing or doubled whitespace', () => {
    const unit = fc.constantFrom(
      'a',
      '张',
      ' ',
      '\t',
      '\n',
      '\u3000',
      '\u00A0',
      '\u200B',
      '\uFEFF',
      'e\u0301',
    );
    fc.assert(
      fc.property(fc.string({ unit }), (s) => {
        const out = cleanText(s);
        expect(cleanText(out)).toBe(out);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s\s|[\u200B-\u200D\uFEFF]|[\t\n\u3000\u00A0]/);
      }),
    );
  });
});

describe('cleanName', () => {
  it('removes spaces between CJK characters only', () => {
    expect(cleanName(' 张 \u3000三 ')).toBe('张三');
    expect(cleanName('John  Smith 张 三')).toBe('John Smith 张三');
  });

  it('folds full-width letters and digits, writes parentheses full-width', () => {
    expect(cleanName('ＡＢＣ科技有限公司(杭州)')).toBe('ABC科技有限公司（杭州）');
    expect(cleanName('杭州某某 （ 第１分公司 ）')).toBe('杭州某某（第1分公司）');
    expect(cleanName('Acme (China) Co., Ltd.')).toBe('Acme （China） Co., Ltd.');
  });

  it('is idempotent and yields no half-width parentheses', () => {
    const unit = fc.constantFrom('张', '三', 'A', 'ａ', '１', ' ', '\u3000', '(', ')', '（', '）', '\u200B');
    fc.assert(
      fc.property(fc.string({ unit }), (s) => {
        const out = cleanName(s);
        expect(cleanName(out)).toBe(out);
        expect(out).not.toMatch(/[()\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]|[张三（）] [张三（）]/);
      }),
    );
  });
});

describe('canonicalIdentifier', () => {
  it('folds width, drops spaces of every kind and upper-cases', () => {
    expect(canonicalIdentifier(' 6222 0212\u3000３４５６ ')).toBe('622202123456');
    expect(canonicalIdentifier('lsvag2180e2 １２３456')).toBe('LSVAG2180E2123456');
    expect(canonicalIdentifier('浙ｈ 1234\u200B5')).toBe('浙H12345');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = canonicalIdentifier(s);
        expect(canonicalIdentifier(once)).toBe(once);
      }),
    );
  });
});
