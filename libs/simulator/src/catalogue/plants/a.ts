import type { Plant } from '../plant';

/** Plants of catalogue group A: hits and near misses per model. */
export const PLANTS_A: Plant[] = [];
