import { ApiError, api, messageOf, qs, token } from './api.js';
import { DATE_INPUT, errorBox, formValues, h, loading, mount, toast } from './dom.js';
import { officeName } from './labels.js';
import type { Ctx } from './ctx.js';

interface Report {
  unitName: string;
  from: string;
  to: string;
  totals: { leads: number; courts: number; cases: number };
  byModel: { modelId: string; title: string; leads: number }[];
  byCourt: { court: string; courtName: string; leads: number; cases: number }[];
  byMonth: { month: string; leads: number }[];
  findings: {
    courtName: string;
    title: string;
    leads: number;
    cases: number;
    factor: number;
    recommendation: string;
  }[];
  overdueReplies: { total: number; overdue: number };
  typicalCases: { caseNo: string | null; courtName: string; statement: string }[];
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 报告 (rates.read): the 专题分析报告 of an office of the user's scope over a period: its figures
 * here, and the report itself as HTML or PDF (printed by the hub's headless Chromium).
 */
export async function reportPage(ctx: Ctx): Promise<void> {
  const unit = ctx.params.get('unit') ?? ctx.me.unitCode;
  const from = ctx.params.get('from') ?? `${today().slice(0, 4)}-01-01`;
  const to = ctx.params.get('to') ?? today();
  const out = h('div', { id: 'report', 'data-state': 'loading' });
  const form: HTMLFormElement = h(
    'form',
    {
      id: 'report-form',
      class: 'filters card',
      onsubmit: (e: Event) => {
        e.preventDefault();
        ctx.navigate('/report', formValues(form));
      },
    },
    h(
      'label',
      {},
      '检察院',
      h(
        'select',
        { name: 'unit' },
        ctx.me.offices.map((o) => h('option', { value: o.unitCode, selected: o.unitCode === unit }, o.name)),
      ),
    ),
    h('label', {}, '自', h('input', { ...DATE_INPUT, name: 'from', value: from, required: true })),
    h('label', {}, '至', h('input', { ...DATE_INPUT, name: 'to', value: to, required: true })),
    h('button', { type: 'submit' }, '生成报告'),
  );
  const kept = h('section', { class: 'card', id: 'kept-reports', 'aria-labelledby': 'h-kept' });
  mount(ctx.main, h('h1', {}, '专题分析报告'), form, out, kept);
  void keptList(ctx, kept);
  mount(out, loading('正在生成报告…'));
  const query = { unit, from, to };
  try {
    const r = await api<Report>(`/v1/reports/thematic${qs({ ...query, format: 'json' })}`);
    mount(
      out,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', id: 'report-html', onclick: () => void save(query, 'html') },
          '下载报告（HTML）',
        ),
        h(
          'button',
          { type: 'button', id: 'report-pdf', onclick: () => void save(query, 'pdf') },
          '下载报告（PDF）',
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, `${r.unitName}（${r.from} 至 ${r.to}）`),
        h(
          'p',
          { 'data-testid': 'report-summary', 'data-leads': r.totals.leads },
          `线索 ${r.totals.leads} 件，涉及法院 ${r.totals.courts} 个；检察建议待回复或待整改 ${r.overdueReplies.total} 件，其中逾期 ${r.overdueReplies.overdue} 件；系统性问题 ${r.findings.length} 项。`,
        ),
      ),
      h(
        'div',
        { class: 'grid2' },
        table(
          '按监督模型',
          ['监督模型', '线索数'],
          r.byModel.map((m) => [m.title, m.leads]),
          'report-models',
        ),
        table(
          '按法院',
          ['法院', '线索数', '执行案件数'],
          r.byCourt.map((c) => [c.courtName, c.leads, c.cases]),
          'report-courts',
        ),
      ),
      monthSection(r.byMonth),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, '问题集中的法院与社会治理检察建议（草稿）'),
        r.findings.length
          ? r.findings.map((f) =>
              h(
                'div',
                { class: 'draft' },
                h(
                  'h3',
                  {},
                  `${f.courtName} · ${f.title}（${f.leads}/${f.cases}，全省 ${f.factor.toFixed(1)} 倍）`,
                ),
                h('p', {}, f.recommendation),
              ),
            )
          : h('p', { class: 'muted' }, '期间未发现问题明显集中的法院。'),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, '典型案例（已脱敏）'),
        r.typicalCases.map((t) =>
          h('p', {}, h('b', {}, `${t.caseNo ?? ''}（${t.courtName}）`), h('br'), t.statement),
        ),
      ),
    );
    out.setAttribute('data-state', 'ready');
  } catch (e) {
    mount(out, errorBox(messageOf(e)));
    out.setAttribute('data-state', 'error');
  }
}

