import { api, ApiError, messageOf } from './api.js';
import {
  day,
  errorBox,
  formValues,
  h,
  minute,
  mount,
  showFieldErrors,
  toast,
  yuan,
  DATE_INPUT,
} from './dom.js';
import {
  ACTION,
  ASSIGNMENT,
  badges,
  courtLabel,
  EVIDENCE_KIND,
  KIND,
  modelName,
  officeName,
  PARTY_ROLE,
  SEVERITY,
} from './labels.js';
import { caseworkSections } from './casework-lead.js';
import { leadTable } from './leadtable.js';
import type { Ctx } from './ctx.js';
import type {
  ActionRequest,
  ApiAction,
  CourtReplyRequest,
  LeadContextView,
  LeadHistoryView,
  LeadSummaryView,
  LeadView,
  ReassignRequest,
  RectificationRequest,
  SuggestionRequest,
} from '@zhijian/contracts/api';

/** Why the console reads a lead's detail, recorded in the audit log with the reader. */
const READ_REASON = encodeURIComponent('监督线索工作台查看线索详情');

/**
 * 线索详情: what the lead says and on what legal basis, its parties (masked as the user's role
 * requires — the API does it), its evidence as a timeline, its linked leads, the lifecycle
 * actions open to this user as forms, and its history.
 */
export async function leadPage(ctx: Ctx, match: RegExpExecArray): Promise<void> {
  const id = match[1]!;
  const [lead, history, context] = await Promise.all([
    api<LeadView>(`/v1/leads/${id}`, { headers: { 'x-read-reason': READ_REASON } }),
    api<LeadHistoryView>(`/v1/leads/${id}/history`),
    api<LeadContextView>(`/v1/leads/${id}/context`),
  ]);
  const s = context.lead;
  const masked = !ctx.me.permissions.includes('leads.read_unmasked');
  mount(
    ctx.main,
    h('p', {}, h('a', { href: '#/inbox' }, '← 返回收件箱')),
    h('h1', { 'data-testid': 'lead-title' }, lead.title),
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'badge status', 'data-testid': 'lead-status' }, lead.statusName),
      badges(s),
    ),
    factsChangedNotice(lead),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'h-statement' },
      h('h2', { id: 'h-statement' }, '监督事项'),
      h('p', { class: 'statement', 'data-testid': 'statement' }, lead.statement),
      h('h2', {}, '法律依据'),
      h('p', { 'data-testid': 'legal-basis' }, lead.legalBasis),
    ),
    h(
      'div',
      { class: 'grid2' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'h-facts' },
        h('h2', { id: 'h-facts' }, '基本情况'),
        facts(ctx, lead, s),
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'h-parties' },
        h('h2', { id: 'h-parties' }, '当事人'),
        parties(lead),
        masked ? h('p', { class: 'muted' }, '自然人姓名、身份证号已按您的角色脱敏显示。') : null,
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'h-evidence' },
      h('h2', { id: 'h-evidence' }, '证据时间线'),
      timeline(lead),
    ),
    linked(ctx, context),
    actions(ctx, lead),
    caseworkSections(ctx, lead, history),
    historySection(ctx, history),
  );
}

