import { api, messageOf, qs, token } from './api.js';
import type {
  Handler,
  Notification,
  NotificationsAnswer,
  NotificationsReadAnswer,
  SavedFilter,
} from './casework-types.js';
import { errorBox, formValues, h, loading, minute, mount, toast } from './dom.js';
import { leadTable } from './leadtable.js';
import type { Ctx } from './ctx.js';
import { setUnread } from './unread.js';
import type { LeadSummaryView as LeadSummary } from '@zhijian/contracts/api';

const MATCHED: Record<string, string> = {
  id_number: '按身份证号码精确匹配',
  uscc: '按统一社会信用代码精确匹配',
  case_no: '按案号匹配',
  party_name: '按当事人姓名匹配',
};

/**
 * 办案工作台: search by 案号, party or ID number; the caller's own leads ("mine") with bulk
 * claim, assign and close over a selection; notifications; saved filters of the inbox; export.
 */
export async function caseworkPage(ctx: Ctx): Promise<void> {
  const acts = ctx.me.permissions.includes('leads.act');
  const [mine, notes, filters, handlers] = await Promise.all([
    api<{ items: LeadSummary[] }>('/v1/casework/mine'),
    api<NotificationsAnswer>('/v1/casework/notifications'),
    api<{ items: SavedFilter[] }>('/v1/casework/filters'),
    acts || ctx.me.permissions.includes('leads.triage')
      ? api<{ items: Handler[] }>('/v1/casework/handlers')
      : Promise.resolve({ items: [] as Handler[] }),
  ]);
  const results = h('div', { id: 'search-results', 'data-state': 'idle' });
  // The term stays in the page: an ID number is never put in the address or the tab's history.
  const input = h('input', {
    name: 'q',
    id: 'search-q',
    required: true,
    maxlength: 60,
    placeholder: '案号、当事人姓名或身份证号码',
    size: 36,
    autocomplete: 'off',
  });
  mount(
    ctx.main,
    h('h1', {}, '办案工作台'),
    h(
      'form',
      {
        id: 'search-form',
        class: 'filters',
        role: 'search',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void search(ctx, results, input.value.trim());
        },
      },
      h('label', {}, '检索线索', input),
      h('button', { type: 'submit' }, '检索'),
    ),
    results,
    h('div', { class: 'grid2' }, notificationsCard(notes), filtersCard(ctx, filters.items)),
    mineCard(ctx, mine.items, handlers.items, acts),
  );
}

async function search(ctx: Ctx, results: HTMLElement, q: string): Promise<void> {
  if (!q) return;
  results.setAttribute('data-state', 'loading');
  mount(results, loading('正在检索…'));
  try {
    const found = await api<{ matchedAs: string; items: LeadSummary[] }>(`/v1/casework/search${qs({ q })}`, {
      headers: { 'x-read-reason': encodeURIComponent('办案检索') },
    });
    mount(
      results,
      h('h2', {}, `检索结果（${MATCHED[found.matchedAs] ?? found.matchedAs}，共 ${found.items.length} 条）`),
      found.items.length
        ? leadTable(ctx, found.items)
        : h('p', { class: 'muted' }, '未找到本院管辖范围内的相关线索'),
    );
    results.setAttribute('data-count', String(found.items.length));
    results.setAttribute('data-state', 'ready');
  } catch (e) {
    mount(results, errorBox(messageOf(e)));
    results.setAttribute('data-state', 'error');
  }
}

/**
 * 提醒: unread ones marked; opening one (its link) or 标为已读 marks it read for the caller only,
 * 全部标为已读 every one; the header's count follows.
 */
function notificationsCard(answer: NotificationsAnswer): HTMLElement {
  const card = h('section', {
    class: 'card',
    id: 'notifications-card',
    'aria-labelledby': 'h-notifications',
  });
  let unread = answer.unread;
  const heading = h('h2', { id: 'h-notifications' });
  const title = () => {
    heading.textContent = `提醒（${answer.items.length}，未读 ${unread}）`;
    card.setAttribute('data-unread', String(unread));
    setUnread(unread);
  };
  const markRead = async (n: Notification, li: HTMLElement): Promise<void> => {
    if (n.read) return;
    n.read = true;
    li.classList.remove('unread');
    li.setAttribute('data-read', 'true');
    li.querySelector('button')?.remove();
    try {
      const r = await api<NotificationsReadAnswer>(
        `/v1/casework/notifications/${encodeURIComponent(n.id)}/read`,
        { method: 'POST' },
      );
      unread = r.unread;
    } catch (e) {
      toast(messageOf(e));
    }
    title();
  };
  const rows = answer.items.map((n) => {
    const li = h('li', {
      'data-kind': n.kind,
      'data-id': n.id,
      'data-read': String(n.read),
      class: n.read ? null : 'unread',
    });
    mount(
      li,
      n.leadId
        ? h('a', { href: `#/leads/${n.leadId}`, onclick: () => void markRead(n, li) }, n.text)
        : n.text,
      h('span', { class: 'source' }, ` ${minute(n.at)}`),
      n.read
        ? null
        : h(
            'button',
            { type: 'button', class: 'secondary small', onclick: () => void markRead(n, li) },
            '标为已读',
          ),
    );
    return li;
  });
  const readAllNow = async (): Promise<void> => {
    try {
      const r = await api<NotificationsReadAnswer>('/v1/casework/notifications/read-all', { method: 'POST' });
      unread = r.unread;
      for (const [i, n] of answer.items.entries()) {
        n.read = true;
        rows[i]!.classList.remove('unread');
        rows[i]!.setAttribute('data-read', 'true');
        rows[i]!.querySelector('button')?.remove();
      }
      title();
    } catch (e) {
      toast(messageOf(e));
    }
  };
  const readAll = h(
    'button',
    {
      type: 'button',
      id: 'notifications-read-all',
      class: 'secondary',
      onclick: () => void readAllNow(),
    },
    '全部标为已读',
  );
  mount(
    card,
    heading,
    answer.items.length
      ? [h('ul', { 'data-testid': 'notifications' }, rows), h('p', {}, readAll)]
      : h('p', { class: 'muted' }, '暂无提醒'),
  );
  title();
  return card;
}

