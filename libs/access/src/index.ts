export { AccessModule } from './access.module';
export {
  GENESIS_HASH,
  auditHash,
  parseCheckpoint,
  signCheckpoint,
  type AuditRecord,
  type SignedCheckpoint,
} from './audit-chain';
export { AuthFailureLimiter } from './auth-failure-limiter';
export {
  AuthGuard,
  Authenticator,
  CurrentPrincipal,
  RequirePermissions,
  UNAUTHENTICATED_MESSAGE,
  bearerToken,
  type AuthenticatedRequest,
} from './auth.guard';
export {
  AUTH_FAILURE_MESSAGES,
  RATE_LIMITED_MESSAGE,
  ROLE_NAMES,
  SYSTEM_SIGN_IN_MESSAGE,
  forbiddenMessage,
  tooManyFailuresMessage,
} from './labels';
export { PrincipalStore, type Principal, type TokenCheck } from './principal';
export { AuditLog, type AuditProblem, type AuditVerification, useAuditKey } from './audit-log';
export { PrincipalDirectory, SYSTEM_TOKEN_DAYS } from './principal-directory';
export { SessionStore, type SessionPolicy } from './session-store';
export { PERMISSIONS, ROLES, can, isRole, type Permission, type Role } from './roles';
export { canSeeUnit, parentUnit, tierOfUnit, visibleUnitPrefix } from './scope';
