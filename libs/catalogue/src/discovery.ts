import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelDefinition } from '@zhijian/domain';
import type { Plant } from './models/_kit/plant';

/**
 * The catalogue is the folders under `models/`: one folder per model, named by the model's id,
 * holding `model.ts` (its definition), `model.spec.ts` and `scenarios.ts` (its plants). Folders
 * whose name starts with `_` hold shared code (`_kit`). Adding a model is adding a folder: the
 * registry and the simulator find it here at load time, under jest and ts-node (`.ts`) as in the
 * build (`dist/…/models/<id>/model.js`).
 */
export const MODELS_DIR = join(__dirname, 'models');

/** The model folders (ids), sorted by name. */
export function modelFolders(): string[] {
  return readdirSync(MODELS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
}

type Exports = Record<string, unknown>;

/** A file of a model folder, by module name (`model`, `scenarios`): Node finds `.ts` or `.js`. */
function load(folder: string, file: 'model' | 'scenarios'): Exports {
  // The path is only known at run time: discovery is what makes a model a single folder.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(MODELS_DIR, folder, file)) as Exports;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isDefinition(v: unknown): v is ModelDefinition {
  return (
    isObject(v) &&
    isObject(v['meta']) &&
    typeof v['meta']['id'] === 'string' &&
    isObject(v['defaults']) &&
    typeof v['create'] === 'function'
  );
}

function isPlant(v: unknown): v is Plant {
  return isObject(v) && typeof v['modelId'] === 'string' && Array.isArray(v['scenarios']);
}

/** Catalogue order: group (A–F), then `catalogueOrder` within it, then id. */
function compareKeys(a: [string, number, string, string], b: [string, number, string, string]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

const orderOf = (d: ModelDefinition): number => d.meta.catalogueOrder ?? Number.MAX_SAFE_INTEGER;

/**
 * Every model of the folders, in catalogue order. A folder's `model.ts` must export exactly one
 * definition, with the folder's name as id; anything else stops the load with the list of problems.
 */
export function discoverModels(): ModelDefinition[] {
  const problems: string[] = [];
  const found: ModelDefinition[] = [];
  for (const folder of modelFolders()) {
    const definitions = Object.values(load(folder, 'model')).filter(isDefinition);
    if (definitions.length !== 1) {
      problems.push(`models/${folder}/model.ts exports ${definitions.length} model definitions (must be 1)`);
    } else if (definitions[0]!.meta.id !== folder) {
      problems.push(
        `models/${folder}/model.ts defines '${definitions[0]!.meta.id}': the folder must be named by the id`,
      );
    } else {
      found.push(definitions[0]!);
    }
  }
  if (problems.length) throw new Error(`Catalogue discovery:\n  - ${problems.join('\n  - ')}`);
  const key = (d: ModelDefinition): [string, number, string, string] => [
    d.meta.group ?? '~',
    orderOf(d),
    d.meta.id,
    '',
  ];
  return found.sort((a, b) => compareKeys(key(a), key(b)));
}

let scenarios: readonly Plant[] | undefined;

/**
 * The plants of every model (each folder's `scenarios.ts`: every exported Plant, of the folder's
 * model), in catalogue order: the order in which the synthetic province draws them. Loaded on
 * first use (screening never needs them).
 */
export function discoverScenarios(): readonly Plant[] {
  if (scenarios) return scenarios;
  const problems: string[] = [];
  const keyed: { key: [string, number, string, string]; plant: Plant }[] = [];
  const models = new Map(discoverModels().map((d) => [d.meta.id, d]));
  for (const [id, definition] of models) {
    const plants = Object.entries(load(id, 'scenarios')).filter((e): e is [string, Plant] => isPlant(e[1]));
    if (!plants.length) problems.push(`models/${id}/scenarios.ts exports no plant`);
    for (const [name, plant] of plants) {
      if (plant.modelId !== id) {
        problems.push(`models/${id}/scenarios.ts: ${name} plants '${plant.modelId}' (must be '${id}')`);
        continue;
      }
      const order = plant.catalogueOrder ?? orderOf(definition);
      keyed.push({ key: [definition.meta.group ?? '~', order, id, name], plant });
    }
  }
  if (problems.length) throw new Error(`Catalogue discovery:\n  - ${problems.join('\n  - ')}`);
  scenarios = keyed.sort((a, b) => compareKeys(a.key, b.key)).map((k) => k.plant);
  return scenarios;
}
