import { h } from './dom.js';
import type { LeadSummaryView, MeView } from '@zhijian/contracts/api';

export const SEVERITY: Record<string, string> = { high: '高', medium: '中', low: '低' };

export const KIND: Record<string, string> = { individual: '个案', class: '类案', followup: '跟进监督' };

export const ACTION: Record<string, string> = {
  claim: '认领',
  accept: '受理',
  reject: '不予受理',
  issue_suggestion: '发出检察建议',
  extend_suggestion: '延长回复期限',
  record_reply: '登记法院回复',
  record_rectification: '登记整改情况',
  close: '办结',
  reassign: '改派',
  withdraw: '撤回（事实更正）',
  keep: '继续办理',
  assign: '指派承办人',
  transfer: '移送',
  transfer_accept: '接收移送',
  notice: '送达结果告知书',
};

export const ASSIGNMENT: Record<string, string> = {
  triage: '省院分流',
  reassign: '改派',
  escalate: '逾期未认领升级',
  inform: '重大线索告知',
};

export const EVIDENCE_KIND: Record<string, string> = {
  event: '法院案件事件',
  registry_fact: '登记机关事实',
  petition: '当事人申请或控告',
  record: '检察机关办理记录',
};

export const PARTY_ROLE: Record<string, string> = {
  respondent: '被执行人',
  applicant: '申请执行人',
  petitioner: '申请人',
  subject: '被反映人',
};

export const QUARANTINE_STATUS: Record<string, string> = {
  open: '待处理',
  corrected: '已更正',
  replayed: '已重放',
  discarded: '已丢弃',
};

export const REASON: Record<string, string> = {
  malformed_json: 'JSON 格式错误',
  unknown_schema: '未知的数据规范',
  schema_violation: '不符合数据规范',
  invalid_identifier: '证件号码或统一社会信用代码无效',
  invalid_case_number: '案号无效',
  invalid_text: '含控制字符或孤立代理项',
  too_large: '消息过大',
  too_deep: '嵌套过深',
  date_out_of_range: '日期超出范围',
  future_dated: '业务时间超前',
  source_not_authorized: '来源无权报送',
  unprocessable: '无法处理（解码或入库异常）',
};

export const REPLAY_OUTCOME: Record<string, string> = {
  accepted: '已接收入库',
  duplicate: '重复消息（已入库，未重复处理）',
  rejected: '仍被拒收',
};

export function officeName(me: MeView, unitCode: string | null | undefined): string {
  if (!unitCode) return '';
  return me.offices.find((o) => o.unitCode === unitCode)?.name ?? unitCode;
}

/** A court by name (浙0803 → 衢州市衢江区人民法院): the court at the level and place of the office it belongs to; else its code. */
export function courtName(me: MeView, code: string | null | undefined): string {
  if (!code) return '—';
  const office = me.offices.find((o) => o.courts.includes(code));
  return office ? office.name.replace(/人民检察院$/, '人民法院') : code;
}

/** A court's name with its code in a tooltip. */
export function courtLabel(me: MeView, code: string | null | undefined): HTMLElement {
  return h('span', { title: code ?? '' }, courtName(me, code));
}

export function modelName(me: MeView, modelId: string): string {
  return me.models.find((m) => m.id === modelId)?.title ?? modelId;
}

/** Severity, livelihood, deadline, escalation and kind, as badges. */
export function badges(l: LeadSummaryView): HTMLElement[] {
  const out = [h('span', { class: `badge ${l.severity}` }, `${SEVERITY[l.severity] ?? l.severity}`)];
  if (l.livelihood)
    out.push(h('span', { class: 'badge livelihood', title: '涉民生案件（劳动报酬、中小企业债权）' }, '民生'));
  if (l.deadline?.overdue)
    out.push(
      h(
        'span',
        { class: 'badge overdue', title: `${l.deadline.label}：${l.deadline.due}` },
        `${l.deadline.label.replace('期限', '')}逾期${l.deadline.daysOverdue}天`,
      ),
    );
  else if (l.deadline)
    out.push(
      h(
        'span',
        { class: 'badge due', title: l.deadline.label },
        `${l.deadline.label.replace('期限', '')}至${l.deadline.due}`,
      ),
    );
  if (l.escalationLevel > 0)
    out.push(h('span', { class: 'badge escalated' }, `已升级${l.escalationLevel}级`));
  if (l.factsChanged)
    out.push(
      h(
        'span',
        { class: 'badge overdue', title: '后到事实显示违法情形已不存在，请决定撤回或继续办理' },
        '事实已变更',
      ),
    );
  if (l.kind !== 'individual') out.push(h('span', { class: 'badge kind' }, KIND[l.kind] ?? l.kind));
  return out;
}
