import { REASON_MESSAGES_ZH, type ReasonCode, type Violation } from '@zhijian/contracts';
import { CASE_TYPE_CODES } from '@zhijian/domain';

/**
 * Chinese messages for the violations the decoder's own checks give (identifiers, case numbers,
 * money, dates, instants): the checks in libs/domain (normalize) answer in English for engineers, and
 * producers and staff read Chinese. Each message names the field (JSON pointer and its Chinese
 * name), what the rule is and, for a format, an example; the English text stays as `detail`.
 * Violations already in Chinese (the schema's, via violation-zh.ts, and the guards') pass as they are.
 */

/** The normalizers' messages are English sentences; the decoder's own start with a pointer or Chinese. */
const ENGLISH = /^[A-Za-z]/;

/** The Chinese name of a field, by the last segment of its pointer. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  idNo: '公民身份号码',
  uscc: '统一社会信用代码',
  caseNo: '案号',
  previousCaseNo: '原案号',
  occurredAt: '业务时间',
  schema: 'schema 名称',
  source: '来源',
};

function fieldOf(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return FIELD_NAMES[last] ?? '';
}

/** What the rule is, in Chinese, for a check of a reason; null when no specific text is known. */
function ruleText(
  reason: ReasonCode,
  check: string | undefined,
  pointer: string,
  english: string,
): string | null {
  const field = pointer.slice(pointer.lastIndexOf('/') + 1);
  if (reason === 'invalid_identifier' && field === 'uscc') {
    if (check === 'check_char') return '校验码（第 18 位）与前 17 位不符（GB 32100-2015）';
    return '须为 18 位，字符取自 0-9 与 A-Y（不含 I、O、S、V、Z）';
  }
  if (reason === 'invalid_identifier') {
    switch (check ?? '') {
      case 'format':
        return '须为 18 位（17 位数字加一位数字或 X）或 15 位数字；示例：11010519491231002X';
      case 'area_code':
        return '前两位不是有效的省级行政区划代码';
      case 'birth_date':
        return '出生日期（第 7–14 位）不是 1900-01-01 至 2100-12-31 之间的真实日期';
      case 'check_char':
        return '校验码（第 18 位）与前 17 位不符（ISO 7064 MOD 11-2）';
      default:
        return null;
    }
  }
  if (reason === 'invalid_case_number' || (reason === 'source_not_authorized' && check === 'court')) {
    switch (check ?? '') {
      case 'format':
        return '案号须形如 （2024）浙0803执1234号：年份、法院代字、类型代字、序号';
      case 'year':
        return '案号年份须在 1990 至 2100 之间；示例：（2024）浙0803执1234号';
      case 'court_code':
        return '法院代字须为“最高法”或省份简称加 0、2 或 4 位数字；示例：浙0803';
      case 'type_code':
        return `案件类型代字须是以下之一：${CASE_TYPE_CODES.join('、')}`;
      default:
        return null;
    }
  }
  if (field === 'occurredAt' && check === 'format')
    return '须为带时区偏移的 RFC 3339 时间；示例：2024-03-01T10:00:00+08:00';
  switch (check ?? '') {
    case 'format':
      // Money and Date fields answer with these checks (parseMoneyToFen, parseDate).
      if (/^money/i.test(english)) return '金额须为以元为单位的十进制字符串，至多两位小数；示例：12345.67';
      if (/^date/i.test(english)) return '日期须为 YYYY-MM-DD（中国标准时间）；示例：2024-03-04';
      return null;
    case 'calendar':
      return '日期在日历中不存在；示例：2024-03-04';
    case 'range':
      return '数值超出可接受范围';
    default:
      return null;
  }
}

/** The violation with a Chinese message (and the English one as `detail`), unless it is already Chinese. */
export function explainViolation(reason: ReasonCode, v: Violation): Violation {
  if (!ENGLISH.test(v.message)) return v;
  const name = fieldOf(v.pointer);
  const rule = ruleText(reason, v.check, v.pointer, v.message) ?? REASON_MESSAGES_ZH[reason];
  const tags = v.check ? `（规则 ${v.check}）` : '';
  return {
    ...v,
    message: `字段 ${v.pointer}${name ? `（${name}）` : ''}：${rule}${tags}`,
    detail: v.detail ?? v.message,
  };
}

export function explainViolations(reason: ReasonCode, violations: readonly Violation[]): Violation[] {
  return violations.map((v) => explainViolation(reason, v));
}
