export { ZHONGBEN_WITH_ASSETS, ZhongbenWithAssetsModel } from './e/zhongben-with-assets.model';
export {
  RECOMMENDATION_FOLLOWUP,
  RecommendationFollowupModel,
} from './recommendation-followup/recommendation-followup.model';
export {
  CASE_MODEL_DEFINITIONS,
  MODEL_IDS,
  ModelThresholdError,
  createCaseModels,
  thresholdsOf,
} from './registry';
export { MODEL_VERSION_ARCHIVE } from './versions/versions';
