import type { Chart as ChartJs, ChartConfiguration } from 'chart.js';
import { api, qs } from './api.js';
import { csvOf, download } from './csv.js';
import { formValues, h, mount, percent, yuan, DATE_INPUT } from './dom.js';
import { badges, modelName, officeName } from './labels.js';
import type { Ctx } from './ctx.js';
import type {
  LeadSummaryView,
  ModelResultsParams,
  ModelResultView,
  OverdueView,
  Rate,
  RatesParams,
  RatesRow,
  RatesView,
} from '@zhijian/contracts/api';
import { transferRatesSection } from './transfer-rates.js';
import { modelResultsRows, modelResultsSection } from './model-results.js';

declare global {
  interface Window {
    /** Chart.js's UMD build (served by the hub from node_modules), loaded before the console. */
    Chart?: typeof ChartJs;
  }
}

type Dimension = 'model' | 'unit' | 'month';
const DIMENSIONS: [Dimension, string][] = [
  ['model', '监督模型'],
  ['unit', '承办检察院'],
  ['month', '月份'],
];
const RATES: [keyof Omit<RatesRow, 'key' | 'leads'>, string, string][] = [
  ['conversion', '转化率', '受理（立案审查）/ 线索'],
  ['adoption', '采纳率', '法院采纳 / 发出检察建议'],
  ['rectification', '整改率', '已整改 / 法院采纳'],
  ['recovery', '追回率', '追回金额 / 被监督案件执行标的'],
];
const COLORS = ['#1d4ed8', '#0f766e', '#b45309', '#9b1c1c'];

let charts: ChartJs[] = [];

/**
 * 领导看板 (rates.read): adoption, rectification, recovery and conversion rates of the user's
 * scope by model, office and month, leads over time, the 检察建议 past their deadlines, and a
 * CSV of every figure shown, and each model version's results (issue 18). The figures are the
 * API's (/v1/rates, /v1/followups/overdue, /v1/models/results).
 */
