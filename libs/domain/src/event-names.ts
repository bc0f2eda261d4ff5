import type { CaseEvent } from '@zhijian/contracts';

/** The court events of spec §3 as staff call them. */
const EVENT_TYPE_NAMES: Record<CaseEvent['type'], string> = {
  'case.filed': '立案',
  'notice.served': '送达',
  'restriction.lifted': '解除限制措施',
  'inquiry.performed': '财产调查',
  'clue.received': '收到财产线索',
  'clue.verified': '核查财产线索',
  'asset.controlled': '查封、扣押、冻结',
  'asset.renewed': '续行查封、扣押、冻结',
  'asset.released': '解除查封、扣押、冻结',
  'asset.valued': '评估',
  'auction.held': '拍卖、变卖',
  'asset.offset': '以物抵债',
  'funds.received': '案款到账',
  'funds.disbursed': '案款发放',
  'objection.filed': '提出执行异议',
  'objection.decided': '执行异议审查',
  'extension.approved': '延长执行期限',
  'case.closed': '结案',
  'case.restored': '恢复执行',
};

export function eventTypeName(type: string): string {
  return (EVENT_TYPE_NAMES as Record<string, string>)[type] ?? type;
}