function filtersCard(ctx: Ctx, items: SavedFilter[]): HTMLElement {
  const card = h('section', { class: 'card', 'aria-labelledby': 'h-filters' });
  mount(
    card,
    h('h2', { id: 'h-filters' }, '常用筛选'),
    items.length
      ? h(
          'ul',
          { 'data-testid': 'saved-filters' },
          items.map((f) =>
            h(
              'li',
              {},
              h('a', { href: `#/inbox${qs(f.query)}` }, f.name),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: () =>
                    void api(`/v1/casework/filters/${f.id}`, { method: 'DELETE' })
                      .then(() => ctx.navigate('/casework', Object.fromEntries(ctx.params)))
                      .catch((e: unknown) => toast(messageOf(e))),
                },
                '删除',
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, '在收件箱设置筛选条件后，可在此保存为常用筛选。'),
    saveFilterForm(ctx),
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', id: 'export-all', class: 'secondary', onclick: () => void exportCsv({}) },
        '导出本院管辖范围内全部线索（CSV，已脱敏）',
      ),
    ),
  );
  return card;
}

/** Saves the inbox's query last seen (kept in the tab) under a name. */
function saveFilterForm(ctx: Ctx): HTMLFormElement {
  const last = sessionStorage.getItem('zhijian.console.inboxQuery') ?? '';
  const form: HTMLFormElement = h(
    'form',
    {
      id: 'filter-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const v = formValues(form);
        const query = Object.fromEntries(new URLSearchParams(v.query ?? ''));
        void api('/v1/casework/filters', { method: 'POST', body: { name: v.name, query } })
          .then(() => {
            toast('已保存常用筛选');
            ctx.navigate('/casework', Object.fromEntries(ctx.params));
          })
          .catch((err: unknown) => toast(messageOf(err)));
      },
    },
    h('label', {}, '名称', h('input', { name: 'name', required: true, maxlength: 40 })),
    h(
      'label',
      {},
      '筛选条件',
      h('input', { name: 'query', value: last, placeholder: 'status=new&severity=high', size: 30 }),
    ),
    h('button', { type: 'submit', class: 'secondary' }, '保存筛选'),
  );
  return form;
}

/** The inbox's export through the API (masked as the role requires, audited), saved as a file. */
export async function exportCsv(query: Record<string, string>): Promise<void> {
  const res = await fetch(`/v1/casework/export.csv${qs(query)}`, {
    headers: { authorization: `Bearer ${token() ?? ''}`, 'x-read-reason': encodeURIComponent('导出线索') },
  });
  if (!res.ok) {
    toast(`导出失败（HTTP ${res.status}）`);
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: `线索导出-${new Date().toISOString().slice(0, 10)}.csv` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function mineCard(ctx: Ctx, items: LeadSummary[], handlers: Handler[], acts: boolean): HTMLElement {
  const selected = new Set<string>();
  const status = h('div', { 'aria-live': 'polite', id: 'bulk-status' });
  const triage = ctx.me.permissions.includes('leads.triage');
  const handlerSelect = h(
    'select',
    { name: 'handlerId', id: 'bulk-handler' },
    (triage ? handlers : handlers.filter((x) => x.id === ctx.me.id)).map((x) =>
      h('option', { value: x.id }, x.name),
    ),
  );
  const bulk = async (action: 'claim' | 'assign' | 'close') => {
    if (!selected.size) return toast('请先勾选线索');
    mount(status, loading('正在批量办理…'));
    try {
      const r = await api<{
        succeeded: number;
        failed: number;
        results: { id: string; ok: boolean; message?: string }[];
      }>('/v1/casework/bulk', {
        method: 'POST',
        body: {
          action,
          ids: [...selected],
          ...(action === 'assign' ? { handlerId: handlerSelect.value } : {}),
        },
      });
      toast(`成功 ${r.succeeded} 条，失败 ${r.failed} 条`);
      mount(
        status,
        r.failed
          ? h(
              'ul',
              { class: 'error' },
              r.results
                .filter((x) => !x.ok)
                .map((x) => h('li', {}, `${x.id.slice(0, 8)}：${x.message ?? ''}`)),
            )
          : null,
      );
    } catch (e) {
      mount(status, errorBox(messageOf(e)));
    }
  };
  const table = leadTable(ctx, items, {
    header: '选择',
    cell: (l) =>
      h('input', {
        type: 'checkbox',
        'aria-label': `选择 ${l.caseNo ?? l.title}`,
        'data-select': l.id,
        onchange: (e: Event) => {
          if ((e.target as HTMLInputElement).checked) selected.add(l.id);
          else selected.delete(l.id);
        },
      }),
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-mine' },
    h('h2', { id: 'h-mine' }, `我承办的线索（${items.length}）`),
    items.length ? table : h('p', { class: 'muted' }, '暂无由您承办的在办线索'),
    acts && items.length
      ? h(
          'div',
          { class: 'row', id: 'bulk-actions' },
          h('button', { type: 'button', onclick: () => void bulk('claim') }, '批量认领'),
          h('label', {}, '承办人', handlerSelect),
          h('button', { type: 'button', onclick: () => void bulk('assign') }, '批量指派'),
          h('button', { type: 'button', class: 'secondary', onclick: () => void bulk('close') }, '批量办结'),
        )
      : null,
    status,
  );
}