function table(title: string, head: string[], rows: (string | number)[][], id: string): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    h(
      'table',
      { 'data-testid': id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((x, i) => h('th', { class: i ? 'num' : null }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c, i) => h('td', { class: i ? 'num' : null }, String(c))),
          ),
        ),
      ),
    ),
  );
}

async function save(query: Record<string, string>, format: 'html' | 'pdf'): Promise<void> {
  toast(format === 'pdf' ? '正在生成 PDF…' : '正在生成…');
  const res = await fetch(`/v1/reports/thematic${qs({ ...query, format })}`, {
    headers: { authorization: `Bearer ${token() ?? ''}` },
  });
  if (!res.ok) {
    toast(new ApiError(res.status, `生成失败（HTTP ${res.status}）`).message);
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `专题分析报告-${query.unit}-${query.from}-${query.to}.${format}` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Kept {
  id: string;
  unitCode: string;
  period: string;
  leads: number;
  findings: number;
}

/** The monthly reports kept for the offices of the scope (made on schedule by `report --monthly`). */
async function keptList(ctx: Ctx, el: HTMLElement): Promise<void> {
  try {
    const { items } = await api<{ items: Kept[] }>('/v1/reports/monthly');
    mount(
      el,
      h('h2', { id: 'h-kept' }, '月度报告（按月自动生成并留存）'),
      items.length
        ? h(
            'table',
            { 'data-testid': 'kept-reports' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['月份', '检察院', '线索数', '系统性问题', ''].map((x) => h('th', {}, x)),
              ),
            ),
            h(
              'tbody',
              {},
              items.map((k) =>
                h(
                  'tr',
                  { 'data-report-id': k.id },
                  h('td', {}, k.period),
                  h('td', { title: k.unitCode }, officeName(ctx.me, k.unitCode)),
                  h('td', { class: 'num' }, String(k.leads)),
                  h('td', { class: 'num' }, String(k.findings)),
                  h(
                    'td',
                    {},
                    h(
                      'button',
                      { type: 'button', class: 'secondary', onclick: () => void saveKept(k) },
                      '下载 PDF',
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, '尚无留存的月度报告。'),
    );
  } catch (e) {
    mount(el, errorBox(messageOf(e)));
  }
}

async function saveKept(k: Kept): Promise<void> {
  const res = await fetch(`/v1/reports/monthly/${k.id}`, {
    headers: { authorization: `Bearer ${token() ?? ''}` },
  });
  if (!res.ok) return toast(`下载失败（HTTP ${res.status}）`);
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `专题分析报告-${k.unitCode}-${k.period}.pdf` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Leads per month as a bar chart (every month of the period, empty ones as zero), the table folded below. */
function monthSection(months: { month: string; leads: number }[]): HTMLElement {
  const canvas = h('canvas', { id: 'report-month-chart', role: 'img', 'aria-label': '按月线索数柱状图' });
  const section = h(
    'section',
    { class: 'card' },
    h('h2', {}, '按月份'),
    h('div', { class: 'chart' }, canvas),
    h(
      'details',
      {},
      h('summary', {}, '按月明细'),
      h(
        'table',
        { 'data-testid': 'report-months' },
        h('thead', {}, h('tr', {}, h('th', {}, '月份'), h('th', { class: 'num' }, '线索数'))),
        h(
          'tbody',
          {},
          months.map((m) => h('tr', {}, h('td', {}, m.month), h('td', { class: 'num' }, String(m.leads)))),
        ),
      ),
    ),
  );
  const Chart = window.Chart;
  if (Chart)
    setTimeout(
      () =>
        new Chart(canvas, {
          type: 'bar',
          data: {
            labels: months.map((m) => m.month),
            datasets: [{ label: '线索数', data: months.map((m) => m.leads), backgroundColor: '#0f766e' }],
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          },
        }),
      0,
    );
  return section;
}
