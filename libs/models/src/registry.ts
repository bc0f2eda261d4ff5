import type { CaseModel } from './model';
import { ZhongbenWithAssetsModel } from './zhongben-with-assets/zhongben-with-assets.model';

/**
 * Model ids, in one place: leads, APIs, metrics and configuration name models by them. Case
 * models, the follow-up of 检察建议 (catalogue row G), and petitions (当事人申请监督, 控告举报).
 */
export const MODEL_IDS = [
  'zhongben_with_assets',
  'recommendation_followup',
  'petition_application',
  'petition_report',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The models screening runs over changed cases; follow-ups and petitions have their own steps. */
export function createCaseModels(): CaseModel[] {
  return [new ZhongbenWithAssetsModel()];
}
