import type { Permission, Role } from './roles';

/** Names for staff-facing messages (refusals, consoles). */
export const ROLE_NAMES: Record<Role, string> = {
  staff: '受理、办案人员',
  prosecutor: '承办检察官',
  leader: '院领导、部门负责人',
  operator: '运维人员',
  system: '业务系统',
};

export const PERMISSION_NAMES: Record<Permission, string> = {
  'leads.read': '查看线索',
  'leads.read_unmasked': '查看未脱敏的当事人身份信息',
  'leads.act': '办理线索',
  'leads.triage': '分流、改派线索',
  'rates.read': '查看办理成效统计',
  'feeds.operate': '管理数据接入',
  'audit.verify': '校验审计日志',
};

/** The 403 message: which role lacks which permission. */
export function forbiddenMessage(role: Role, permission: Permission): string {
  return `无权限：${ROLE_NAMES[role]}不能${PERMISSION_NAMES[permission]}`;
}
