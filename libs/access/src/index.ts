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
export {
  AuditRepository,
  type AuditProblem,
  type AuditVerification,
  useAuditKey,
} from './repositories/audit.repository';
export { PrincipalRepository, SYSTEM_TOKEN_DAYS } from './repositories/principal.repository';
export { SessionRepository, type SessionPolicy } from './repositories/session.repository';
export { PERMISSIONS, ROLES, can, isRole, type Permission, type Role } from './roles';
export { canSeeUnit, parentUnit, tierOfUnit, visibleUnitPrefix } from './scope';