function facts(ctx: Ctx, lead: LeadView, s: LeadSummaryView): HTMLElement {
  const rows: [string, string | Node][] = [
    ['案号', lead.caseNo ?? '—'],
    ['执行法院', courtLabel(ctx.me, s.court)],
    ['承办检察院', officeName(ctx.me, lead.unitCode)],
    ['监督模型', modelName(ctx.me, lead.modelId)],
    ['线索类别', KIND[lead.kind] ?? lead.kind],
    ['严重程度', SEVERITY[lead.severity] ?? lead.severity],
    ['执行标的', lead.claimFen === null ? '—' : `${yuan(lead.claimFen)} 元`],
    ['劳动报酬申请人', lead.laborApplicants ? `${lead.laborApplicants} 人` : '—'],
    ['发现日期', day(lead.asOf)],
    ['认领人', lead.claimedBy ? `${lead.claimedBy.name}（${minute(lead.claimedAt)}）` : '—'],
    [
      '检察建议',
      lead.suggestion
        ? `${lead.suggestion.number}，${lead.suggestion.servedOn ?? ''} 送达${lead.suggestion.extended ? '（回复期限已延长）' : ''}`
        : '—',
    ],
    [
      '法院回复',
      lead.courtReply
        ? `${lead.courtReply.reply === 'adopted' ? '采纳' : '不予采纳'}（${lead.courtReply.repliedOn ?? ''}）`
        : '—',
    ],
    ['追回金额', lead.recoveredFen === null ? '—' : `${yuan(lead.recoveredFen)} 元`],
    [
      '当前期限',
      s.deadline
        ? `${s.deadline.label}：${s.deadline.due}${s.deadline.overdue ? `（已逾期 ${s.deadline.daysOverdue} 天）` : ''}`
        : '—',
    ],
  ];
  if (lead.rejectedReason) rows.push(['不予受理理由', lead.rejectedReason]);
  if (lead.withdrawn)
    rows.push([
      '撤回',
      `${lead.withdrawn.by === 'system' ? '系统自动撤回' : '承办人撤回'}（${lead.withdrawn.at.slice(0, 10)}）${lead.withdrawn.reason ? `：${lead.withdrawn.reason}` : ''}`,
    ]);
  if (s.localUnit && s.localUnit !== lead.unitCode)
    rows.push(['属地检察院', officeName(ctx.me, s.localUnit)]);
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([k, v]) => [h('dt', {}, k), h('dd', { 'data-fact': k }, v)]),
  );
}

function parties(lead: LeadView): HTMLElement {
  if (!lead.evidence.parties.length) return h('p', { class: 'muted' }, '无');
  return h(
    'table',
    { 'data-testid': 'parties' },
    h('thead', {}, h('tr', {}, h('th', {}, '身份'), h('th', {}, '名称'), h('th', {}, '证件号码'))),
    h(
      'tbody',
      {},
      lead.evidence.parties.map((p) =>
        h(
          'tr',
          {},
          h('td', {}, PARTY_ROLE[p.role] ?? p.role),
          h('td', {}, p.name),
          h('td', {}, p.idNo ?? p.uscc ?? '—'),
        ),
      ),
    ),
  );
}

function timeline(lead: LeadView): HTMLElement {
  const items = [...lead.evidence.items].sort((a, b) => (a.on === b.on ? 0 : a.on < b.on ? -1 : 1));
  if (!items.length) return h('p', { class: 'muted' }, '无证据条目');
  return h(
    'ol',
    { class: 'timeline', 'data-testid': 'timeline' },
    items.map((i) =>
      h(
        'li',
        { class: i.context ? 'context' : null, 'data-on': i.on },
        h('time', { datetime: i.on }, i.on),
        h('span', {}, i.summary),
        i.context ? h('span', { class: 'badge status' }, '背景') : null,
        h(
          'div',
          { class: 'source' },
          `${EVIDENCE_KIND[i.kind] ?? i.kind} · 来源：`,
          h('span', { class: 'agency', title: i.source, 'data-source': i.source }, i.sourceName),
          ` · 事件编号 ${i.eventId}`,
        ),
      ),
    ),
  );
}

