import { err, ok, type CaseNumberError, type Result } from './result';
import { foldWidth } from './text';

export type CourtLevel = 'supreme' | 'high' | 'intermediate' | 'basic';

export const CASE_TYPE_CODES = ['执', '执恢', '执保', '执异', '执复', '执监'] as const;
export type CaseTypeCode = (typeof CASE_TYPE_CODES)[number];

export const PROVINCE_ABBREVIATIONS: string =
  '京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川黔云陕甘青内桂藏宁新兵军';

export interface CaseNumber {
  canonical: string;
  year: number;
  courtCode: string;
  /** null for 最高法 */
  provinceAbbr: string | null;
  courtDigits: string;
  courtLevel: CourtLevel;
  typeCode: CaseTypeCode;
  seq: number;
}

const SUPREME = '最高法';
const SHAPE = /^\((\d{4})\)(.+?)(\d+)号$/;
const LEVEL_BY_DIGITS: Record<number, CourtLevel | undefined> = { 0: 'high', 2: 'intermediate', 4: 'basic' };

const fail = (check: CaseNumberError['check'], message: string) => err<CaseNumberError>({ check, message });
const isTypeCode = (s: string): s is CaseTypeCode => (CASE_TYPE_CODES as readonly string[]).includes(s);

function courtLevelOf(provinceAbbr: string | null, digits: string): CourtLevel | undefined {
  if (provinceAbbr === null) return digits === '' ? 'supreme' : undefined;
  return PROVINCE_ABBREVIATIONS.includes(provinceAbbr) ? LEVEL_BY_DIGITS[digits.length] : undefined;
}

export function parseCaseNumber(raw: string): Result<CaseNumber, CaseNumberError> {
  const m = SHAPE.exec(foldWidth(raw).replace(/[\s\u200B-\u200D]/g, ''));
  if (!m) return fail('format', 'case number must look like （2024）浙0803执1234号');
  const [, yearText = '', middle = '', seqText = ''] = m;

  const year = Number(yearText);
  if (year < 1990 || year > 2100) return fail('year', 'case number year must be between 1990 and 2100');

  const provinceAbbr = middle.startsWith(SUPREME) ? null : (Array.from(middle)[0] as string);
  const afterCourt = middle.slice(provinceAbbr === null ? SUPREME.length : provinceAbbr.length);
  const courtDigits = /^\d*/.exec(afterCourt)?.[0] ?? '';
  // The type code is everything between the court digits and the sequence, so an exact match against
  // CASE_TYPE_CODES always takes the longest code (执恢, never 执 + stray 恢).
  const typeText = afterCourt.slice(courtDigits.length);
  const courtLevel = courtLevelOf(provinceAbbr, courtDigits);
  // Digits after a non-digit (浙江0803) mean the court code, not the type code, is malformed.
  if (!courtLevel || /\d/.test(typeText)) {
    return fail(
      'court_code',
      'court code must be 最高法 or a province abbreviation followed by 0, 2 or 4 digits',
    );
  }

  if (!isTypeCode(typeText)) {
    return fail('type_code', `case type code must be one of ${CASE_TYPE_CODES.join(' ')}`);
  }

  const seq = Number(seqText);
  if (seq < 1 || !Number.isSafeInteger(seq)) {
    return fail('format', 'case sequence number must be a positive integer');
  }

  const courtCode = (provinceAbbr ?? SUPREME) + courtDigits;
  return ok({
    canonical: `（${year}）${courtCode}${typeText}${seq}号`,
    year,
    courtCode,
    provinceAbbr,
    courtDigits,
    courtLevel,
    typeCode: typeText,
    seq,
  });
}
