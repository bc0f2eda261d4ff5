import { api, messageOf, qs } from './api.js';
import { errorBox, formValues, h, loading, mount, toast, DATE_INPUT } from './dom.js';
import { SEVERITY } from './labels.js';
import { leadTable, pager } from './leadtable.js';
import type { Ctx } from './ctx.js';
import type {
  ActionRequest,
  LeadSummaryView,
  LeadView,
  WorklistPage,
  WorklistParams,
} from '@zhijian/contracts/api';

export const TODO = 'new,claimed';
const SORTS: [string, string][] = [
  ['priority', '紧急程度'],
  ['newest', '最新发现'],
  ['oldest', '最早发现'],
  ['claim', '执行标的从高到低'],
];
const SIZES = ['20', '50', '100'];

const option = (value: string, label: string, selected: string | null) =>
  h('option', { value, selected: value === (selected ?? '') }, label);

/**
 * The filters of a lead list, kept in the address (#/inbox?model=…): model, severity, status,
 * office, court, livelihood cases, the period the leads were found in, the order and page size.
 */
export function filterForm(ctx: Ctx, path: string, fixed: Record<string, string> = {}): HTMLFormElement {
  const p = ctx.params;
  const courts = ctx.me.offices.flatMap((o) =>
    o.courts.map((c) => [c, `${c}（${o.name.replace('人民检察院', '')}）`]),
  );
  const form = h(
    'form',
    {
      id: 'filters',
      class: 'filters card',
      'aria-label': '筛选条件',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const v = formValues(form);
        if (v.livelihood !== 'true') delete v.livelihood;
        ctx.navigate(path, { ...v, ...fixed });
      },
    },
    h(
      'label',
      {},
      '监督模型',
      h(
        'select',
        { name: 'model' },
        option('', '全部模型', p.get('model')),
        ctx.me.models.map((m) => option(m.id, m.title, p.get('model'))),
      ),
    ),
    h(
      'label',
      {},
      '严重程度',
      h(
        'select',
        { name: 'severity' },
        option('', '全部', p.get('severity')),
        Object.entries(SEVERITY).map(([k, v]) => option(k, v, p.get('severity'))),
      ),
    ),
    fixed.status
      ? null
      : h(
          'label',
          {},
          '办理状态',
          h(
            'select',
            { name: 'status' },
            option(TODO, '待办（新线索、已认领）', p.get('status') ?? TODO),
            option('all', '全部状态', p.get('status') ?? TODO),
            ctx.me.statuses.map((s) => option(s.id, s.name, p.get('status') ?? TODO)),
          ),
        ),
    ctx.me.offices.length > 1
      ? h(
          'label',
          {},
          '承办检察院',
          h(
            'select',
            { name: 'unit' },
            option('', '全部（本院及所辖）', p.get('unit')),
            ctx.me.offices.map((o) => option(o.unitCode, o.name, p.get('unit'))),
          ),
        )
      : null,
    h(
      'label',
      {},
      '执行法院',
      h(
        'select',
        { name: 'court' },
        option('', '全部法院', p.get('court')),
        courts.map(([code, label]) => option(code!, label!, p.get('court'))),
      ),
    ),
    h('label', {}, '发现日期自', h('input', { ...DATE_INPUT, name: 'from', value: p.get('from') ?? '' })),
    h('label', {}, '至', h('input', { ...DATE_INPUT, name: 'to', value: p.get('to') ?? '' })),
    h(
      'label',
      { class: 'inline' },
      h('input', {
        type: 'checkbox',
        name: 'livelihood',
        value: 'true',
        checked: p.get('livelihood') === 'true',
      }),
      '仅民生案件',
    ),
    h(
      'label',
      {},
      '排序',
      h(
        'select',
        { name: 'sort' },
        SORTS.map(([k, v]) => option(k, v, p.get('sort') ?? 'priority')),
      ),
    ),
    h(
      'label',
      {},
      '每页',
      h(
        'select',
        { name: 'size' },
        SIZES.map((s) => option(s, `${s} 条`, p.get('size') ?? '20')),
      ),
    ),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit' }, '查询'),
      h('button', { type: 'button', class: 'secondary', onclick: () => ctx.navigate(path, fixed) }, '重置'),
    ),
  );
  return form;
}