function linked(ctx: Ctx, c: LeadContextView): HTMLElement | null {
  const parts: Node[] = [];
  if (c.classLead)
    parts.push(
      h(
        'p',
        {},
        '所属类案：',
        h('a', { href: `#/leads/${c.classLead.id}` }, c.classLead.title),
        ` （${c.classLead.statusName}）`,
      ),
    );
  if (c.sourceLead)
    parts.push(
      h(
        'p',
        {},
        '所跟进的线索：',
        h('a', { href: `#/leads/${c.sourceLead.id}` }, c.sourceLead.title),
        ` （${c.sourceLead.statusName}）`,
      ),
    );
  if (c.members.length)
    parts.push(h('h3', {}, `类案所含个案（${c.members.length}）`), leadTable(ctx, c.members));
  if (c.followups.length) parts.push(h('h3', {}, '跟进监督线索'), leadTable(ctx, c.followups));
  if (!parts.length) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-linked', 'data-testid': 'linked' },
    h('h2', { id: 'h-linked' }, '关联线索'),
    parts,
  );
}

/** A request as a form sends it: the names of `R`, each value as the form's text. */
type Wire<R> = { [K in keyof R]: string };

interface ActionForm {
  path: string;
  title: string;
  submit: string;
  fields: Node[];
  body: (v: Record<string, string>) => object;
  danger?: boolean;
}

const today = () => day(new Date().toISOString());

function actionForm(lead: LeadView, action: ApiAction, me: Ctx['me']): ActionForm | null {
  const reasonField = (label: string, required = false) =>
    h('label', {}, label, h('textarea', { name: 'reason', required, rows: 2 }));
  const reasonBody = (v: Record<string, string>): ActionRequest => (v.reason ? { reason: v.reason } : {});
  switch (action) {
    case 'claim':
      return { path: 'claim', title: '认领线索', submit: '认领', fields: [], body: () => ({}) };
    case 'accept':
      return {
        path: 'accept',
        title: '受理（立案审查）',
        submit: '受理',
        fields: [reasonField('说明（可选）')],
        body: reasonBody,
      };
    case 'withdraw':
      return {
        path: 'withdraw',
        title: '撤回线索（事实已变更）',
        submit: '撤回',
        danger: true,
        fields: [reasonField('撤回理由（必填）', true)],
        body: reasonBody,
      };
    case 'keep':
      return {
        path: 'keep',
        title: '事实已变更，继续办理',
        submit: '继续办理',
        fields: [reasonField('说明（可选）')],
        body: reasonBody,
      };
    case 'reject':
      return {
        path: 'reject',
        title: '不予受理',
        submit: '不予受理',
        danger: true,
        fields: [reasonField('不予受理的理由（必填）', true)],
        body: reasonBody,
      };
    case 'issue_suggestion':
      return {
        path: 'suggestion',
        title: '发出检察建议',
        submit: '登记检察建议',
        fields: [
          h(
            'label',
            {},
            '检察建议文号',
            h('input', { name: 'number', required: true, placeholder: '如：衢江检民建〔2024〕1号' }),
          ),
          h(
            'label',
            {},
            '送达法院日期',
            h('input', { name: 'servedOn', ...DATE_INPUT, required: true, value: today(), max: today() }),
          ),
        ],
        body: (v) => ({ number: v.number, servedOn: v.servedOn }) satisfies Partial<SuggestionRequest>,
      };
    case 'extend_suggestion':
      return {
        path: 'suggestion-extension',
        title: '延长法院回复期限（3 个月 → 4 个月）',
        submit: '延长期限',
        fields: [reasonField('说明（可选）')],
        body: reasonBody,
      };
    case 'record_reply':
      return {
        path: 'court-reply',
        title: '登记法院回复',
        submit: '登记回复',
        fields: [
          h(
            'fieldset',
            {},
            h('legend', {}, '回复意见'),
            h(
              'label',
              { class: 'inline' },
              h('input', { type: 'radio', name: 'reply', value: 'adopted', required: true }),
              '采纳',
            ),
            h(
              'label',
              { class: 'inline' },
              h('input', { type: 'radio', name: 'reply', value: 'not_adopted' }),
              '不予采纳',
            ),
          ),
          h(
            'label',
            {},
            '回复日期',
            h('input', { name: 'repliedOn', ...DATE_INPUT, required: true, value: today(), max: today() }),
          ),
        ],
        body: (v) => ({ reply: v.reply, repliedOn: v.repliedOn }) satisfies Partial<Wire<CourtReplyRequest>>,
      };
    case 'record_rectification':
      return {
        path: 'rectification',
        title: '登记整改情况',
        submit: '登记整改',
        fields: [
          h(
            'label',
            {},
            '追回金额（元，最多两位小数）',
            h('input', {
              name: 'recoveredAmount',
              inputmode: 'decimal',
              required: true,
              placeholder: '如：1234.50',
            }),
          ),
          h(
            'label',
            {},
            '超出申请执行标的的理由（追回金额超过标的时必填，如迟延履行利息）',
            h('textarea', { name: 'overClaimReason', rows: 2 }),
          ),
          reasonField('说明（可选）'),
        ],
        body: (v) =>
          ({
            recoveredAmount: v.recoveredAmount,
            ...(v.overClaimReason ? { overClaimReason: v.overClaimReason } : {}),
            ...reasonBody(v),
          }) satisfies Partial<RectificationRequest>,
      };
    case 'close':
      return {
        path: 'close',
        title: '办结',
        submit: '办结',
        fields: [reasonField('办结说明（可选）')],
        body: reasonBody,
      };
    case 'reassign': {
      const targets = me.offices.filter((o) => o.unitCode !== lead.unitCode);
      if (!targets.length) return null;
      return {
        path: 'reassign',
        title: '改派至其他检察院',
        submit: '改派',
        fields: [
          h(
            'label',
            {},
            '改派至',
            h(
              'select',
              { name: 'toUnit', required: true },
              h('option', { value: '' }, '请选择检察院'),
              targets.map((o) => h('option', { value: o.unitCode }, o.name)),
            ),
          ),
          reasonField('改派理由（必填）', true),
        ],
        body: (v) => ({ toUnit: v.toUnit, reason: v.reason }) satisfies Partial<ReassignRequest>,
      };
    }
    default:
      return null;
  }
}

