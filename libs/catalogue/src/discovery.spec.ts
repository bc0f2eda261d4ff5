import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_MODEL_DEFINITIONS, MODEL_IDS, createCaseModels } from './registry';
import { MODELS_DIR, discoverScenarios, modelFolders } from './discovery';

/** The catalogue is its model folders: each one a model, with its spec and its plants, nothing listed by hand. */
describe('catalogue discovery', () => {
  it('registers every model folder, and nothing else, as a case model', () => {
    const ids = CASE_MODEL_DEFINITIONS.map((d) => d.meta.id);
    expect([...ids].sort()).toEqual(modelFolders());
    expect(MODEL_IDS.slice(0, ids.length)).toEqual(ids);
    expect(createCaseModels().map((m) => m.meta.id)).toEqual(ids);
  });

  it('gives every model folder its definition, its unit spec and its scenarios', () => {
    const missing = modelFolders().flatMap((id) =>
      ['model.ts', 'model.spec.ts', 'scenarios.ts']
        .filter((f) => !existsSync(join(MODELS_DIR, id, f)))
        .map((f) => `${id}/${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists the models in catalogue order: by group, then catalogueOrder, then id', () => {
    const keys = CASE_MODEL_DEFINITIONS.map((d) => [
      d.meta.group ?? '~',
      d.meta.catalogueOrder ?? Infinity,
      d.meta.id,
    ]);
    const sorted = [...keys].sort((a, b) =>
      a[0]! < b[0]!
        ? -1
        : a[0]! > b[0]!
          ? 1
          : a[1]! < b[1]!
            ? -1
            : a[1]! > b[1]!
              ? 1
              : a[2]! < b[2]!
                ? -1
                : 1,
    );
    expect(keys).toEqual(sorted);
    expect(CASE_MODEL_DEFINITIONS.every((d) => d.meta.group && d.meta.catalogueOrder)).toBe(true);
  });

  it("plants hits and near misses of every model, each plant in its model's folder", () => {
    const plants = discoverScenarios();
    const ids = CASE_MODEL_DEFINITIONS.map((d) => d.meta.id);
    for (const id of ids) {
      const scenarios = plants.filter((p) => p.modelId === id).flatMap((p) => p.scenarios);
      expect({ id, hit: scenarios.some((s) => s.expected === 'hit') }).toEqual({ id, hit: true });
      expect({ id, nearMiss: scenarios.some((s) => s.expected === 'near_miss') }).toEqual({
        id,
        nearMiss: true,
      });
      const names = scenarios.map((s) => s.name);
      expect({ id, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({
        id,
        duplicates: [],
      });
    }
    // Plants are drawn in the models' order (a plant may keep an earlier place with its own catalogueOrder).
    const firstPlant = ids.map((id) => plants.findIndex((p) => p.modelId === id));
    expect(firstPlant).toEqual([...firstPlant].sort((a, b) => a - b));
  });
});
