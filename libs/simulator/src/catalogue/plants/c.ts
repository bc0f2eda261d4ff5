import type { Plant } from '../plant';

/** Plants of catalogue group C: hits and near misses per model. */
export const PLANTS_C: Plant[] = [];
