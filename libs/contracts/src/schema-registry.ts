import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Violation } from './reason-codes';
import { ajvViolationsZh } from './violation-zh';

export const SCHEMA_BASE_URI = 'https://schemas.zhijian.local/';

/** A JSON schema object as read from disk; the normalizer walks it. */
export type JsonSchema = Record<string, unknown>;

export interface CompiledSchema {
  /** "<name>/<major>", e.g. court.case-event/1 */
  id: string;
  name: string;
  major: number;
  schema: JsonSchema;
  validate: ValidateFunction;
}

/** Finds the repository's schemas/ folder from source (libs/…) and from the build (dist/libs/…). */
export function findSchemasDir(start: string = __dirname): string {
  if (process.env.SCHEMAS_DIR) return resolve(process.env.SCHEMAS_DIR);
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'envelope'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`schemas/ folder not found above ${start}; set SCHEMAS_DIR`);
}

/**
 * Every schema of schemas/<name>/<major>.schema.json, compiled once (ajv strict mode).
 * The envelope and the common definitions are schemas like the others.
 */
export class SchemaRegistry {
  private constructor(
    private readonly ajv: Ajv2020,
    private readonly byId: Map<string, CompiledSchema>,
  ) {}

  static load(dir: string = findSchemasDir()): SchemaRegistry {
    // verbose: errors carry their schema, whose titles, enums and examples the Chinese messages quote.
    const ajv = new Ajv2020({
      strict: true,
      allErrors: true,
      verbose: true,
      discriminator: true,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['date-time']);
    const files: { id: string; name: string; major: number; schema: JsonSchema }[] = [];
    for (const name of readdirSync(dir)) {
      const folder = join(dir, name);
      // Not schemas: reference data, the frozen copies in .published (schema-compat.spec.ts) and files like README.md.
      if (name.startsWith('.') || name === 'reference' || !statSync(folder).isDirectory()) continue;
      for (const file of readdirSync(folder)) {
        const match = /^([1-9][0-9]*)\.schema\.json$/.exec(file);
        if (!match) continue;
        const schema = JSON.parse(readFileSync(join(folder, file), 'utf8')) as JsonSchema;
        const id = `${name}/${match[1]}`;
        if (schema.$id !== SCHEMA_BASE_URI + id) {
          throw new Error(`${folder}/${file}: $id must be ${SCHEMA_BASE_URI + id}`);
        }
        files.push({ id, name, major: Number(match[1]), schema });
        ajv.addSchema(schema);
      }
    }
    const byId = new Map<string, CompiledSchema>();
    for (const f of files) {
      const validate = ajv.getSchema(SCHEMA_BASE_URI + f.id);
      if (!validate) throw new Error(`schema ${f.id} did not compile`);
      byId.set(f.id, { ...f, validate });
    }
    return new SchemaRegistry(ajv, byId);
  }

  get(id: string): CompiledSchema | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** Resolves a $ref (absolute, as written in our schemas) to its schema object. */
  resolveRef(ref: string): JsonSchema | undefined {
    return this.ajv.getSchema(ref)?.schema as JsonSchema | undefined;
  }
}

/**
 * ajv errors as violations with JSON pointers, prefixed with where the validated value sits; the
 * message in Chinese with the field, the rule and the allowed values (violation-zh.ts).
 */
export function toViolations(errors: ErrorObject[] | null | undefined, base = ''): Violation[] {
  return ajvViolationsZh(errors, base);
}

/** A court whose procuratorate is not the one of its place (schemas/reference/special-courts.json). */
export interface SpecialCourtReference {
  name: string;
  unitCode: string;
  tier: 'county' | 'city' | 'province';
}

/** The reference table of special courts (railway, maritime, …) keyed by court code. */
export function specialCourtsReference(
  schemasDir: string = findSchemasDir(),
): Record<string, SpecialCourtReference> {
  const file = JSON.parse(readFileSync(join(schemasDir, 'reference', 'special-courts.json'), 'utf8')) as {
    courts: Record<string, SpecialCourtReference>;
  };
  return file.courts;
}
