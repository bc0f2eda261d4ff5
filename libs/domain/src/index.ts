export { factsAsOf } from './as-of';
export { decideCure, decideDedup, dedupKeyOf, factKey, newFacts, type LatestGeneration } from './dedup';
export { eventTypeName } from './event-names';
export { type EvidenceItem, type LeadEvidence, type LeadTier, type Severity } from './evidence';
export {
  type BankAccountFact,
  type CaseEventFact,
  type CaseFactSet,
  type CaseRow,
  type CaseSummary,
  type ClassMember,
  type CourtActivity,
  type EquityHoldingFact,
  type EventRef,
  type HoldingFact,
  type MortgageFact,
  type PartyFact,
  type PendingPetition,
  type RelationFact,
  type RestorationFact,
  type SubjectLinkFact,
  type SuggestionRecord,
  type TaxFact,
  type TransferFact,
  type VehicleHoldingFact,
} from './facts';
export { judgeCases, completedDaysOf, deferredCases } from './judge';
export { Jurisdiction, type Office, type Tier } from './jurisdiction';
export { LEAD_STATUSES, type LeadAction, type LeadStatus, OPEN_STATUSES, availableActions, isHandled, statusName, transition } from './lifecycle';
export {
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type LeadDraft,
  type ModelDefinition,
  type ModelMeta,
  type ModelThresholds,
  type RelatedCase,
  defineModel,
  factsByCase,
} from './model';
export { CASE_TYPE_CODES, PROVINCE_ABBREVIATIONS, parseCaseNumber } from './normalize/case-number';
export {
  addDays,
  cstDateOf,
  cstStartOfDay,
  daysBetween,
  isCalendarDate,
  parseDate,
  parseInstant,
} from './normalize/date';
export { idCardCheckChar, maskIdCard, normalizeIdCard } from './normalize/id-card';
export { formatFen, parseMoneyToFen } from './normalize/money';
export { maskAccount, maskFreeText, maskIdentifiersInText, maskPersonName, maskPhone } from './normalize/pii';
export { codePointLabel, textProblem, withoutInvalidText } from './normalize/text-check';
export { canonicalIdentifier, cleanName, cleanText, foldWidth } from './normalize/text';
export { normalizeUscc, usccCheckChar } from './normalize/uscc';
export { err, ok } from './normalize/result';
export { FixedClock, WallClock, type BusinessClock, watermarkOf } from './time/business-clock';
export { courtSourceOf, sourceClockOf, type SourceClockPolicy } from './time/source-clock';
export { addMonths, addWorkingDays, isWorkingDay, periodEnd, periodEndMonths } from './time/working-days';
export * from './declarative';
