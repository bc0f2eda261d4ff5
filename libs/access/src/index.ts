export { ROLES, PERMISSIONS, type Role, type Permission, can, isRole } from './roles';
export { type OfficeTier, tierOfUnit, visibleUnitPrefix, canSeeUnit, parentUnit } from './scope';
export { type AuditRecord, type ChainEntry, GENESIS_HASH, auditHash, firstBrokenEntry } from './audit-chain';
