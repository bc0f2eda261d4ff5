export { connectedRole, dataSourceOptions, dropDatabase, ensureDatabase, runMigrations } from './data-source';
export { PersistenceModule } from './persistence.module';
export { lockKeys, occurredAtIso } from './repositories/locks';
export { storableHeaders, storableViolations } from './repositories/storable-text';