/**
 * 事实已变更: later facts no longer show the violation. A lead still new was withdrawn by the
 * system; one being handled waits for its handler to withdraw it or carry on.
 */
export function factsChangedNotice(lead: LeadView): HTMLElement | null {
  const fc = lead.factsChanged;
  if (!fc) return null;
  const title =
    lead.withdrawn?.by === 'system'
      ? '已撤回（事实更正）'
      : fc.open
        ? '事实已变更，待承办人决定'
        : '事实已变更，承办人决定继续办理';
  return h(
    'section',
    {
      class: `card notice${fc.open ? ' warn' : ''}`,
      'data-testid': 'facts-changed',
      role: fc.open ? 'alert' : null,
    },
    h('h2', {}, title),
    h('p', {}, fc.statement),
    fc.items.length
      ? h(
          'ul',
          {},
          fc.items.map((i) =>
            h(
              'li',
              {},
              `${i.on} ${i.summary}（`,
              h('span', { class: 'agency', title: i.source, 'data-source': i.source }, i.sourceName),
              '）',
            ),
          ),
        )
      : h('p', { class: 'muted' }, '后到事实未在本案时间线中（可能为登记机关事实或关联案件）。'),
  );
}

function actions(ctx: Ctx, lead: LeadView): HTMLElement {
  const forms = lead.availableActions
    .map((a) => [a, actionForm(lead, a, ctx.me)] as const)
    .filter((x): x is readonly [ApiAction, ActionForm] => x[1] !== null)
    .map(([action, f]) => {
      const status = h('div', { 'aria-live': 'polite' });
      const button = h('button', { type: 'submit', class: f.danger ? 'danger' : null }, f.submit);
      const form: HTMLFormElement = h(
        'form',
        {
          id: `act-${action}`,
          'data-action': action,
          'aria-labelledby': `act-${action}-title`,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void send();
          },
        },
        h('h3', { id: `act-${action}-title` }, f.title),
        f.fields,
        h('div', { class: 'row' }, button),
        status,
      );
      async function send(): Promise<void> {
        button.disabled = true;
        mount(status, h('p', { class: 'loading', 'aria-busy': 'true' }, '正在提交…'));
        try {
          await api<LeadView>(`/v1/leads/${lead.id}/${f.path}`, {
            method: 'POST',
            body: { ...f.body(formValues(form)), version: lead.version },
          });
          toast(`已${ACTION[action] ?? action}`);
          ctx.navigate(`/leads/${lead.id}`);
        } catch (e) {
          mount(status, errorBox(messageOf(e)));
          if (e instanceof ApiError && Object.keys(e.fields).length) showFieldErrors(form, e.fields);
          button.disabled = false;
        }
      }
      return form;
    });
  const why =
    lead.availableActions.length === 0
      ? lead.status === 'closed'
        ? '该线索已办结。'
        : lead.status === 'withdrawn'
          ? '该线索已撤回。'
          : ctx.me.permissions.includes('leads.act') || ctx.me.permissions.includes('leads.triage')
            ? `当前状态（${lead.statusName}）下没有您可办理的操作。`
            : '您的角色只能查看线索，不能办理。'
      : null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-actions', 'data-testid': 'actions' },
    h('h2', { id: 'h-actions' }, '办理'),
    why ? h('p', { class: 'muted' }, why) : h('div', { class: 'actions' }, forms),
  );
}

