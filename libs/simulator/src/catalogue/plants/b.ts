import type { Plant } from '../plant';

/** Plants of catalogue group B: hits and near misses per model. */
export const PLANTS_B: Plant[] = [];
