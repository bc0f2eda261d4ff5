import type { ModelDefinition } from '@zhijian/domain';
import { ASSET_INQUIRY_LATE_MODEL } from './asset-inquiry-late.model';
import { MEASURES_NOT_LIFTED_MODEL } from './measures-not-lifted.model';
import { OVER_SEIZURE_MODEL } from './over-seizure.model';
import { REGISTRY_ASSET_UNCONTROLLED_MODEL } from './registry-asset-uncontrolled.model';
import { SEIZURE_LAPSED_MODEL } from './seizure-lapsed.model';
import { THIRD_PARTY_PROPERTY_SEIZED_MODEL } from './third-party-property-seized.model';

/** Catalogue group A. Property inquiry and control (财产查询、控制): one module per model. */
export const GROUP_A: ModelDefinition[] = [
  ASSET_INQUIRY_LATE_MODEL,
  REGISTRY_ASSET_UNCONTROLLED_MODEL,
  OVER_SEIZURE_MODEL,
  THIRD_PARTY_PROPERTY_SEIZED_MODEL,
  SEIZURE_LAPSED_MODEL,
  MEASURES_NOT_LIFTED_MODEL,
];
