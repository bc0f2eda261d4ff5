import type { Plant } from '../plant';

/** Plants of catalogue group F: hits and near misses per model. */
export const PLANTS_F: Plant[] = [];
