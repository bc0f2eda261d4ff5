/**
 * Compatibility of a schema revision with the published revision of the same name and major.
 *
 * Within a major, a change is compatible when (a) every message valid under the published schema
 * stays valid, and (b) every property readers of that major rely on keeps its name, its presence
 * and its meaning. So loosening is allowed (new optional properties, new enum values, new
 * discriminator branches, wider bounds, a pattern dropped, annotations), and everything else is
 * reported with the JSON path where it happens. Pure: callers read the files.
 */

export type IncompatibilityKind =
  | 'schema-removed'
  | 'id-changed'
  | 'property-removed'
  | 'made-required'
  | 'required-added'
  | 'made-optional'
  | 'type-narrowed'
  | 'enum-narrowed'
  | 'enum-added'
  | 'const-changed'
  | 'pattern-changed'
  | 'format-changed'
  | 'bound-tightened'
  | 'branch-removed'
  | 'discriminator-changed'
  | 'ref-changed'
  | 'def-removed'
  | 'closed'
  | 'keyword-changed';

export interface Incompatibility {
  /**
   * Where, in the published schema: a JSON pointer (`#/properties/owners/items/properties/share`),
   * with discriminator branches named by their tag (`#/oneOf[type=case.filed]/properties/origin`)
   * and, for a set of schemas, the schema id in front (`court.case-event/1#/…`).
   */
  path: string;
  kind: IncompatibilityKind;
  message: string;
}

type Schema = Record<string, unknown>;

