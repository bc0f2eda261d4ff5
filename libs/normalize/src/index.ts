export { ok, err, type Result, type IdentifierError, type CaseNumberError, type MoneyError } from './result';
export { foldWidth, cleanText, cleanName, canonicalIdentifier } from './text';
export { textProblem, codePointLabel, withoutInvalidText, type TextProblem } from './text-check';
export { normalizeIdCard, idCardCheckChar, maskIdCard, type IdCard } from './id-card';
export { normalizeUscc, usccCheckChar } from './uscc';
export {
  parseCaseNumber,
  CASE_TYPE_CODES,
  PROVINCE_ABBREVIATIONS,
  type CaseNumber,
  type CaseTypeCode,
  type CourtLevel,
} from './case-number';
export { parseMoneyToFen, formatFen } from './money';
export {
  parseDate,
  parseInstant,
  cstDateOf,
  addDays,
  daysBetween,
  cstStartOfDay,
  isCalendarDate,
  isLeapYear,
} from './date';
export {
  maskPersonName,
  maskPhone,
  maskAccount,
  maskFreeText,
  maskIdentifiersInText,
  type FreeTextMasking,
} from './pii';
