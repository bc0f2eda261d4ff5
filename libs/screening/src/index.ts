export { backtest, type BacktestResult } from './backtest';
export { PETITION_APPLICATION, PETITION_REPORT } from './petitions/petition-leads';
export { ScreeningModule } from './screening.module';
export { ScreeningStatus } from './screening-status';
export {
  backtestDeclarative,
  compileDeclarativeModel,
  DEFAULT_RUN_LIMITS,
  evaluateDeclarative,
  type DeclarativeBacktest,
  type DeclarativeModel,
  type RunCost,
  type RunLimits,
} from './declarative/declarative-models';
export {
  isProvincialOffice,
  ModelRegistry,
  ModelWorkflowError,
  type ModelActor,
} from './declarative/model-registry';
export type { ModelStatus, StoredModel } from './repositories/declarative.repository';
export type { TrustedKeyRow } from './repositories/trusted-keys.repository';
export {
  canonicalJson,
  exportModelPackage,
  generateOfficeKeys,
  importModelPackage,
  signModelPackage,
  verifyModelPackage,
  readOfficeKeys,
  TrustedSigners,
  PACKAGE_FORMAT,
  type ModelPackage,
  type OfficeKeys,
} from './declarative/model-package';
