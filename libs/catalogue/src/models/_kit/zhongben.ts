/** What the models of group E (终本) share. */

/** 终本规定: the rules for closing a case as 终结本次执行程序. */
export const ZHONGBEN_RULES = '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》';

/** The first restoration of the case (执恢), if any: the date on which the 终本 ended. */
export function restoredOnOf(restorations: { restoredOn: string }[]): string | null {
  let first: string | null = null;
  for (const r of restorations) if (first === null || r.restoredOn < first) first = r.restoredOn;
  return first;
}
