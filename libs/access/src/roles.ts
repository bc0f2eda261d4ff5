/**
 * Roles of people and systems. What each may do is listed here once; controllers ask
 * `can(role, permission)` and never compare role names themselves.
 */
export const ROLES = ['staff', 'prosecutor', 'leader', 'operator', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'leads.read',
  /** See ID numbers and persons' names unmasked. */
  'leads.read_unmasked',
  'leads.act',
  /** Distribute and reassign leads between offices (provincial triage). */
  'leads.triage',
  'rates.read',
  'feeds.operate',
  'audit.verify',
  /** Write, validate and backtest declarative models, submit them for review (issue 18). */
  'models.write',
  /** Review, list and retire declarative models (a provincial office's reviewers), switch one off for an office. */
  'models.review',
  /** Keep the offices whose signed model packages this hub imports (their SM2 public keys). */
  'models.trust',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  // 受理、办案人员: work the inbox; ID numbers stay masked.
  staff: ['leads.read', 'leads.act'],
  // 承办检察官: investigates, needs the parties' identities.
  prosecutor: ['leads.read', 'leads.read_unmasked', 'leads.act', 'models.write'],
  // 院领导、部门负责人: oversight, rates, triage at the province.
  leader: ['leads.read', 'rates.read', 'leads.triage', 'models.review'],
  // 运维: quarantine and feeds, never the leads' personal data.
  operator: ['feeds.operate', 'audit.verify', 'models.trust'],
  // Case-management systems pulling leads by API.
  system: ['leads.read', 'leads.read_unmasked'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
