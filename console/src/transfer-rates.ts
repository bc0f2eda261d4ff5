import { api, messageOf } from './api.js';
import { errorBox, h, mount, percent } from './dom.js';

interface TransferRatesRow {
  kind: string;
  kindName: string;
  total: number;
  accepted: number;
  pending: number;
  acceptedRate: number | null;
}

/** 移送情况 per transfer kind (issue 17): counts, and the acceptance rate from five transfers on. */
export function transferRatesSection(): HTMLElement {
  const el = h('section', { class: 'card', 'aria-labelledby': 'h-transfer-rates', id: 'transfer-rates' });
  mount(el, h('h2', { id: 'h-transfer-rates' }, '线索移送情况（按移送类型）'));
  void api<{ groups: TransferRatesRow[] }>('/v1/casework/transfer-rates')
    .then(({ groups }) =>
      mount(
        el,
        h('h2', { id: 'h-transfer-rates' }, '线索移送情况（按移送类型）'),
        groups.length
          ? h(
              'table',
              { 'data-testid': 'transfer-rates' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['移送类型', '移送数', '已接收', '待接收', '接收率'].map((x, i) =>
                    h('th', { class: i ? 'num' : null }, x),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                groups.map((g) =>
                  h(
                    'tr',
                    { 'data-kind': g.kind },
                    h('td', {}, g.kindName),
                    h('td', { class: 'num' }, String(g.total)),
                    h('td', { class: 'num' }, String(g.accepted)),
                    h('td', { class: 'num' }, String(g.pending)),
                    h(
                      'td',
                      { class: 'num', title: '少于 5 件不计比率' },
                      `${percent(g.acceptedRate)}（${g.accepted}/${g.total}）`,
                    ),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, '暂无移送记录。'),
      ),
    )
    .catch((e: unknown) => mount(el, errorBox(messageOf(e))));
  return el;
}
