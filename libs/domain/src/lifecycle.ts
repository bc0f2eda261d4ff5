/**
 * The life of a lead at the procuratorate (线索办理流程):
 * new → claimed → accepted (立案审查) | rejected (with reason)
 * accepted → suggestion_issued (检察建议 number, service date) | closed
 * suggestion_issued → court_replied (adopted / not adopted)
 * court_replied → rectified (amount recovered) | closed
 * rectified → closed; rejected → closed
 * any open status → withdrawn (已撤回（事实更正）): by the system when later facts cure a new lead,
 * by its handler when they cure a lead being handled (flagged 事实已变更; or the handler carries on)
 */
export const LEAD_STATUSES = [
  'new',
  'claimed',
  'accepted',
  'rejected',
  'suggestion_issued',
  'court_replied',
  'rectified',
  'closed',
  'withdrawn',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * A lead the procuratorate has dealt with (办结, or not accepted): the model firing again
 * on the same facts raises nothing; new facts raise a new lead (a new generation).
 */
export const HANDLED_STATUSES: readonly string[] = ['closed', 'rejected', 'withdrawn'] satisfies LeadStatus[];

/** Statuses in which the procuratorate still has the lead. */
export const OPEN_STATUSES = [
  'new',
  'claimed',
  'accepted',
  'suggestion_issued',
  'court_replied',
  'rectified',
] as const satisfies LeadStatus[];

export function isHandled(status: string): boolean {
  return HANDLED_STATUSES.includes(status);
}

export const LEAD_ACTIONS = [
  'claim',
  'accept',
  'reject',
  'issue_suggestion',
  'record_reply',
  'record_rectification',
  'close',
  'withdraw',
  'keep',
] as const;
export type LeadAction = (typeof LEAD_ACTIONS)[number];

/** `keep` moves nothing: the handler carries on with a lead flagged 事实已变更 (the flag is cleared). */
const MOVES: Record<LeadAction, { from: readonly LeadStatus[]; to: LeadStatus | 'same' }> = {
  claim: { from: ['new'], to: 'claimed' },
  accept: { from: ['claimed'], to: 'accepted' },
  reject: { from: ['claimed'], to: 'rejected' },
  issue_suggestion: { from: ['accepted'], to: 'suggestion_issued' },
  record_reply: { from: ['suggestion_issued'], to: 'court_replied' },
  record_rectification: { from: ['court_replied'], to: 'rectified' },
  close: { from: ['accepted', 'rejected', 'court_replied', 'rectified'], to: 'closed' },
  withdraw: { from: OPEN_STATUSES, to: 'withdrawn' },
  keep: { from: OPEN_STATUSES, to: 'same' },
};

/** Actions that answer a 事实已变更 flag: open only on a flagged lead. */
const FLAG_ACTIONS: readonly LeadAction[] = ['withdraw', 'keep'];

const STATUS_NAMES: Record<LeadStatus, string> = {
  new: '新线索',
  claimed: '已认领',
  accepted: '已受理（立案审查）',
  rejected: '不予受理',
  suggestion_issued: '已发出检察建议',
  court_replied: '法院已回复',
  rectified: '已整改',
  closed: '已办结',
  withdrawn: '已撤回（事实更正）',
};

const ACTION_NAMES: Record<LeadAction, string> = {
  claim: '认领',
  accept: '受理',
  reject: '不予受理',
  issue_suggestion: '发出检察建议',
  record_reply: '登记法院回复',
  record_rectification: '登记整改情况',
  close: '办结',
  withdraw: '撤回（事实更正）',
  keep: '继续办理',
};

export type TransitionResult = { ok: true; to: LeadStatus } | { ok: false; message: string };

/** Whether `action` may be taken on a lead in `status`; the refusal is a message for staff, in Chinese. */
export function transition(status: LeadStatus, action: LeadAction, factsChanged = false): TransitionResult {
  const move = MOVES[action];
  if (FLAG_ACTIONS.includes(action) && !factsChanged && move.from.includes(status)) {
    return {
      ok: false,
      message: `线索没有“事实已变更”提示，不能执行“${ACTION_NAMES[action]}”；认为线索不成立的，请在认领后“不予受理”`,
    };
  }
  if (move.from.includes(status)) return { ok: true, to: move.to === 'same' ? status : move.to };
  const allowed = move.from.map((s) => STATUS_NAMES[s]).join('、');
  return {
    ok: false,
    message: `线索当前状态为“${STATUS_NAMES[status]}”，不能执行“${ACTION_NAMES[action]}”（仅限：${allowed}）`,
  };
}

export function statusName(status: LeadStatus): string {
  return STATUS_NAMES[status];
}

/** Actions open to a lead in `status`, for consoles and API hints. */
export function availableActions(status: LeadStatus, factsChanged = false): LeadAction[] {
  return LEAD_ACTIONS.filter(
    (a) => MOVES[a].from.includes(status) && (factsChanged || !FLAG_ACTIONS.includes(a)),
  );
}
