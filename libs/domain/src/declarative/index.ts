export { ModelRefusal, type RefusalCode } from './refusal';
export {
  parseModelFile,
  metaOf,
  parametersOf,
  configuredParameterProblems,
  type DeclarativeModelFile,
  type DeclaredParameter,
} from './model-file';
export {
  acceptPredicate,
  positional,
  ALLOWED_FUNCTIONS,
  CANONICAL_VIEWS,
  VIEWS_SCHEMA,
  type AcceptedPredicate,
} from './acceptance';
export { evaluationsOf, render, type PredicateRow } from './leads';
