import { err, ok, type IdentifierError, type Result } from './result';
import { foldWidth } from './text';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

export function usccCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/.test(first17)) {
    throw new RangeError('usccCheckChar expects exactly 17 characters from the USCC alphabet');
  }
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * ALPHABET.indexOf(first17[i] as string), 0);
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export function normalizeUscc(raw: string): Result<string, IdentifierError> {
  const s = foldWidth(raw)
    .replace(/[\s\u200B-\u200D]/g, '')
    // ASCII only: String#toUpperCase maps e.g. U+017F 'ſ' to 'S'.
    .replace(/[a-z]/g, (c) => c.toUpperCase());
  if (!USCC.test(s)) {
    return err({
      check: 'format',
      message: 'USCC must be 18 characters from 0-9 and A-Y excluding I, O, S, V, Z',
    });
  }
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) {
    return err({ check: 'check_char', message: 'USCC check character does not match' });
  }
  return ok(s);
}
