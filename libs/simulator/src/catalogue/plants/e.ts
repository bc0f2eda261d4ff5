import type { Plant } from '../plant';

/** Plants of catalogue group E: hits and near misses per model. */
export const PLANTS_E: Plant[] = [];
