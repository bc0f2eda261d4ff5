import type { ErrorObject } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh';
import type { Violation } from './reason-codes';

/**
 * Chinese explanations of schema violations, for the producers and staff who read them (upload
 * answers, quarantine rows, the console, `zhijian feed validate`). Each names the field (the JSON
 * pointer, with the schema's title where it has one), the rule (ajv's keyword) and, where the rule
 * is a list or a pattern, the allowed values or an example taken from the schema (`examples`).
 * ajv's own English message stays beside it as `detail`, for engineers.
 *
 * The per-keyword wording is ajv-i18n's (zh): a maintained translation of every ajv keyword, so a
 * keyword our schemas start using later is still explained in Chinese.
 */

/** Longest list of allowed values printed in full. */
const MAX_LISTED = 30;

type Schema = Record<string, unknown>;

const asSchema = (v: unknown): Schema | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Schema) : undefined;

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function listed(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map(show).join('、');
  return values.length > MAX_LISTED ? `${shown} 等 ${values.length} 个` : shown;
}

/** The Chinese part of a title such as "Kind (当事人类型)", or the whole title if it is Chinese. */
export function chineseTitle(schema: Schema | undefined): string | undefined {
  const title = schema?.title;
  if (typeof title !== 'string') return undefined;
  const inParens = /[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]/.exec(title)?.[1];
  if (inParens) return inParens.trim();
  return /[\u4e00-\u9fff]/.test(title) ? title.trim() : undefined;
}

/** The schema's first example, when it has one. */
function exampleOf(schema: Schema | undefined): string | undefined {
  const examples = schema?.examples;
  return Array.isArray(examples) && examples.length ? show(examples[0]) : undefined;
}

/** Tag values of a discriminated oneOf (the `const` of each branch's tag property). */
function branchTags(schema: Schema | undefined, tag: string): unknown[] {
  const oneOf = schema?.oneOf;
  if (!Array.isArray(oneOf)) return [];
  return oneOf
    .map((b) => asSchema(asSchema(asSchema(b)?.properties)?.[tag])?.const)
    .filter((v) => v !== undefined);
}

/**
 * One violation per ajv error: pointer as before (the missing property for `required`, the tag for
 * `discriminator`), a Chinese `message`, the keyword as `rule`, ajv's English as `detail`.
 * Errors compiled with `verbose: true` give the schema's titles, allowed values and examples.
 */
export function ajvViolationsZh(errors: readonly ErrorObject[] | null | undefined, base = ''): Violation[] {
  if (!errors?.length) return [];
  const english = errors.map((e) => e.message ?? e.keyword);
  const copies = errors.map((e) => ({ ...e }));
  localizeZh(copies);
  return copies.map((e, i) => {
    const params = e.params as Record<string, unknown>;
    const parent = asSchema(e.parentSchema);
    let pointer = base + e.instancePath;
    let field = parent;
    if (e.keyword === 'required') {
      const missing = String(params.missingProperty);
      pointer += `/${missing}`;
      field = asSchema(asSchema(parent?.properties)?.[missing]);
    }
    // An unknown or missing discriminator value is the tag field's fault, not the whole object's.
    if (e.keyword === 'discriminator') {
      pointer += `/${String(params.tag)}`;
      field = asSchema(asSchema(parent?.properties)?.[String(params.tag)]);
    }
    if (e.keyword === 'additionalProperties') pointer += `/${String(params.additionalProperty)}`;
    pointer ||= '/';
    const title = chineseTitle(field);
    const extra: string[] = [`规则 ${e.keyword}`];
    switch (e.keyword) {
      case 'enum':
        extra.push(`允许的值：${listed((params.allowedValues as unknown[]) ?? [])}`);
        break;
      case 'const':
        extra.push(`必须是：${show(params.allowedValue)}`);
        break;
      case 'discriminator': {
        const tags = branchTags(parent, String(params.tag));
        if (tags.length) extra.push(`允许的值：${listed(tags)}`);
        break;
      }
      case 'pattern':
      case 'format': {
        const example = exampleOf(parent);
        if (example !== undefined) extra.push(`示例：${example}`);
        break;
      }
      case 'type':
        extra.push(`应为类型：${show(params.type)}`);
        break;
      default:
        break;
    }
    const what = e.keyword === 'required' ? '缺少必填字段' : (e.message ?? e.keyword);
    const message = `字段 ${pointer}${title ? `（${title}）` : ''}：${what}（${extra.join('；')}）`;
    return { pointer, message, rule: e.keyword, detail: english[i] };
  });
}
