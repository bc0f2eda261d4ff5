import type { CaseModel } from './model';
import { ZhongbenWithAssetsModel } from './zhongben-with-assets/zhongben-with-assets.model';

/** Model ids, in one place: leads, APIs, metrics and configuration name models by them. */
export const MODEL_IDS = ['zhongben_with_assets'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export function createCaseModels(): CaseModel[] {
  return [new ZhongbenWithAssetsModel()];
}
