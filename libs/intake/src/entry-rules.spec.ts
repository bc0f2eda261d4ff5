import fc from 'fast-check';
import { textProblem } from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { beforeFactsProblem, factsDateOf, overClaimProblem } from './entry-rules';
import {
  parseActionBody,
  parseCourtReplyBody,
  parseReassignBody,
  parseRectificationBody,
  parseRejectBody,
  parseSuggestionBody,
  readReason,
} from './intake-requests';

const item = (on: string, context?: boolean): EvidenceItem => ({
  kind: 'event',
  source: 'court:浙0803',
  eventId: `e-${on}`,
  on,
  summary: '事实',
  ...(context ? { context } : {}),
});

/** A control character other than tab and line breaks, or a lone surrogate. */
const badUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).filter((c) => ![0x09, 0x0a, 0x0d].includes(c)),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
);
const cjk = fc.string({
  unit: fc.constantFrom(...'执行财产查封不属实理由说明abc 1'),
  minLength: 1,
  maxLength: 30,
});

describe('entries that make sense', () => {
  describe('text fields', () => {
    it('refuses a control character or lone surrogate in any text field, per field, in Chinese', () => {
      const parsers: [
        string,
        (text: string) => { ok: true } | { ok: false; errors: Record<string, string> },
      ][] = [
        ['reason', (reason) => parseActionBody({ reason })],
        ['reason', (reason) => parseRejectBody({ reason })],
        ['number', (number) => parseSuggestionBody({ number, servedOn: '2024-04-01' }, '2026-12-07')],
        ['reason', (reason) => parseReassignBody({ toUnit: '330802', reason })],
        [
          'overClaimReason',
          (overClaimReason) => parseRectificationBody({ recoveredAmount: '1.00', overClaimReason }),
        ],
      ];
      fc.assert(
        fc.property(cjk, badUnit, cjk, fc.constantFrom(...parsers), (before, unit, after, [field, parse]) => {
          // Inside the text: at its ends, VT and FF are whitespace that trimming drops (nothing stored).
          const parsed = parse(`甲${before}${String.fromCharCode(unit)}${after}乙`);
          expect(parsed.ok).toBe(false);
          if (parsed.ok) return;
          expect(Object.keys(parsed.errors)).toEqual([field]);
          expect(parsed.errors[field]).toMatch(/控制字符|无效的字符编码/);
        }),
      );
    });

    it('keeps line breaks and tabs in free text, not in a document number', () => {
      expect(parseRejectBody({ reason: '第一，不属实；\n第二，\t已处置' })).toMatchObject({
        ok: true,
        value: { reason: '第一，不属实；\n第二，\t已处置' },
      });
      expect(
        parseSuggestionBody({ number: '建\n〔2024〕1号', servedOn: '2024-04-01' }, '2026-12-07'),
      ).toEqual({
        ok: false,
        errors: {
          number: '检察建议文号 number含有不可见的控制字符（U+000A，第 2 个字符），请删除后重新提交',
        },
      });
      expect(parseRejectBody({ reason: '不属实\u0000' })).toEqual({
        ok: false,
        errors: {
          reason: '不予受理的理由 reason含有不可见的控制字符（U+0000，第 4 个字符），请删除后重新提交',
        },
      });
    });

    it('keeps a read’s reason storable: control characters and lone surrogates dropped', () => {
      expect(readReason('%00复核\u0007线索', undefined)).toBe('复核线索');
      expect(readReason(undefined, '\ud800')).toBeNull();
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
          const reason = readReason(undefined, raw);
          expect(reason === null || textProblem(reason) === null).toBe(true);
        }),
      );
    });

    it('bounds every text field', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1001, max: 3000 }), (n) => {
          const parsed = parseActionBody({ reason: '字'.repeat(n) });
          expect(parsed).toEqual({ ok: false, errors: { reason: '说明 reason不能超过 1000 字' } });
        }),
        { numRuns: 20 },
      );
      expect(
        parseSuggestionBody({ number: '号'.repeat(101), servedOn: '2024-04-01' }, '2026-12-07'),
      ).toMatchObject({
        ok: false,
        errors: { number: '检察建议文号 number不能超过 100 字' },
      });
      // Characters, not UTF-16 units: 1000 characters outside the BMP are fine.
      expect(parseActionBody({ reason: '𠀀'.repeat(1000) }).ok).toBe(true);
    });
  });

  describe('dates', () => {
    it('refuses a service or reply date after today in China', () => {
      expect(parseSuggestionBody({ number: 'X', servedOn: '2031-01-01' }, '2026-12-07')).toEqual({
        ok: false,
        errors: { servedOn: '送达日期 servedOn不能晚于今天（北京时间 2026-12-07），收到“2031-01-01”' },
      });
      expect(parseSuggestionBody({ number: 'X', servedOn: '2026-12-07' }, '2026-12-07').ok).toBe(true);
      expect(parseCourtReplyBody({ reply: 'adopted', repliedOn: '2026-12-08' }, '2026-12-07')).toEqual({
        ok: false,
        errors: { repliedOn: '回复日期 repliedOn不能晚于今天（北京时间 2026-12-07），收到“2026-12-08”' },
      });
    });

    it('dates a lead’s facts by its latest evidence, context aside; else the day it was raised (China time)', () => {
      const asOf = new Date('2024-03-15T17:00:00Z'); // 2024-03-16 in China
      expect(factsDateOf({ evidence: { items: [], parties: [], facts: {} }, asOf })).toBe('2024-03-16');
      expect(
        factsDateOf({
          evidence: {
            items: [item('2024-02-01'), item('2024-03-10'), item('2024-06-03', true)],
            parties: [],
            facts: {},
          },
          asOf,
        }),
      ).toBe('2024-03-10');
      fc.assert(
        fc.property(
          fc.array(
            fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
            {
              minLength: 1,
              maxLength: 8,
            },
          ),
          (dates) => {
            const days = dates.map((d) => d.toISOString().slice(0, 10));
            const facts = factsDateOf({
              evidence: { items: days.map((d) => item(d)), parties: [], facts: {} },
              asOf,
            });
            expect(facts).toBe([...days].sort().at(-1));
            expect(days.every((d) => beforeFactsProblem('送达日期', d, facts) !== null || d === facts)).toBe(
              true,
            );
            expect(beforeFactsProblem('送达日期', facts, facts)).toBeNull();
          },
        ),
      );
      expect(beforeFactsProblem('送达日期 servedOn', '2024-03-09', '2024-03-10')).toBe(
        '送达日期 servedOn不能早于线索所依据事实的最后日期 2024-03-10，收到“2024-03-09”',
      );
    });
  });

  describe('recovered amounts', () => {
    it('allows up to the claim, more only with a reason, anything when the claim is unknown', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 10 ** 12 }),
          fc.integer({ min: 0, max: 10 ** 12 }),
          fc.option(cjk, { nil: null }),
          (recovered, claim, reason) => {
            const problem = overClaimProblem(recovered, claim, reason);
            expect(problem === null).toBe(recovered <= claim || reason !== null);
            expect(overClaimProblem(recovered, null, null)).toBeNull();
          },
        ),
      );
      expect(overClaimProblem(600_000_01, 500_000_00, null)).toBe(
        '追回金额 600000.01 元超过申请执行标的 500000.00 元：如确有超出（如迟延履行利息、执行费用），请在 overClaimReason 中说明理由',
      );
    });
  });
});
