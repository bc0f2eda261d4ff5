import { api, ApiError, messageOf } from './api.js';
import { errorBox, formValues, h, mount, showFieldErrors, toast } from './dom.js';
import { filterForm, loadPage } from './inbox.js';
import { officeName } from './labels.js';
import { leadTable } from './leadtable.js';
import type { Ctx } from './ctx.js';
import type { LeadReassignedView, LeadSummaryView, ReassignRequest } from '@zhijian/contracts/api';

const FIXED = { status: 'new' };

/**
 * 分流改派 (leaders with leads.triage): the unclaimed leads of the user's scope — at the
 * provincial triage desk, or at an office — each with a form to send it to another office in
 * scope, with the reason recorded (lead_assignments, audit log).
 */
export async function triagePage(ctx: Ctx): Promise<void> {
  const results = h('section', { id: 'results', 'aria-label': '待分流线索' });
  mount(
    ctx.main,
    h('h1', {}, '线索分流与改派'),
    h(
      'p',
      { class: 'muted' },
      '尚未认领的新线索可改派至本院或所辖检察院；改派理由将记入流转记录和审计日志。',
    ),
    filterForm(ctx, '/triage', FIXED),
    results,
  );
  await loadPage(
    ctx,
    '/triage',
    results,
    (page) =>
      page.items.length
        ? [leadTable(ctx, page.items, { header: '分流 / 改派', cell: (l) => reassignForm(ctx, l) })]
        : [h('p', { class: 'notice' }, '没有待分流的新线索。')],
    FIXED,
  );
}

function reassignForm(ctx: Ctx, l: LeadSummaryView): HTMLElement {
  const targets = ctx.me.offices.filter((o) => o.unitCode !== l.unitCode);
  if (!l.availableActions.includes('reassign') || !targets.length) return h('span', { class: 'muted' }, '—');
  const proposal = l.localUnit && l.localUnit !== l.unitCode ? l.localUnit : '';
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, '改派');
  const form: HTMLFormElement = h(
    'form',
    {
      id: `reassign-${l.id}`,
      class: 'row',
      'aria-label': `改派：${l.title}`,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void send();
      },
    },
    h(
      'select',
      { name: 'toUnit', required: true, 'aria-label': '改派至' },
      h('option', { value: '' }, '改派至…'),
      targets.map((o) => h('option', { value: o.unitCode, selected: o.unitCode === proposal }, o.name)),
    ),
    h('input', { name: 'reason', required: true, placeholder: '改派理由', 'aria-label': '改派理由' }),
    button,
    proposal ? h('div', { class: 'source' }, `属地建议：${officeName(ctx.me, proposal)}`) : null,
    status,
  );
  async function send(): Promise<void> {
    const v = formValues(form);
    button.disabled = true;
    try {
      const moved = await api<LeadReassignedView>(`/v1/leads/${l.id}/reassign`, {
        method: 'POST',
        body: { toUnit: v.toUnit, reason: v.reason, version: l.version } satisfies Partial<ReassignRequest>,
      });
      toast(`已改派至${officeName(ctx.me, moved.unitCode)}`);
      ctx.navigate('/triage', Object.fromEntries(ctx.params.entries()));
    } catch (e) {
      mount(status, errorBox(messageOf(e)));
      if (e instanceof ApiError) showFieldErrors(form, e.fields);
      button.disabled = false;
    }
  }
  return form;
}
