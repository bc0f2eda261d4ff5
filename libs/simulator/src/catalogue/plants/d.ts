import type { Plant } from '../plant';

/** Plants of catalogue group D: hits and near misses per model. */
export const PLANTS_D: Plant[] = [];
