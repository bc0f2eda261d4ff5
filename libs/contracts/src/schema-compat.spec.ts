import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  compareSchemas,
  compareSchemaSets,
  formatIncompatibilities,
  type Incompatibility,
  type IncompatibilityKind,
} from './schema-compat';
import { findSchemasDir, SCHEMA_BASE_URI, type JsonSchema } from './schema-registry';

const schemasDir = findSchemasDir();
const publishedDir = join(schemasDir, '.published');

/** schemas/<name>/<major>.schema.json under dir, by "<name>/<major>" (same layout as SchemaRegistry reads). */
function readSchemas(dir: string): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
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

const current = readSchemas(schemasDir);
const published = existsSync(publishedDir) ? readSchemas(publishedDir) : {};

const clone = <T>(v: T): T => structuredClone(v);
const kinds = (list: Incompatibility[]) => list.map((i) => `${i.kind} ${i.path}`);

type Node = Record<string, unknown>;
const at = (schema: JsonSchema, ...keys: (string | number)[]): Node =>
  keys.reduce<Node>((n, k) => n[k] as Node, schema);
const branch = (schema: JsonSchema, type: string): Node =>
  (schema.oneOf as Node[]).find((b) => (b.properties as Record<string, Node>).type!.const === type)!;
const props = (node: Node) => node.properties as Record<string, Node>;