export async function dashboardPage(ctx: Ctx): Promise<void> {
  const from = ctx.params.get('from') ?? '';
  const to = ctx.params.get('to') ?? '';
  const [byModel, byUnit, byMonth, overdue, results] = await Promise.all([
    api<RatesView>(`/v1/rates${qs<RatesParams>({ groupBy: 'model', from, to })}`),
    api<RatesView>(`/v1/rates${qs<RatesParams>({ groupBy: 'unit', from, to })}`),
    api<RatesView>(`/v1/rates${qs<RatesParams>({ groupBy: 'month', from, to })}`),
    api<OverdueView>('/v1/followups/overdue'),
    api<ModelResultView[]>(`/v1/models/results${qs<ModelResultsParams>({ from, to })}`),
  ]);
  const rates: Record<Dimension, RatesView> = { model: byModel, unit: byUnit, month: byMonth };
  const keyName = (d: Dimension, key: string) =>
    key === 'total'
      ? '合计'
      : d === 'model'
        ? modelName(ctx.me, key)
        : d === 'unit'
          ? officeName(ctx.me, key)
          : key;

  for (const c of charts) c.destroy();
  charts = [];
  const canvases: Record<string, HTMLCanvasElement> = {};
  const canvas = (id: string, label: string) =>
    (canvases[id] = h('canvas', { id, role: 'img', 'aria-label': label }));

  const form = h(
    'form',
    {
      class: 'filters card',
      'aria-label': '统计期间',
      onsubmit: (e: Event) => {
        e.preventDefault();
        ctx.navigate('/dashboard', formValues(form));
      },
    },
    h('label', {}, '线索发现日期自', h('input', { ...DATE_INPUT, name: 'from', value: from })),
    h('label', {}, '至', h('input', { ...DATE_INPUT, name: 'to', value: to })),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit' }, '统计'),
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => ctx.navigate('/dashboard') },
        '全部期间',
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': 'csv',
        onclick: () =>
          download(
            `办理成效_${ctx.me.unitCode}_${from || '起'}_${to || '今'}.csv`,
            csvOf([...dashboardRows(rates, overdue, keyName, ctx), [], ...modelResultsRows(results)]),
          ),
      },
      '导出 CSV',
    ),
  );

  const total = byModel.total;
  mount(
    ctx.main,
    h('h1', {}, '办理成效看板'),
    h(
      'p',
      { class: 'muted' },
      `${ctx.me.unitName}${ctx.me.offices.length > 1 ? '及所辖检察院' : ''}；期间：${from || '最早'} 至 ${to || '今'}（按线索发现日期）。`,
    ),
    form,
    h(
      'div',
      { class: 'kpis', 'data-testid': 'kpis' },
      h(
        'div',
        { class: 'kpi' },
        h('div', { class: 'd' }, '线索总数'),
        h('div', { class: 'v', 'data-kpi': 'leads' }, String(total.leads)),
      ),
      RATES.map(([k, label, help]) =>
        h(
          'div',
          { class: 'kpi', title: help },
          h('div', { class: 'd' }, label),
          h('div', { class: 'v', 'data-kpi': k }, percent(total[k].rate)),
          h('div', { class: 'd' }, ratio(k, total[k])),
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid2' },
      h(
        'section',
        { class: 'card' },
        h('h2', {}, '各监督模型办理成效'),
        h('div', { class: 'chart' }, canvas('chart-model', '各监督模型的四项比率柱状图')),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, '各检察院办理成效'),
        h('div', { class: 'chart' }, canvas('chart-unit', '各检察院的四项比率柱状图')),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, '线索数量与转化率（按月）'),
      h('div', { class: 'chart' }, canvas('chart-month', '按月线索数量与转化率')),
    ),
    DIMENSIONS.map(([d, label]) =>
      h(
        'section',
        { class: 'card' },
        h('h2', {}, `按${label}统计`),
        ratesTable(d, rates[d], (k) => keyName(d, k)),
      ),
    ),
    modelResultsSection(results),
    overdueSection(ctx, overdue),
    transferRatesSection(),
  );

  const Chart = window.Chart;
  if (!Chart) {
    for (const c of Object.values(canvases))
      c.replaceWith(h('p', { class: 'error' }, '图表组件未能加载，请刷新页面；下方表格数据不受影响。'));
    return;
  }
  const percentAxis = { beginAtZero: true, max: 100, ticks: { callback: (v: string | number) => `${v}%` } };
  const rateBars = (d: Dimension): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: rates[d].groups.map((g) => keyName(d, g.key)),
      datasets: RATES.map(([k, label], i) => ({
        label,
        data: rates[d].groups.map((g) => barOf(g, k)),
        backgroundColor: COLORS[i],
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: percentAxis },
      plugins: {
        // The counts beside every rate; under five cases no bar is drawn (issue 17).
        tooltip: {
          callbacks: {
            label: (item) => {
              const [k, label] = RATES[item.datasetIndex]!;
              const g = rates[d].groups[item.dataIndex]!;
              return `${label} ${percent(g[k].rate)}（${ratio(k, g[k])}）`;
            },
          },
        },
        subtitle: { display: true, text: `少于 ${MIN_BAR_CASES} 件的比率不绘制柱形，见下方表格` },
      },
    },
  });
  const months = withEmptyMonths(byMonth.groups);
  charts.push(new Chart(canvases['chart-model']!, rateBars('model')));
  charts.push(new Chart(canvases['chart-unit']!, rateBars('unit')));
  charts.push(
    new Chart(canvases['chart-month']!, {
      type: 'bar',
      data: {
        labels: months.map((g) => g.key),
        datasets: [
          {
            type: 'bar',
            label: '线索数',
            data: months.map((g) => g.leads),
            backgroundColor: '#94a3b8',
            yAxisID: 'y',
          },
          {
            type: 'line',
            label: '转化率',
            data: months.map((g) => barOf(g, 'conversion')),
            borderColor: COLORS[0],
            backgroundColor: COLORS[0],
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, position: 'left', title: { display: true, text: '线索数' } },
          y1: { ...percentAxis, position: 'right', grid: { drawOnChartArea: false } },
        },
      },
    }),
  );
}

/** Rates over fewer cases than this are not drawn (a rate over one or two cases says little). */
const MIN_BAR_CASES = 5;

/** The bar of rate `k` of a group: null (not drawn) under MIN_BAR_CASES cases (recovery: leads). */
function barOf(g: RatesRow, k: (typeof RATES)[number][0]): number | null {
  const cases = k === 'recovery' ? g.leads : g[k].denominator;
  return cases < MIN_BAR_CASES ? null : pct(g[k].rate);
}

