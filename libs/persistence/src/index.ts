export {
  dataSourceOptions,
  runMigrations,
  ensureDatabase,
  dropDatabase,
  MIGRATIONS,
  ENTITIES,
} from './data-source';
export {
  LeadEntity,
  type LeadEvidence,
  type EvidenceItem,
  type LeadTier,
  type Severity,
} from './entities/lead.entity';
export * from './repositories/ingest.repository';
export * from './repositories/raw-event-copy';
export * from './repositories/clock.repository';
export * from './repositories/screening.repository';
export * from './repositories/lead.repository';
export * from './repositories/tax.repository';
export * from './repositories/bank.repository';
export * from './repositories/vehicle.repository';
export * from './repositories/enterprise.repository';
export * from './repositories/petition.repository';
export { lockKeys } from './repositories/locks';
export * from './repositories/quarantine.repository';
export * from './repositories/upload.repository';
export * from './feed-keys';
export * from './repositories/principal.repository';
export * from './repositories/session.repository';
export * from './repositories/audit.repository';
export * from './repositories/intake.repository';
export * from './repositories/metrics.repository';
export * from './repositories/consumer-lag.repository';
export * from './repositories/escalation.repository';
export * from './repositories/followup.repository';
export { PersistenceModule } from './persistence.module';
export { APP_ROLE } from './migrations/1734000000001-app-role';
