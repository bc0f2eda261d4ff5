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
} from '@zhijian/catalogue';
export {
  generateCatalogueProvince,
  TAIL_DAYS,
  type CatalogueProvince,
  type CatalogueProvinceOptions,
  type PlantedLead,
} from './province';
export { toFeedMessages, type FeedMessage } from './messages';
