export { ZHONGBEN_WITH_ASSETS, ZhongbenWithAssetsModel } from './models/zhongben_with_assets/model';
export {
  RECOMMENDATION_FOLLOWUP,
  RecommendationFollowupModel,
} from './recommendation-followup/recommendation-followup.model';
export {
  CASE_MODEL_DEFINITIONS,
  MODEL_IDS,
  ModelThresholdError,
  createCaseModels,
  declaredOverrides,
  thresholdsOf,
} from './registry';
export { MODEL_VERSION_ARCHIVE } from './versions/versions';
export { MODELS_DIR, discoverScenarios, modelFolders } from './discovery';
export {
  ALL_SCOPES,
  PERIODIC_CHECK_DAYS,
  type CaseEnding,
  type CaseOptions,
  type CaseScript,
  type EventFields,
  type Plant,
  type PlantContext,
  type PlantRng,
  type PlantScenario,
  type RegistryFacts,
  type ScriptEvent,
} from './models/_kit/plant';
