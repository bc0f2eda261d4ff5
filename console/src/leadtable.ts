import { day, h, yuan } from './dom.js';
import { badges, courtLabel, modelName, officeName } from './labels.js';
import type { Ctx } from './ctx.js';
import type { LeadSummaryView, Page } from '@zhijian/contracts/api';

/** A table of leads: each row links to the lead's page; `extra` adds the last column's cells. */
export function leadTable(
  ctx: Ctx,
  leads: LeadSummaryView[],
  extra?: { header: string; cell: (l: LeadSummaryView) => Node },
): HTMLTableElement {
  const showOffice = ctx.me.offices.length > 1;
  return h(
    'table',
    { 'data-testid': 'leads' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, '线索'),
        h('th', { scope: 'col' }, '案号'),
        h('th', { scope: 'col' }, '法院'),
        showOffice ? h('th', { scope: 'col' }, '承办检察院') : null,
        h('th', { scope: 'col' }, '标记'),
        h('th', { scope: 'col' }, '状态'),
        h('th', { scope: 'col', class: 'num' }, '执行标的（元）'),
        h('th', { scope: 'col' }, '发现日期'),
        extra ? h('th', { scope: 'col' }, extra.header) : null,
      ),
    ),
    h(
      'tbody',
      {},
      leads.map((l) =>
        h(
          'tr',
          { 'data-lead-id': l.id, 'data-unit': l.unitCode, 'data-status': l.status },
          h(
            'td',
            {},
            h('a', { href: `#/leads/${l.id}` }, l.title),
            h('div', { class: 'source' }, modelName(ctx.me, l.modelId)),
          ),
          h('td', { class: 'nowrap' }, l.caseNo ?? '—'),
          h('td', { class: 'nowrap' }, courtLabel(ctx.me, l.court)),
          showOffice ? h('td', {}, officeName(ctx.me, l.unitCode)) : null,
          h('td', {}, badges(l)),
          h(
            'td',
            {},
            h('span', { class: 'badge status' }, l.statusName),
            l.claimedBy ? h('div', { class: 'source' }, `认领人：${l.claimedBy.name}`) : null,
          ),
          h('td', { class: 'num' }, l.claimFen === null ? '—' : yuan(l.claimFen)),
          h('td', { class: 'nowrap' }, day(l.asOf)),
          extra ? h('td', {}, extra.cell(l)) : null,
        ),
      ),
    ),
  );
}

/** "共 N 条" and the page buttons; `go` gets the new offset. */
export function pager(page: Page<unknown>, go: (offset: number) => void): HTMLElement {
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  const current = Math.floor(page.offset / page.limit) + 1;
  return h(
    'nav',
    { class: 'pager', 'aria-label': '分页' },
    h(
      'span',
      { 'data-testid': 'total', 'data-total': page.total },
      `共 ${page.total.toLocaleString('zh-CN')} 条`,
    ),
    h('span', {}, `第 ${current} / ${pages} 页`),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        disabled: current <= 1,
        onclick: () => go(Math.max(0, page.offset - page.limit)),
      },
      '上一页',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        disabled: current >= pages,
        onclick: () => go(page.offset + page.limit),
      },
      '下一页',
    ),
  );
}