/** The API query of the filters in the address. */
export function worklistQuery(p: URLSearchParams, fixed: Record<string, string> = {}): string {
  const get = (k: string) => fixed[k] ?? p.get(k) ?? undefined;
  const status = get('status') ?? TODO;
  const size = Number(get('size') ?? 20);
  return qs<WorklistParams>({
    modelId: get('model'),
    severity: get('severity'),
    status: status === 'all' ? undefined : status,
    unitCode: get('unit'),
    court: get('court'),
    from: get('from'),
    to: get('to'),
    livelihood: get('livelihood') === 'true' ? 'true' : undefined,
    sort: get('sort') ?? 'priority',
    limit: size,
    offset: get('offset') ?? 0,
  });
}

/** Loads a page of leads into `results`, keeping the last page visible (dimmed) meanwhile. */
export async function loadPage(
  ctx: Ctx,
  path: string,
  results: HTMLElement,
  render: (page: WorklistPage) => Node[],
  fixed: Record<string, string> = {},
): Promise<void> {
  results.classList.add('busy');
  results.setAttribute('aria-busy', 'true');
  if (!results.firstChild) mount(results, loading('正在加载线索…'));
  try {
    const page = await api<WorklistPage>(`/v1/worklist${worklistQuery(ctx.params, fixed)}`);
    mount(
      results,
      ...render(page),
      pager(page, (offset) =>
        ctx.navigate(path, { ...Object.fromEntries(ctx.params.entries()), offset: String(offset) }),
      ),
    );
    results.dataset.state = 'ready';
  } catch (e) {
    mount(results, errorBox(messageOf(e)));
    results.dataset.state = 'error';
  } finally {
    results.classList.remove('busy');
    results.removeAttribute('aria-busy');
  }
}

/**
 * 收件箱: the leads of the user's scope (a county its own office's, a city its own and its
 * counties'), the open ones first by urgency, filtered and paged on the server; claim in place.
 */
export async function inboxPage(ctx: Ctx): Promise<void> {
  const results = h('section', { id: 'results', 'aria-label': '线索列表' });
  mount(
    ctx.main,
    h('h1', {}, '线索收件箱'),
    h(
      'p',
      { class: 'muted' },
      ctx.me.offices.length > 1
        ? `${ctx.me.unitName}及所辖检察院的监督线索。`
        : `${ctx.me.unitName}的监督线索。`,
    ),
    filterForm(ctx, '/inbox'),
    inboxTools(ctx),
    results,
  );
  const canClaim = ctx.me.permissions.includes('leads.act');
  await loadPage(ctx, '/inbox', results, (page) =>
    page.items.length
      ? [
          leadTable(
            ctx,
            page.items,
            canClaim
              ? {
                  header: '操作',
                  cell: (l) =>
                    l.availableActions.includes('claim')
                      ? claimButton(ctx, l)
                      : h('a', { href: `#/leads/${l.id}` }, '办理'),
                }
              : undefined,
          ),
        ]
      : [h('p', { class: 'notice' }, '没有符合条件的线索。')],
  );
}

/** Export of what the inbox shows (masked, audited) and the query kept for 常用筛选 (issue 17). */
function inboxTools(ctx: Ctx): HTMLElement {
  const kept = new URLSearchParams(ctx.params);
  kept.delete('offset');
  sessionStorage.setItem('zhijian.console.inboxQuery', kept.toString());
  const query = Object.fromEntries(new URLSearchParams(worklistQuery(ctx.params).slice(1)));
  delete query.limit;
  delete query.offset;
  return h(
    'div',
    { class: 'row' },
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        id: 'inbox-export',
        onclick: () => void import('./casework.js').then((m) => m.exportCsv(query)),
      },
      '导出当前列表（CSV）',
    ),
    h('a', { href: '#/casework' }, '保存为常用筛选'),
  );
}

function claimButton(ctx: Ctx, l: LeadSummaryView): HTMLElement {
  const button = h(
    'button',
    {
      type: 'button',
      'aria-label': `认领：${l.title}`,
      onclick: () => void claim(),
    },
    '认领',
  );
  async function claim(): Promise<void> {
    button.disabled = true;
    button.textContent = '认领中…';
    try {
      await api<LeadView>(`/v1/leads/${l.id}/claim`, {
        method: 'POST',
        body: { version: l.version } satisfies ActionRequest,
      });
      toast('已认领，可在线索详情中继续办理');
      ctx.navigate('/inbox', Object.fromEntries(ctx.params.entries()));
    } catch (e) {
      button.replaceWith(errorBox(messageOf(e)));
    }
  }
  return button;
}
