import { createHash } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { compareSchemaSets, type Incompatibility } from './schema-compat';
import { findSchemasDir, type JsonSchema } from './schema-registry';

/**
 * `zhijian schema check` and `schema publish`: the working schemas (`schemas/<name>/<major>`)
 * against the published ones (`schemas/.published/…`), in both directions, as a schema registry
 * checks compatibility:
 *
 * - backward (breaking; fails the check): a message valid under the published schema may not be
 *   valid under the working one, or a reader loses a field it relies on (removed, renamed, made
 *   required, narrowed, an enum value removed, …);
 * - forward (reported, not failing: the feed contract allows loosening within a major): a message
 *   valid under the working schema that readers of the published one would refuse (a new enum
 *   value, a new branch, a wider bound).
 */

const NOT_FORWARD: ReadonlySet<string> = new Set(['property-removed', 'def-removed']);

export interface SchemaCheck {
  backward: Incompatibility[];
  forward: Incompatibility[];
  /** Working schemas never published (a new name or major). */
  unpublished: string[];
  /** Published and working differ, compatibly (annotations, loosening). */
  changed: string[];
}

/** <name>/<major>.schema.json under dir, by "<name>/<major>" (the layout SchemaRegistry reads). */
export function readSchemaSet(dir: string): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const folder = join(dir, name);
    if (name.startsWith('.') || name === 'reference' || !statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder)) {
      const major = /^([1-9][0-9]*)\.schema\.json$/.exec(file)?.[1];
      if (major) out[`${name}/${major}`] = JSON.parse(readFileSync(join(folder, file), 'utf8')) as JsonSchema;
    }
  }
  return out;
}

export function checkSchemas(dir: string = findSchemasDir()): SchemaCheck {
  const current = readSchemaSet(dir);
  const published = readSchemaSet(join(dir, '.published'));
  const both = Object.fromEntries(Object.entries(current).filter(([id]) => id in published));
  return {
    backward: compareSchemaSets(published, current),
    // The same comparison the other way: what the working schema accepts that the published refuses.
    // A property or $defs entry the published schema lacks is no problem for its readers: fields
    // a schema does not list are kept, never rejected.
    forward: compareSchemaSets(both, published).filter((i) => !NOT_FORWARD.has(i.kind)),
    unpublished: Object.keys(current)
      .filter((id) => !(id in published))
      .sort(),
    changed: Object.keys(both)
      .filter((id) => JSON.stringify(current[id]) !== JSON.stringify(published[id]))
      .sort(),
  };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Copies every new or changed working schema to .published, when none breaks its published
 * version, and appends a record of each (id, sha256, time) to .published/versions.ndjson.
 * Returns the ids published; throws with the breaking changes.
 */
export function publishSchemas(dir: string = findSchemasDir(), now: Date = new Date()): string[] {
  const check = checkSchemas(dir);
  if (check.backward.length)
    throw new Error(
      `not published: ${check.backward.length} breaking change(s); a breaking change needs a new major\n` +
        check.backward.map((i) => `  ${i.path}: ${i.kind}: ${i.message}`).join('\n'),
    );
  const ids = [...check.unpublished, ...check.changed].sort();
  for (const id of ids) {
    const [name, major] = id.split('/') as [string, string];
    const from = join(dir, name, `${major}.schema.json`);
    mkdirSync(join(dir, '.published', name), { recursive: true });
    copyFileSync(from, join(dir, '.published', name, `${major}.schema.json`));
    appendFileSync(
      join(dir, '.published', 'versions.ndjson'),
      JSON.stringify({ id, sha256: sha256(from), publishedAt: now.toISOString() }) + '\n',
    );
  }
  return ids;
}
