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
  'models.write': '研发、验证和回测监督模型',
  'models.review': '审查、上架和下架监督模型',
  'models.trust': '管理可信的模型共享包签名单位',
};

/** The 403 message: which role lacks which permission. */
export function forbiddenMessage(role: Role, permission: Permission): string {
  return `无权限：${ROLE_NAMES[role]}不能${PERMISSION_NAMES[permission]}`;
}

/** The 401 answers, one per reason a token does not authenticate; each starts `未认证：`. */
export const AUTH_FAILURE_MESSAGES = {
  unknown: '未认证：请提供有效的访问令牌（Authorization: Bearer <令牌>）',
  token_expired: '未认证：访问令牌已过期，请联系管理员轮换令牌（principal rotate）',
  token_rotated: '未认证：该访问令牌已被新令牌替换，过渡期已结束，请改用新令牌',
  session_expired: '未认证：登录已过期（长时间未操作或超过最长登录时间），请重新登录',
  session_revoked: '未认证：登录已退出或已被撤销，请重新登录',
  /** A person's own token on the API: it only signs in. */
  person_token: '未认证：个人访问令牌只用于登录（POST /v1/session），请使用登录后取得的会话令牌访问接口',
  /** A session token (or a system's) presented to sign in. */
  sign_in_token: '未认证：请使用本人的个人访问令牌登录（会话令牌不能用于再次登录）',
} as const;

/** A system's token signs nothing in: it calls the API directly. */
export const SYSTEM_SIGN_IN_MESSAGE = '系统令牌无需登录：请直接以 Authorization: Bearer <令牌> 调用接口';

/** The 429 answer after too many failed authentications from one client. */
export function tooManyFailuresMessage(retryAfterSeconds: number): string {
  return `认证失败次数过多，请在 ${retryAfterSeconds} 秒后重试`;
}

/** The 429 answer of the general rate limit. */
export const RATE_LIMITED_MESSAGE = '请求过于频繁，请稍后再试';
