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
export { ROLE_NAMES, PERMISSION_NAMES, forbiddenMessage } from './labels';
export { type Principal, PrincipalStore } from './principal';
export {
  AuthGuard,
  CurrentPrincipal,
  RequirePermissions,
  bearerToken,
  UNAUTHENTICATED_MESSAGE,
} from './auth.guard';
export { AccessModule } from './access.module';
