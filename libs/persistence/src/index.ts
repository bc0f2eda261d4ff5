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
export * from './repositories/clock.repository';
export * from './repositories/screening.repository';
export * from './repositories/lead.repository';
export { PersistenceModule } from './persistence.module';
