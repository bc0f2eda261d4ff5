import { h, percent, yuan } from './dom.js';
import type { ModelResultView } from '@zhijian/contracts/api';

/** A rate drawn as a bar only from this many cases on (a rate over one or two cases says little). */
export const MIN_BAR_CASES = 5;

type Step = 'accepted' | 'suggestionsIssued' | 'adopted' | 'rectified';

/** Each step's rate: its count over the step before (受理 over 线索, 建议 over 受理, …). */
const STEPS: [Step, keyof ModelResultView, string, string][] = [
  ['accepted', 'raised', '受理', '受理（立案审查）/ 线索'],
  ['suggestionsIssued', 'accepted', '发出检察建议', '发出检察建议 / 受理'],
  ['adopted', 'suggestionsIssued', '法院采纳', '法院采纳 / 发出检察建议'],
  ['rectified', 'adopted', '已整改', '已整改 / 法院采纳'],
];

const rateOf = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** The count, its rate over the step before and, from five cases on, a bar. */
function stepCell(r: ModelResultView, step: Step, over: keyof ModelResultView, help: string): HTMLElement {
  const n = r[step];
  const d = r[over] as number;
  const rate = rateOf(n, d);
  return h(
    'td',
    { class: 'num', 'data-step': step, 'data-numerator': n, 'data-denominator': d, title: help },
    h('span', { class: 'count' }, `${n} / ${d}`),
    ' ',
    h('span', { class: 'rate' }, percent(rate)),
    d >= MIN_BAR_CASES && rate !== null
      ? h('meter', { min: 0, max: 1, value: rate, 'aria-label': `${help} ${percent(rate)}` })
      : null,
  );
}

/**
 * 各模型（分版本）办理成效 (issue 18): per model and version in the caller's scope, the leads
 * raised and what became of them, counts beside rates, bars from five cases on; the figures of
 * /v1/models/results, the models by name.
 */
export function modelResultsSection(results: ModelResultView[]): HTMLElement {
  return h(
    'section',
    { class: 'card', id: 'model-results', 'aria-labelledby': 'h-model-results' },
    h('h2', { id: 'h-model-results' }, '各监督模型办理成效（按版本）'),
    h(
      'p',
      { class: 'muted' },
      `每项为“件数 / 上一环节件数”及比率；少于 ${MIN_BAR_CASES} 件的比率不绘制条形。声明式模型标注“声明式”。`,
    ),
    results.length
      ? h(
          'table',
          { 'data-testid': 'model-results' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, '监督模型'),
              h('th', { class: 'num' }, '版本'),
              h('th', { class: 'num' }, '线索数'),
              STEPS.map(([, , label, help]) => h('th', { class: 'num', title: help }, label)),
              h('th', { class: 'num' }, '追回金额（元）'),
            ),
          ),
          h(
            'tbody',
            {},
            results.map((r) =>
              h(
                'tr',
                { 'data-model': r.modelId, 'data-version': r.modelVersion },
                h(
                  'td',
                  {},
                  r.title,
                  r.declarative
                    ? [' ', h('span', { class: 'badge', title: '检察人员编写的声明式模型' }, '声明式')]
                    : null,
                ),
                h('td', { class: 'num' }, `第 ${r.modelVersion} 版`),
                h('td', { class: 'num', 'data-step': 'raised' }, String(r.raised)),
                STEPS.map(([step, over, , help]) => stepCell(r, step, over, help)),
                h('td', { class: 'num', 'data-step': 'recovered' }, yuan(r.recoveredFen)),
              ),
            ),
          ),
        )
      : h('p', { class: 'notice' }, '该期间内没有线索。'),
  );
}

/** The same figures as CSV rows. */
export function modelResultsRows(results: ModelResultView[]): (string | number)[][] {
  const pct = (n: number, d: number) => {
    const r = rateOf(n, d);
    return r === null ? '' : (r * 100).toFixed(1) + '%';
  };
  return [
    [
      '监督模型',
      '版本',
      '线索数',
      '受理数',
      '受理率',
      '发出检察建议数',
      '建议发出率',
      '法院采纳数',
      '采纳率',
      '已整改数',
      '整改率',
      '追回金额（元）',
    ],
    ...results.map((r) => [
      r.title,
      r.modelVersion,
      r.raised,
      r.accepted,
      pct(r.accepted, r.raised),
      r.suggestionsIssued,
      pct(r.suggestionsIssued, r.accepted),
      r.adopted,
      pct(r.adopted, r.suggestionsIssued),
      r.rectified,
      pct(r.rectified, r.adopted),
      (r.recoveredFen / 100).toFixed(2),
    ]),
  ];
}