/** Every month from the first to the last, the empty ones with no leads (YYYY-MM keys). */
export function withEmptyMonths(groups: RatesRow[]): RatesRow[] {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const keys = groups
    .map((g) => g.key)
    .filter((k) => /^\d{4}-\d{2}$/.test(k))
    .sort();
  if (keys.length < 2) return groups;
  const zero: Rate = { numerator: 0, denominator: 0, rate: null };
  const out: RatesRow[] = [];
  let [y, m] = keys[0]!.split('-').map(Number) as [number, number];
  const last = keys[keys.length - 1]!;
  for (let i = 0; i < 1200; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(
      byKey.get(key) ?? {
        key,
        leads: 0,
        conversion: zero,
        adoption: zero,
        rectification: zero,
        recovery: zero,
      },
    );
    if (key >= last) break;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** A rate in percent with one decimal, for the charts (null: nothing to divide by, not drawn). */
function pct(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

/** "2 / 3", money in yuan for the recovery rate. */
function ratio(k: string, r: Rate): string {
  return k === 'recovery'
    ? `${yuan(r.numerator)} / ${yuan(r.denominator)} 元`
    : `${r.numerator} / ${r.denominator}`;
}

function ratesTable(d: Dimension, rates: RatesView, name: (key: string) => string): HTMLElement {
  const row = (g: RatesRow, total: boolean) =>
    h(
      total ? 'tfoot' : 'tbody',
      {},
      h(
        'tr',
        { 'data-key': g.key },
        h(total ? 'th' : 'td', {}, name(g.key)),
        h('td', { class: 'num', 'data-rate': 'leads' }, String(g.leads)),
        RATES.map(([k]) =>
          h(
            'td',
            {
              class: 'num',
              'data-rate': k,
              'data-numerator': g[k].numerator,
              'data-denominator': g[k].denominator,
            },
            `${percent(g[k].rate)}（${ratio(k, g[k])}）`,
          ),
        ),
      ),
    );
  if (!rates.groups.length) return h('p', { class: 'notice' }, '该期间内没有线索。');
  return h(
    'table',
    { 'data-testid': `rates-${d}` },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, '分组'),
        h('th', { class: 'num' }, '线索数'),
        RATES.map(([, label, help]) => h('th', { class: 'num', title: help }, label)),
      ),
    ),
    rates.groups.map((g) => row(g, false)),
    row(rates.total, true),
  );
}

function overdueSection(ctx: Ctx, o: OverdueView): HTMLElement {
  const table = (items: LeadSummaryView[], id: string) =>
    h(
      'table',
      { 'data-testid': id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '线索'),
          h('th', {}, '承办检察院'),
          h('th', {}, '状态'),
          h('th', {}, '期限'),
          h('th', {}, '标记'),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((l) =>
          h(
            'tr',
            { 'data-lead-id': l.id },
            h('td', {}, h('a', { href: `#/leads/${l.id}` }, l.title)),
            h('td', {}, officeName(ctx.me, l.unitCode)),
            h('td', {}, l.statusName),
            h('td', {}, l.deadline ? `${l.deadline.label}：${l.deadline.due}` : '—'),
            h('td', {}, badges(l)),
          ),
        ),
      ),
    );
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-overdue' },
    h('h2', { id: 'h-overdue' }, `逾期跟进事项（截至 ${o.today}）`),
    h(
      'p',
      { class: 'muted', 'data-testid': 'overdue-summary' },
      `检察建议逾期未回复或整改逾期未落实 ${o.overdue.length} 件，尚在期限内 ${o.pending} 件；未办结的跟进监督线索 ${o.followups.total} 件。`,
    ),
    o.overdue.length ? table(o.overdue, 'overdue') : h('p', { class: 'notice' }, '没有逾期的检察建议。'),
    o.followups.items.length ? [h('h3', {}, '跟进监督线索'), table(o.followups.items, 'followups')] : null,
  );
}

/** Every figure the dashboard shows, as CSV rows. */
function dashboardRows(
  rates: Record<Dimension, RatesView>,
  o: OverdueView,
  keyName: (d: Dimension, key: string) => string,
  ctx: Ctx,
): (string | number)[][] {
  const rows: (string | number)[][] = [
    [
      '维度',
      '分组',
      '线索数',
      '受理数',
      '转化率',
      '发出检察建议数',
      '法院采纳数',
      '采纳率',
      '已整改数',
      '整改率',
      '追回金额（元）',
      '被监督案件执行标的（元）',
      '追回率',
    ],
  ];
  const pct = (r: Rate) => (r.rate === null ? '' : (r.rate * 100).toFixed(1) + '%');
  for (const [d, label] of DIMENSIONS)
    for (const g of [...rates[d].groups, rates[d].total])
      rows.push([
        label,
        keyName(d, g.key),
        g.leads,
        g.conversion.numerator,
        pct(g.conversion),
        g.adoption.denominator,
        g.adoption.numerator,
        pct(g.adoption),
        g.rectification.numerator,
        pct(g.rectification),
        (g.recovery.numerator / 100).toFixed(2),
        (g.recovery.denominator / 100).toFixed(2),
        pct(g.recovery),
      ]);
  rows.push([]);
  rows.push(['逾期跟进事项', '线索', '案号', '承办检察院', '状态', '期限', '到期日', '逾期天数']);
  for (const l of [...o.overdue, ...o.followups.items])
    rows.push([
      l.kind === 'followup' ? '跟进监督线索' : '检察建议逾期',
      l.title,
      l.caseNo ?? '',
      officeName(ctx.me, l.unitCode),
      l.statusName,
      l.deadline?.label ?? '',
      l.deadline?.due ?? '',
      l.deadline?.daysOverdue ?? '',
    ]);
  return rows;
}
