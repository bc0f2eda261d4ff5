export { SubjectLinker } from './subject-linker';