/** Keywords that never change what is valid. */
const ANNOTATIONS = new Set([
  '$schema',
  '$comment',
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** Keywords compared below; any other keyword that changes is reported as keyword-changed. */
const HANDLED = new Set([
  '$id',
  '$ref',
  'type',
  'enum',
  'const',
  'pattern',
  'format',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'multipleOf',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'prefixItems',
  '$defs',
  'definitions',
  'discriminator',
  'oneOf',
  'anyOf',
  'allOf',
]);

/** Compares one published schema with its current revision. */
export function compareSchemas(published: unknown, current: unknown, path = '#'): Incompatibility[] {
  const out: Incompatibility[] = [];
  compare(published, current, path, out);
  return out;
}

/**
 * Compares sets of schemas keyed by "<name>/<major>". A published schema must still exist; a
 * schema that was never published (a new name or major) has nothing to be compatible with.
 */
export function compareSchemaSets(
  published: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
): Incompatibility[] {
  const out: Incompatibility[] = [];
  for (const id of Object.keys(published).sort()) {
    if (!(id in current)) {
      out.push({
        path: id,
        kind: 'schema-removed',
        message: 'published schema no longer served; a major stays as long as producers may send it',
      });
    } else {
      compare(published[id], current[id], `${id}#`, out);
    }
  }
  return out;
}

/** One line per incompatibility, for test failures and CI logs. */
export function formatIncompatibilities(list: readonly Incompatibility[]): string {
  return list.map((i) => `${i.path}: ${i.kind}: ${i.message}`).join('\n');
}

function compare(oldNode: unknown, newNode: unknown, path: string, out: Incompatibility[]): void {
  const o = asSchema(oldNode);
  const c = asSchema(newNode);
  const report = (at: string, kind: IncompatibilityKind, message: string) =>
    out.push({ path: at, kind, message });

  if (o.$id !== undefined && o.$id !== c.$id) {
    report(`${path}/$id`, 'id-changed', `$id ${show(o.$id)} → ${show(c.$id)}`);
  }
  if (o.$ref !== c.$ref) {
    report(`${path}/$ref`, 'ref-changed', `$ref ${show(o.$ref)} → ${show(c.$ref)}`);
  }

  compareTypes(o, c, path, report);
  compareValues(o, c, path, report);

  for (const keyword of ['pattern', 'format'] as const) {
    if (c[keyword] !== undefined && c[keyword] !== o[keyword]) {
      const kind = keyword === 'pattern' ? 'pattern-changed' : 'format-changed';
      const what = o[keyword] === undefined ? 'added' : `changed from ${show(o[keyword])}`;
      report(`${path}/${keyword}`, kind, `${keyword} ${what} to ${show(c[keyword])}`);
    }
  }
  compareBounds(o, c, path, report);

  compareObject(o, c, path, out, report);
  compareArrays(o, c, path, out);
  compareDefs(o, c, path, out, report);
  compareBranches(o, c, path, out, report);

  for (const keyword of new Set([...Object.keys(o), ...Object.keys(c)])) {
    if (ANNOTATIONS.has(keyword) || HANDLED.has(keyword)) continue;
    if (!deepEqual(o[keyword], c[keyword])) {
      report(
        `${path}/${escape(keyword)}`,
        'keyword-changed',
        `keyword ${keyword} changed; this check does not judge it, so review it by hand`,
      );
    }
  }
}

type Report = (at: string, kind: IncompatibilityKind, message: string) => void;

function compareTypes(o: Schema, c: Schema, path: string, report: Report): void {
  const newTypes = allowedTypes(c);
  if (!newTypes) return;
  const oldTypes = allowedTypes(o);
  if (!oldTypes) {
    report(`${path}/type`, 'type-narrowed', `type restricted to ${[...newTypes].join(', ')}`);
    return;
  }
  const lost = [...oldTypes].filter((t) => !newTypes.has(t) && !(t === 'integer' && newTypes.has('number')));
  if (lost.length) {
    report(
      `${path}/type`,
      'type-narrowed',
      `type ${[...oldTypes].join(', ')} → ${[...newTypes].join(', ')} (no longer ${lost.join(', ')})`,
    );
  }
}

/** enum and const: a closed set of values may grow, never lose a value, and may not appear on an open field. */
function compareValues(o: Schema, c: Schema, path: string, report: Report): void {
  const newValues = closedValues(c);
  if (!newValues) return;
  const at = `${path}/${'const' in c ? 'const' : 'enum'}`;
  const oldValues = closedValues(o);
  if (!oldValues) {
    const kind = 'const' in c ? 'const-changed' : 'enum-added';
    report(at, kind, `values restricted to ${newValues.map(show).join(', ')}`);
    return;
  }
  const removed = oldValues.filter((v) => !newValues.some((n) => deepEqual(n, v)));
  if (!removed.length) return;
  if ('const' in o && 'const' in c) {
    report(at, 'const-changed', `const ${show(o.const)} → ${show(c.const)}`);
  } else {
    report(
      at,
      'enum-narrowed',
      `value${removed.length > 1 ? 's' : ''} removed: ${removed.map(show).join(', ')}`,
    );
  }
}

function compareBounds(o: Schema, c: Schema, path: string, report: Report): void {
  const tightened = (keyword: string, message: string) =>
    report(`${path}/${keyword}`, 'bound-tightened', message);

  for (const keyword of ['minLength', 'minItems', 'minProperties'] as const) {
    const was = num(o[keyword]) ?? 0;
    const now = num(c[keyword]);
    if (now !== undefined && now > was) tightened(keyword, `${keyword} ${show(o[keyword])} → ${now}`);
  }
  for (const keyword of ['maxLength', 'maxItems', 'maxProperties'] as const) {
    const was = num(o[keyword]) ?? Infinity;
    const now = num(c[keyword]);
    if (now !== undefined && now < was) tightened(keyword, `${keyword} ${show(o[keyword])} → ${now}`);
  }

  const oldLow = bound(o, 'minimum', 'exclusiveMinimum', 1);
  const newLow = bound(c, 'minimum', 'exclusiveMinimum', 1);
  if (newLow && (!oldLow || stricter(newLow, oldLow, 1))) {
    tightened(newLow.keyword, `lower bound ${describe(oldLow, '≥', '>')} → ${describe(newLow, '≥', '>')}`);
  }
  const oldHigh = bound(o, 'maximum', 'exclusiveMaximum', -1);
  const newHigh = bound(c, 'maximum', 'exclusiveMaximum', -1);
  if (newHigh && (!oldHigh || stricter(newHigh, oldHigh, -1))) {
    tightened(newHigh.keyword, `upper bound ${describe(oldHigh, '≤', '<')} → ${describe(newHigh, '≤', '<')}`);
  }

  if (c.uniqueItems === true && o.uniqueItems !== true) tightened('uniqueItems', 'uniqueItems added');
  const step = num(c.multipleOf);
  const oldStep = num(o.multipleOf);
  if (step !== undefined && (oldStep === undefined || !isMultiple(oldStep, step))) {
    tightened('multipleOf', `multipleOf ${show(o.multipleOf)} → ${step}`);
  }
}

function compareObject(o: Schema, c: Schema, path: string, out: Incompatibility[], report: Report): void {
  const oldProps = asRecord(o.properties);
  const newProps = asRecord(c.properties);
  const oldRequired = new Set(asStrings(o.required));
  const newRequired = new Set(asStrings(c.required));

  for (const [key, sub] of Object.entries(oldProps)) {
    const at = `${path}/properties/${escape(key)}`;
    if (!(key in newProps)) {
      report(at, 'property-removed', `property ${key} removed or renamed`);
      continue;
    }
    if (oldRequired.has(key) && !newRequired.has(key)) {
      report(at, 'made-optional', `required property ${key} made optional; readers of this major rely on it`);
    }
    compare(sub, newProps[key], at, out);
  }
  for (const key of oldRequired) {
    if (!(key in oldProps) && !newRequired.has(key)) {
      report(`${path}/required`, 'made-optional', `required property ${key} made optional`);
    }
  }
  for (const key of newRequired) {
    if (oldRequired.has(key)) continue;
    const at = `${path}/properties/${escape(key)}`;
    if (key in oldProps) report(at, 'made-required', `optional property ${key} made required`);
    else report(at, 'required-added', `new property ${key} is required; new properties must be optional`);
  }

  const oldExtra = o.additionalProperties;
  const newExtra = c.additionalProperties;
  if (oldExtra === false || (oldExtra === undefined && newExtra === undefined)) return;
  const at = `${path}/additionalProperties`;
  if (newExtra === false) {
    report(at, 'closed', 'additionalProperties: false added; unknown fields must be kept, not rejected');
  } else {
    compare(oldExtra ?? {}, newExtra ?? {}, at, out);
  }
}

function compareArrays(o: Schema, c: Schema, path: string, out: Incompatibility[]): void {
  if (o.items !== undefined || c.items !== undefined)
    compare(o.items ?? {}, c.items ?? {}, `${path}/items`, out);
  const oldTuple = asArray(o.prefixItems);
  const newTuple = asArray(c.prefixItems);
  for (let i = 0; i < Math.max(oldTuple.length, newTuple.length); i++) {
    compare(oldTuple[i] ?? {}, newTuple[i] ?? {}, `${path}/prefixItems/${i}`, out);
  }
}

function compareDefs(o: Schema, c: Schema, path: string, out: Incompatibility[], report: Report): void {
  for (const keyword of ['$defs', 'definitions'] as const) {
    const newDefs = asRecord(c[keyword]);
    for (const [name, def] of Object.entries(asRecord(o[keyword]))) {
      const at = `${path}/${keyword}/${escape(name)}`;
      if (name in newDefs) compare(def, newDefs[name], at, out);
      else report(at, 'def-removed', `definition ${name} removed; other schemas may refer to it`);
    }
  }
}

function compareBranches(o: Schema, c: Schema, path: string, out: Incompatibility[], report: Report): void {
  const oldTag = discriminatorOf(o);
  const newTag = discriminatorOf(c);
  if (oldTag !== newTag && (oldTag !== undefined || o.oneOf !== undefined)) {
    report(
      `${path}/discriminator`,
      'discriminator-changed',
      `discriminator ${show(oldTag)} → ${show(newTag)}`,
    );
  }

  if (oldTag !== undefined && oldTag === newTag) {
    // Tagged union: branches are matched by tag, so reordering them is harmless.
    const newBranches = asArray(c.oneOf).map(asSchema);
    for (const branch of asArray(o.oneOf).map(asSchema)) {
      const tags = branchTags(branch, oldTag);
      const label = `${path}/oneOf[${oldTag}=${tags.map(String).join('|')}]`;
      const missing = tags.filter(
        (t) => !newBranches.some((b) => branchTags(b, oldTag).some((n) => deepEqual(n, t))),
      );
      if (missing.length) {
        report(label, 'branch-removed', `branch ${missing.map(show).join(', ')} removed`);
        continue;
      }
      const match = newBranches.find((b) => branchTags(b, oldTag).some((n) => deepEqual(n, tags[0])));
      compare(branch, match, label, out);
    }
  } else if (oldTag === undefined) {
    compareByIndex('oneOf', o, c, path, out, report);
  }
  compareByIndex('anyOf', o, c, path, out, report);
  // allOf: a new member adds constraints; comparing it with {} reports each one.
  const oldAll = asArray(o.allOf);
  const newAll = asArray(c.allOf);
  for (let i = 0; i < Math.max(oldAll.length, newAll.length); i++) {
    compare(oldAll[i] ?? {}, newAll[i] ?? {}, `${path}/allOf/${i}`, out);
  }
}

function compareByIndex(
  keyword: 'oneOf' | 'anyOf',
  o: Schema,
  c: Schema,
  path: string,
  out: Incompatibility[],
  report: Report,
): void {
  const oldList = asArray(o[keyword]);
  const newList = asArray(c[keyword]);
  oldList.forEach((branch, i) => {
    const at = `${path}/${keyword}/${i}`;
    if (i < newList.length) compare(branch, newList[i], at, out);
    else report(at, 'branch-removed', `${keyword} member ${i} removed`);
  });
}

function discriminatorOf(s: Schema): string | undefined {
  const d = s.discriminator;
  return isRecord(d) && typeof d.propertyName === 'string' ? d.propertyName : undefined;
}

function branchTags(branch: Schema, tag: string): unknown[] {
  const prop = asSchema(asRecord(branch.properties)[tag]);
  return closedValues(prop) ?? [];
}

function allowedTypes(s: Schema): Set<string> | undefined {
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type.map(String));
  const values = closedValues(s);
  return values ? new Set(values.map(jsonType)) : undefined;
}

function closedValues(s: Schema): unknown[] | undefined {
  if ('const' in s) return [s.const];
  return Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
}

interface Bound {
  value: number;
  exclusive: boolean;
  keyword: string;
}

/** The effective bound of inclusive and exclusive keywords together; direction 1 = lower, -1 = upper. */
function bound(s: Schema, inclusive: string, exclusive: string, direction: 1 | -1): Bound | undefined {
  const candidates: Bound[] = [];
  const inc = num(s[inclusive]);
  const exc = num(s[exclusive]);
  if (inc !== undefined) candidates.push({ value: inc, exclusive: false, keyword: inclusive });
  if (exc !== undefined) candidates.push({ value: exc, exclusive: true, keyword: exclusive });
  return candidates.reduce<Bound | undefined>((a, b) => (a && !stricter(b, a, direction) ? a : b), undefined);
}

function stricter(a: Bound, b: Bound, direction: 1 | -1): boolean {
  if (a.value !== b.value) return (a.value - b.value) * direction > 0;
  return a.exclusive && !b.exclusive;
}

function describe(b: Bound | undefined, inclusive: string, exclusive: string): string {
  return b ? `${b.exclusive ? exclusive : inclusive} ${b.value}` : 'none';
}

function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Boolean schemas as objects: true accepts anything, false nothing. */
function asSchema(node: unknown): Schema {
  if (node === true || node === undefined) return {};
  if (node === false) return { not: {} };
  return isRecord(node) ? node : {};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

function asStrings(v: unknown): string[] {
  return asArray(v).filter((x): x is string => typeof x === 'string');
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

/** RFC 6901 escaping of one pointer segment. */
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
