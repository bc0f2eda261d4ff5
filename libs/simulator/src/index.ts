export { toFeedMessages, type FeedMessage } from './catalogue/messages';
export { generateCatalogueProvince, type CatalogueProvince, type PlantedLead } from './catalogue/province';
export {
  bankSnapshot,
  bankTransfer,
  caseClosed,
  caseFiled,
  caseRestored,
  courtEvent,
  equityChange,
  idCardOf,
  occurredAtOf,
  petition,
  realEstateEvent,
  taxRecord,
  type CourtEventType,
  type WireEnvelope,
  type WireParty,
  usccOf,
  vehicleEvent,
  yuan,
  zhongbenWithFlat,
} from './envelopes';
export { Rng } from './world';
