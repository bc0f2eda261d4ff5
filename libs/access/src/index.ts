export { ROLES, PERMISSIONS, type Role, type Permission, can, isRole } from './roles';
export { type OfficeTier, tierOfUnit, visibleUnitPrefix, canSeeUnit, parentUnit } from './scope';
export {
  type AuditRecord,
  type ChainEntry,
  type ChainSeal,
  type AuditEpoch,
  type AuditCheckpoint,
  type SignedCheckpoint,
  GENESIS_HASH,
  auditHash,
  auditMac,
  epochMac,
  checkpointMac,
  signCheckpoint,
  parseCheckpoint,
  sameHex,
  firstBrokenEntry,
} from './audit-chain';
export {
  ROLE_NAMES,
  PERMISSION_NAMES,
  forbiddenMessage,
  AUTH_FAILURE_MESSAGES,
  SYSTEM_SIGN_IN_MESSAGE,
  RATE_LIMITED_MESSAGE,
  tooManyFailuresMessage,
} from './labels';
export { type Principal, type AuthFailure, type TokenCheck, PrincipalStore } from './principal';
export { AuthFailureLimiter, AUTH_FAILURE_LIMITS, type AuthFailureLimits } from './auth-failure-limiter';
export {
  AuthGuard,
  Authenticator,
  type AuthenticatedRequest,
  type AuthPurpose,
  CurrentPrincipal,
  RequirePermissions,
  bearerToken,
  UNAUTHENTICATED_MESSAGE,
} from './auth.guard';
export { AccessModule } from './access.module';
