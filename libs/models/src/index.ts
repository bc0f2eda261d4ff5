export {
  type CaseModel,
  type CaseFacts,
  type ModelMeta,
  type LeadDraft,
  type Evaluation,
  type ModelDefinition,
  type ModelGroup,
  type RelatedCase,
  defineModel,
  factsByCase,
} from './model';
export {
  MODEL_IDS,
  type ModelId,
  CASE_MODEL_DEFINITIONS,
  ModelThresholdError,
  createCaseModels,
  thresholdsOf,
} from './registry';
export {
  ZhongbenWithAssetsModel,
  ZHONGBEN_WITH_ASSETS,
  ZHONGBEN_WITH_ASSETS_DEFAULTS,
} from './catalogue/e/zhongben-with-assets.model';
export { ScreeningService, CASE_MODELS } from './screening.service';
export { ScreeningModule } from './models.module';
export { BUSINESS_CLOCK, WatermarkClock, businessClockFor } from './business-clock.provider';
export { LeadWriter, type LeadCandidate, type WrittenLead, type WriteOutcome } from './lead-writer';
export { decideDedup, dedupKeyOf, newFacts, mergeEvidence, type DedupDecision } from './dedup';
export { classPeriodOf, classKeyOf, CLASS_PERIOD_ANCHOR } from './class-leads/class-leads';
export {
  RecommendationFollowupModel,
  RECOMMENDATION_FOLLOWUP,
  recommendedAct,
} from './recommendation-followup/recommendation-followup.model';
export { PETITION_APPLICATION, PETITION_REPORT } from './petitions/petition-leads';
export { backtest, versionsOf, type BacktestOptions, type BacktestResult } from './backtest/backtest';
export { factsAsOf } from './backtest/as-of';
