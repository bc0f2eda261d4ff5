export { periodEnd, periodEndMonths, addMonths, isWorkingDay, addWorkingDays } from './working-days';
export {
  type BusinessClock,
  type PartitionProgress,
  WallClock,
  FixedClock,
  watermarkOf,
} from './business-clock';
export {
  type SourceClockMode,
  type SourceProgressRow,
  type SourceClockPolicy,
  sourceClockOf,
  courtSourceOf,
} from './source-clock';
