import type { Plant } from '../plant';
import { PLANTS_A } from './a';
import { PLANTS_B } from './b';
import { PLANTS_C } from './c';
import { PLANTS_D } from './d';
import { PLANTS_E } from './e';
import { PLANTS_F } from './f';
import { ZHONGBEN_REALESTATE_PLANT } from './zhongben-realestate';

/** Every plant of the catalogue, in catalogue order. */
export const PLANTS: readonly Plant[] = [
  ...PLANTS_A,
  ...PLANTS_B,
  ...PLANTS_C,
  ...PLANTS_D,
  ...PLANTS_E,
  ZHONGBEN_REALESTATE_PLANT,
  ...PLANTS_F,
];
