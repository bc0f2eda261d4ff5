import Ajv2020 from 'ajv/dist/2020';
import { findSchemasDir, SchemaRegistry, type JsonSchema } from './schema-registry';
import { readSchemaSet } from './schema-tool';

/**
 * The examples the schemas give (quoted by the Chinese violation messages, e.g. "示例：2024-03-04")
 * are valid under the schema that gives them: an example that breaks its own pattern would teach
 * producers the mistake.
 */
const schemas = readSchemaSet(findSchemasDir());
SchemaRegistry.load(); // the schemas compile (strict)

function examplesOf(
  node: unknown,
  path: string,
  out: { path: string; schema: JsonSchema; example: unknown }[],
) {
  if (typeof node !== 'object' || node === null) return;
  const n = node as JsonSchema;
  if (Array.isArray(n.examples))
    for (const example of n.examples as unknown[]) out.push({ path, schema: n, example });
  for (const [k, v] of Object.entries(n)) if (typeof v === 'object') examplesOf(v, `${path}/${k}`, out);
}

const all: { path: string; schema: JsonSchema; example: unknown }[] = [];
for (const [id, schema] of Object.entries(schemas)) examplesOf(schema, `${id}#`, all);

describe('schema examples', () => {
  it('every pattern has an example', () => {
    const withPattern: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as JsonSchema;
      if (typeof n.pattern === 'string' && !Array.isArray(n.examples)) withPattern.push(path);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    for (const [id, schema] of Object.entries(schemas)) walk(schema, `${id}#`);
    expect(withPattern).toEqual([]);
  });

  it.each(all.map((e) => [e.path, e.example, e.schema]))('%s: %j is valid', (_path, example, schema) => {
    const ajv = new Ajv2020({ strict: false });
    const { examples: _e, title: _t, description: _d, ...rules } = schema;
    expect(ajv.validate(rules, example)).toBe(true);
  });
});