describe('schema evolution', () => {
  describe('the repository: schemas/ against schemas/.published', () => {
    it('changes no published schema incompatibly', () => {
      // On failure, the message lists each incompatibility with its path.
      expect(formatIncompatibilities(compareSchemaSets(published, current))).toBe('');
    });

    it('has a published copy of every served schema', () => {
      expect(Object.keys(published).sort()).toEqual(Object.keys(current).sort());
    });

    it.each(Object.entries(published))('published %s carries its own $id', (id, schema) => {
      expect(schema.$id).toBe(SCHEMA_BASE_URI + id);
    });
  });

  describe('detects incompatible changes to a real schema', () => {
    const caseEvent = current['court.case-event/1']!;
    const realEstate = current['registry.realestate/1']!;
    const tax = current['registry.tax/1']!;
    const common = current['common/1']!;

    it('a property removed', () => {
      const next = clone(caseEvent);
      delete props(branch(next, 'auction.held')).dealPrice;
      expect(compareSchemas(caseEvent, next)).toEqual([
        {
          path: '#/oneOf[type=auction.held]/properties/dealPrice',
          kind: 'property-removed',
          message: 'property dealPrice removed or renamed',
        },
      ]);
    });

    it('a property renamed', () => {
      const next = clone(realEstate);
      const p = props(next);
      p.registrationDate = p.registeredOn!;
      delete p.registeredOn;
      (next.required as string[]).splice(
        (next.required as string[]).indexOf('registeredOn'),
        1,
        'registrationDate',
      );
      expect(kinds(compareSchemas(realEstate, next))).toEqual([
        'property-removed #/properties/registeredOn',
        'required-added #/properties/registrationDate',
      ]);
    });

    it('an optional property made required', () => {
      const next = clone(caseEvent);
      (branch(next, 'case.closed').required as string[]).push('applicantNotifiedOn');
      expect(kinds(compareSchemas(caseEvent, next))).toEqual([
        'made-required #/oneOf[type=case.closed]/properties/applicantNotifiedOn',
      ]);
    });

    it('a new property that is required', () => {
      const next = clone(tax);
      props(next).currency = { type: 'string' };
      (next.required as string[]).push('currency');
      expect(kinds(compareSchemas(tax, next))).toEqual(['required-added #/properties/currency']);
    });

    it('a required property made optional', () => {
      const next = clone(tax);
      next.required = (next.required as string[]).filter((k) => k !== 'authority');
      expect(kinds(compareSchemas(tax, next))).toEqual(['made-optional #/properties/authority']);
    });

    it('an enum narrowed', () => {
      const next = clone(caseEvent);
      const category = props(branch(next, 'case.filed')).category!;
      category.enum = (category.enum as string[]).filter((v) => v !== 'tort');
      const found = compareSchemas(caseEvent, next);
      expect(kinds(found)).toEqual(['enum-narrowed #/oneOf[type=case.filed]/properties/category/enum']);
      expect(found[0]!.message).toContain('"tort"');
    });

    it('an enum put on a free field', () => {
      const next = clone(caseEvent);
      props(branch(next, 'asset.released')).reason!.enum = ['court_order', 'paid'];
      expect(kinds(compareSchemas(caseEvent, next))).toEqual([
        'enum-added #/oneOf[type=asset.released]/properties/reason/enum',
      ]);
    });

    it('a type changed', () => {
      const next = clone(realEstate);
      at(next, 'properties', 'owners', 'items', 'properties', 'share').type = 'string';
      expect(kinds(compareSchemas(realEstate, next))).toContain(
        'type-narrowed #/properties/owners/items/properties/share/type',
      );
    });

    it('a type list shrunk, and integer is narrower than number', () => {
      const was = { type: 'object', properties: { a: { type: ['string', 'null'] }, b: { type: 'number' } } };
      const now = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } };
      expect(kinds(compareSchemas(was, now))).toEqual([
        'type-narrowed #/properties/a/type',
        'type-narrowed #/properties/b/type',
      ]);
      expect(compareSchemas(now, was)).toEqual([]);
    });

    it('a $ref to another common type (the normalizer would change the value)', () => {
      const next = clone(caseEvent);
      props(branch(next, 'case.filed')).claimAmount!.$ref = `${SCHEMA_BASE_URI}common/1#/$defs/Date`;
      expect(kinds(compareSchemas(caseEvent, next))).toEqual([
        'ref-changed #/oneOf[type=case.filed]/properties/claimAmount/$ref',
      ]);
    });

    it('a const changed', () => {
      const was = { type: 'object', properties: { version: { const: 1 } } };
      const now = { type: 'object', properties: { version: { const: 2 } } };
      expect(kinds(compareSchemas(was, now))).toEqual(['const-changed #/properties/version/const']);
    });

    it('a discriminator tag changed: the old branch is gone', () => {
      const next = clone(caseEvent);
      props(branch(next, 'case.closed')).type!.const = 'case.concluded';
      expect(kinds(compareSchemas(caseEvent, next))).toEqual(['branch-removed #/oneOf[type=case.closed]']);
    });

    it('a discriminator branch removed', () => {
      const next = clone(caseEvent);
      next.oneOf = (next.oneOf as Node[]).filter((b) => b !== branch(next, 'extension.approved'));
      expect(kinds(compareSchemas(caseEvent, next))).toEqual([
        'branch-removed #/oneOf[type=extension.approved]',
      ]);
    });

    it('a pattern changed, or added on an existing field', () => {
      const next = clone(tax);
      props(next).period!.pattern = '^[0-9]{4}-(0[1-9]|1[0-2])$';
      props(next).authority!.pattern = '^33[0-9]{4}$';
      const nextRealEstate = clone(realEstate);
      props(nextRealEstate).unitNo!.pattern = '^[0-9]{28}$';
      expect(kinds(compareSchemas(tax, next))).toEqual([
        'pattern-changed #/properties/period/pattern',
        'pattern-changed #/properties/authority/pattern',
      ]);
      expect(kinds(compareSchemas(realEstate, nextRealEstate))).toEqual([
        'pattern-changed #/properties/unitNo/pattern',
      ]);
    });

    it('a format added', () => {
      const next = clone(caseEvent);
      props(branch(next, 'clue.received')).description!.format = 'uri';
      expect(kinds(compareSchemas(caseEvent, next))).toEqual([
        'format-changed #/oneOf[type=clue.received]/properties/description/format',
      ]);
    });

    it('bounds tightened', () => {
      const next = clone(realEstate);
      at(next, 'properties', 'location', 'properties', 'address').maxLength = 200;
      at(next, 'properties', 'owners').maxItems = 10;
      at(next, 'properties', 'owners').minItems = 1;
      const share = at(next, 'properties', 'owners', 'items', 'properties', 'share');
      share.maximum = 0.99;
      expect(kinds(compareSchemas(realEstate, next))).toEqual([
        'bound-tightened #/properties/location/properties/address/maxLength',
        'bound-tightened #/properties/owners/minItems',
        'bound-tightened #/properties/owners/maxItems',
        'bound-tightened #/properties/owners/items/properties/share/maximum',
      ]);
    });

    it('an exclusive bound made inclusive is looser; the reverse is tighter', () => {
      const exclusive = { type: 'number', exclusiveMinimum: 0 };
      const inclusive = { type: 'number', minimum: 0 };
      expect(compareSchemas(exclusive, inclusive)).toEqual([]);
      expect(kinds(compareSchemas(inclusive, exclusive))).toEqual(['bound-tightened #/exclusiveMinimum']);
    });

    it('unknown fields rejected', () => {
      const next = clone(tax);
      next.additionalProperties = false;
      expect(kinds(compareSchemas(tax, next))).toEqual(['closed #/additionalProperties']);
    });

    it('a common definition removed', () => {
      const next = clone(common);
      delete (next.$defs as Record<string, unknown>).AssetRef;
      expect(kinds(compareSchemas(common, next))).toEqual(['def-removed #/$defs/AssetRef']);
    });

    it('a published schema no longer served', () => {
      const { ['registry.tax/1']: _gone, ...rest } = current;
      expect(kinds(compareSchemaSets(current, rest))).toEqual(['schema-removed registry.tax/1']);
    });

    it('a keyword it does not judge is reported for review', () => {
      const next = clone(tax);
      next.dependentRequired = { income: ['taxPaid'] };
      expect(kinds(compareSchemas(tax, next))).toEqual(['keyword-changed #/dependentRequired']);
    });
  });

  describe('accepts compatible changes', () => {
    const caseEvent = current['court.case-event/1']!;
    const realEstate = current['registry.realestate/1']!;

    it('a new optional field, a new enum value, a new branch, new texts, looser bounds, reordered branches', () => {
      const next = clone(caseEvent);
      const filed = branch(next, 'case.filed');
      props(filed).courtDivision = { type: 'string', maxLength: 100, description: 'new, optional' };
      (props(filed).category!.enum as string[]).push('tax');
      props(branch(next, 'asset.released')).reason!.maxLength = 4000;
      props(branch(next, 'case.closed')).method!.description = 'reworded';
      next.title = 'retitled';
      (next.oneOf as Node[]).reverse();
      (next.oneOf as Node[]).push({
        type: 'object',
        required: ['type', 'caseNo'],
        properties: { type: { const: 'case.transferred' }, caseNo: props(filed).caseNo },
      });
      expect(compareSchemas(caseEvent, next)).toEqual([]);
    });

    it('a pattern or bound dropped, a new major beside the old one', () => {
      const next = clone(realEstate);
      delete at(next, 'properties', 'location', 'properties', 'adminCode').pattern;
      delete at(next, 'properties', 'owners').maxItems;
      const sets = {
        ...current,
        'registry.realestate/2': { ...clone(realEstate), required: ['unitNo', 'x'] },
      };
      expect(compareSchemas(realEstate, next)).toEqual([]);
      expect(compareSchemaSets(current, sets)).toEqual([]);
    });
  });

  /**
   * Every place of every real schema: each removal, each optional→required, each enum value
   * dropped, each type change is found at its own path; each new optional property and enum value passes.
   */
  describe('finds each mutation at its path, anywhere in every schema', () => {
    interface Place {
      path: string;
      node: Node;
    }

    /** Objects with properties, with the paths the compat check reports (branches by tag). */
    function places(schema: JsonSchema): Place[] {
      const out: Place[] = [];
      const visit = (node: Node, path: string): void => {
        for (const [name, def] of Object.entries((node.$defs ?? {}) as Record<string, Node>)) {
          visit(def, `${path}/$defs/${name}`);
        }
        const tag = (node.discriminator as { propertyName?: string } | undefined)?.propertyName;
        for (const b of (node.oneOf ?? []) as Node[]) {
          visit(b, `${path}/oneOf[${tag}=${String(props(b)[tag!]?.const)}]`);
        }
        if (node.properties) {
          out.push({ path, node });
          for (const [key, sub] of Object.entries(props(node))) visit(sub, `${path}/properties/${key}`);
        }
        if (node.items) visit(node.items as Node, `${path}/items`);
      };
      visit(schema, '#');
      return out;
    }

    /** What a mutation expects to be found: its kind, at the property's path plus a suffix. */
    type Mutation = (
      place: Place,
      key: string,
      property: Node,
    ) => { kind: IncompatibilityKind; suffix?: string } | undefined;

    /** Applies the mutation to each property of a fresh copy; returns [expected, found] per case. */
    function each(mutate: Mutation): [string, string[]][] {
      const cases: [string, string[]][] = [];
      for (const [id, schema] of Object.entries(current)) {
        places(schema).forEach((original, i) => {
          for (const key of Object.keys(props(original.node))) {
            const next = clone(schema);
            const place = places(next)[i]!;
            const expected = mutate(place, key, props(place.node)[key]!);
            if (!expected) continue;
            const where = `${id}${place.path}/properties/${key}${expected.suffix ?? ''}`;
            cases.push([`${expected.kind} ${where}`, kinds(compareSchemas(schema, next, `${id}#`))]);
          }
        });
      }
      return cases;
    }

    const expectEach = (cases: [string, string[]][], minimum: number) => {
      expect(cases.length).toBeGreaterThanOrEqual(minimum);
      for (const [expected, found] of cases)
        expect({ expected, found }).toEqual({ expected, found: [expected] });
    };

    it('removal of any property', () => {
      const cases = each((place, key) => {
        if (key === 'type' && place.path.includes('oneOf[')) return undefined; // that is a branch removal
        delete props(place.node)[key];
        place.node.required = ((place.node.required ?? []) as string[]).filter((k) => k !== key);
        return { kind: 'property-removed' };
      });
      expectEach(cases, 100);
    });

    it('any optional property made required', () => {
      const cases = each((place, key) => {
        const required = (place.node.required ?? []) as string[];
        if (required.includes(key)) return undefined;
        place.node.required = [...required, key];
        return { kind: 'made-required' };
      });
      expectEach(cases, 12);
    });

    it('any enum losing a value', () => {
      const cases = each((place, key, property) => {
        const items = property.items as Node | undefined;
        const [holder, suffix] = items?.enum ? [items, '/items/enum'] : [property, '/enum'];
        if (!Array.isArray(holder.enum) || holder.enum.length < 2) return undefined;
        holder.enum = holder.enum.slice(1);
        return { kind: 'enum-narrowed', suffix };
      });
      expectEach(cases, 15);
    });

    it('any typed property changing its type', () => {
      const cases = each((place, key, property) => {
        if (typeof property.type !== 'string') return undefined;
        const was = property.type;
        property.type = was === 'boolean' ? 'string' : 'boolean';
        for (const k of ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum']) {
          delete property[k]; // loosened: only the type change is left to find
        }
        if (was === 'array' || was === 'object') {
          for (const k of ['items', 'minItems', 'maxItems', 'uniqueItems', 'properties', 'required']) {
            if (k in property) return undefined; // would also remove what lies inside
          }
        }
        return { kind: 'type-narrowed', suffix: '/type' };
      });
      expectEach(cases, 25);
    });

    it('no new optional property and no new enum value is reported', () => {
      for (const [id, schema] of Object.entries(current)) {
        const next = clone(schema);
        for (const place of places(next)) {
          props(place.node).zzAddedLater = { type: 'string', description: 'optional' };
          for (const property of Object.values(props(place.node))) {
            if (Array.isArray(property.enum)) property.enum = [...(property.enum as unknown[]), 'zz_new'];
          }
        }
        expect({ id, found: compareSchemas(schema, next) }).toEqual({ id, found: [] });
      }
    });
  });
});
