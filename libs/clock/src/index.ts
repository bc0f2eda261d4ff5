export { periodEnd, periodEndMonths, isWorkingDay, addWorkingDays } from './working-days';
export {
  type BusinessClock,
  type PartitionProgress,
  WallClock,
  FixedClock,
  watermarkOf,
} from './business-clock';
