import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSchemasDir } from './schema-registry';
import { checkSchemas, publishSchemas, readSchemaSet } from './schema-tool';

interface Shape {
  properties: Record<string, { enum?: string[] }>;
}

/** `zhijian schema check` / `schema publish` on the repository's schemas and on a changed copy. */
describe('schema check and publish', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zj-schemas-'));
    cpSync(findSchemasDir(), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (id: string, change: (s: Shape) => void) => {
    const [name, major] = id.split('/');
    const file = join(dir, name!, `${major}.schema.json`);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Shape;
    change(schema);
    writeFileSync(file, JSON.stringify(schema, null, 2));
  };

  it('the repository has no breaking change and nothing unpublished', () => {
    const check = checkSchemas();
    expect(check.backward).toEqual([]);
    expect(check.unpublished).toEqual([]);
    // A new optional property is no problem for readers of the published version either way.
    expect(check.forward.map((i) => i.kind)).not.toContain('property-removed');
  });

  it('names a removed field and a narrowed enum, and refuses to publish them', () => {
    edit('registry.vehicle/1', (s) => {
      delete s.properties.plate;
      s.properties.event!.enum = ['registration', 'transfer'];
    });
    const check = checkSchemas(dir);
    expect(check.backward.map((i) => `${i.kind} ${i.path}`)).toEqual([
      'property-removed registry.vehicle/1#/properties/plate',
      'enum-narrowed registry.vehicle/1#/properties/event/enum',
    ]);
    expect(() => publishSchemas(dir)).toThrow(/breaking change/);
  });

  it('reports a new enum value as forward only, and publish records it', () => {
    edit('registry.vehicle/1', (s) => {
      s.properties.event!.enum = [...s.properties.event!.enum!, 'scrapped'];
    });
    const check = checkSchemas(dir);
    expect(check.backward).toEqual([]);
    expect(check.forward.map((i) => i.kind)).toContain('enum-narrowed');
    expect(check.changed).toContain('registry.vehicle/1');
    expect(publishSchemas(dir, new Date('2026-01-01T00:00:00Z'))).toContain('registry.vehicle/1');
    expect(readSchemaSet(join(dir, '.published'))['registry.vehicle/1']).toEqual(
      readSchemaSet(dir)['registry.vehicle/1'],
    );
    expect(readFileSync(join(dir, '.published', 'versions.ndjson'), 'utf8')).toContain(
      '"id":"registry.vehicle/1"',
    );
    expect(checkSchemas(dir).changed).toEqual([]);
  });
});
