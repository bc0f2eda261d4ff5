export type {
  Plant,
  PlantScenario,
  PlantContext,
  CaseScript,
  CaseOptions,
  CaseEnding,
  ScriptEvent,
  RegistryFacts,
  EventFields,
} from './plant';
export {
  generateCatalogueProvince,
  TAIL_DAYS,
  type CatalogueProvince,
  type CatalogueProvinceOptions,
  type PlantedLead,
} from './province';
export { PLANTS } from './plants';
export { toFeedMessages, type FeedMessage } from './messages';
