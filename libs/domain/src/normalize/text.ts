const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF]/g;
const CJK = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
// Full-width parentheses count as CJK here so that "公司 （北京）" and "公司（北京）" become the same name.
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}（）]) (?=[${CJK}（）])`, 'g');

const toHalfWidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Any character foldWidth changes (tested first: most text has none, and is returned as it is). */
const FOLDABLE = /[\uFF01-\uFF5E\u3000]/;

export function foldWidth(s: string): string {
  if (!FOLDABLE.test(s)) return s;
  return s.replace(FULL_WIDTH_ASCII, toHalfWidth).replace(/\u3000/g, ' ');
}

export function cleanText(s: string): string {
  // Zero-width chars go first so that "a \u200B b" collapses to a single space.
  return s.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

export function cleanName(s: string): string {
  return cleanText(s)
    .replace(FULL_WIDTH_ALNUM, toHalfWidth)
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(SPACE_BETWEEN_CJK, '');
}

/**
 * Canonical form of a registry identifier (account number, VIN, 不动产单元号, plate): widths folded,
 * every space and zero-width char removed, letters upper-cased — "6222 0212 ３４" and "6222021234",
 * "lsvag2180e2 123456" and "LSVAG2180E2123456" are the same identifier.
 */
export function canonicalIdentifier(s: string): string {
  return foldWidth(s).replace(ZERO_WIDTH, '').replace(/\s+/g, '').toUpperCase();
}
