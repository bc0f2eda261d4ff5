export {
  contextOf,
  decideLink,
  reconcile,
  isIdentified,
  sameName,
  type SubjectRecord,
  type SubjectKind,
  type Citation,
  type LinkContext,
  type AreaFact,
  type AreaOrigin,
  type AliasFacts,
  type LinkRule,
  type AgreedAttribute,
  type LinkEvidence,
  type LinkDecision,
  type ActiveLink,
  type LinkChanges,
} from './decide';
export { LinkingRepository, type NameGroup, type Involvement, type ContextKeys } from './linking.repository';
export { SubjectLinker, courtCountyOf, type CourtCounty, type LinkOutcome } from './subject-linker';