function describeData(data: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof data.number === 'string') parts.push(`文号 ${data.number}`);
  if (typeof data.servedOn === 'string') parts.push(`送达 ${data.servedOn}`);
  if (data.reply === 'adopted' || data.reply === 'not_adopted')
    parts.push(data.reply === 'adopted' ? '采纳' : '不予采纳');
  if (typeof data.repliedOn === 'string') parts.push(`回复 ${data.repliedOn}`);
  if (typeof data.recoveredFen === 'number') parts.push(`追回 ${yuan(data.recoveredFen)} 元`);
  return parts.join('，');
}

function historySection(ctx: Ctx, history: LeadHistoryView): HTMLElement {
  const status = (id: string) => ctx.me.statuses.find((s) => s.id === id)?.name ?? id;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'h-history' },
    h('h2', { id: 'h-history' }, '办理记录'),
    history.transitions.length
      ? h(
          'table',
          { 'data-testid': 'transitions' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, '时间'),
              h('th', {}, '操作'),
              h('th', {}, '状态变化'),
              h('th', {}, '办理人'),
              h('th', {}, '说明'),
            ),
          ),
          h(
            'tbody',
            {},
            history.transitions.map((t) =>
              h(
                'tr',
                { 'data-action': t.action },
                h('td', {}, minute(t.at)),
                h('td', {}, ACTION[t.action] ?? t.action),
                h('td', {}, t.from === t.to ? status(t.to) : `${status(t.from)} → ${status(t.to)}`),
                h('td', {}, t.actor.name),
                h('td', {}, [t.reason, describeData(t.data)].filter(Boolean).join('；') || '—'),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, '尚无办理记录。'),
    history.assignments.length
      ? [
          h('h3', {}, '流转记录'),
          h(
            'table',
            { 'data-testid': 'assignments' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, '时间'),
                h('th', {}, '类型'),
                h('th', {}, '由'),
                h('th', {}, '至'),
                h('th', {}, '理由'),
                h('th', {}, '操作人'),
              ),
            ),
            h(
              'tbody',
              {},
              history.assignments.map((a) =>
                h(
                  'tr',
                  {},
                  h('td', {}, minute(a.at)),
                  h('td', {}, ASSIGNMENT[a.kind] ?? a.kind),
                  h('td', {}, officeName(ctx.me, a.fromUnit)),
                  h('td', {}, officeName(ctx.me, a.toUnit)),
                  h('td', {}, a.reason),
                  h('td', {}, a.actorName),
                ),
              ),
            ),
          ),
        ]
      : null,
  );
}
