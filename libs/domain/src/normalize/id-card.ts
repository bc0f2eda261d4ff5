import { isCalendarDate } from './date';
import { err, ok, type IdentifierError, type Result } from './result';
import { foldWidth } from './text';

export interface IdCard {
  value: string;
  areaCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female';
  upgradedFrom15: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const PROVINCE_CODES = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  ...['71', '81', '82'],
]);

const fail = (check: IdentifierError['check'], message: string) => err<IdentifierError>({ check, message });

export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckChar expects exactly 17 digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11] as string;
}

export function normalizeIdCard(raw: string): Result<IdCard, IdentifierError> {
  const s = foldWidth(raw)
    .replace(/[\s\u200B-\u200D-]/g, '')
    .replace(/x/g, 'X');
  let body: string;
  if (/^\d{15}$/.test(s)) body = `${s.slice(0, 6)}19${s.slice(6)}`;
  else if (/^\d{17}[\dX]$/.test(s)) body = s.slice(0, 17);
  else return fail('format', 'ID card number must be 18 characters (17 digits + digit or X) or 15 digits');

  if (!PROVINCE_CODES.has(body.slice(0, 2))) {
    return fail('area_code', 'ID card area code does not start with a valid province code');
  }
  const [y, m, d] = [body.slice(6, 10), body.slice(10, 12), body.slice(12, 14)];
  if (!isCalendarDate(Number(y), Number(m), Number(d)) || y < '1900' || y > '2100') {
    return fail('birth_date', 'ID card birth date is not a real date between 1900-01-01 and 2100-12-31');
  }
  const check = idCardCheckChar(body);
  if (s.length === 18 && s[17] !== check) return fail('check_char', 'ID card check character does not match');
  return ok({
    value: body + check,
    areaCode: body.slice(0, 6),
    birthDate: `${y}-${m}-${d}`,
    sex: Number(body[16]) % 2 === 1 ? 'male' : 'female',
    upgradedFrom15: s.length === 15,
  });
}

export function maskIdCard(value: string): string {
  const chars = Array.from(value);
  if (chars.length < 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}
