import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseModelFile, parametersOf, type DeclarativeModelFile } from '@zhijian/domain';
import { createCaseModels, declaredOverrides, ModelThresholdError } from './registry';

const DECLARATIVE_DIR = join(__dirname, '..', 'declarative');
const file = (name: string): DeclarativeModelFile =>
  parseModelFile(readFileSync(join(DECLARATIVE_DIR, name), 'utf8'));
/** Declarative only: parameter controlWithinDays (integer, default 30, minimum 1). */
const VEHICLE = file('examples/vehicle_bought_uncontrolled.model.yaml');
/** Also a built-in model of the same id (threshold serveWithinDays); declares serveWithinDays. */
const SERVICE = file('service_overdue.model.yaml');

const problemsOf = (
  thresholds: Record<string, Record<string, unknown>>,
  files = [VEHICLE, SERVICE],
): string[] => {
  try {
    createCaseModels(thresholds as never, null, files);
    return [];
  } catch (e) {
    if (e instanceof ModelThresholdError) return e.problems;
    throw e;
  }
};

/** MODEL_THRESHOLDS over declarative models' declared parameters (issue 18), checked at boot. */
describe('configured thresholds of declarative models', () => {
  it('accepts a value of the declared type within bounds, and the model runs with it', () => {
    expect(problemsOf({ vehicle_bought_uncontrolled: { controlWithinDays: 20 } })).toEqual([]);
    const overrides = declaredOverrides({ vehicle_bought_uncontrolled: { controlWithinDays: 20 } }, VEHICLE);
    expect(parametersOf(VEHICLE, overrides)).toEqual({ controlWithinDays: 20 });
  });

  it('refuses an unknown parameter, naming the key and the declared ones', () => {
    expect(problemsOf({ vehicle_bought_uncontrolled: { controlWithin: 20 } })).toEqual([
      'vehicle_bought_uncontrolled.controlWithin: no such parameter (has controlWithinDays)',
    ]);
  });

  it('refuses a value of the wrong type or out of bounds, naming the key and the type', () => {
    expect(
      problemsOf({
        vehicle_bought_uncontrolled: { controlWithinDays: '20' },
      }),
    ).toEqual(['vehicle_bought_uncontrolled.controlWithinDays: expected an integer >= 1, got "20"']);
    expect(problemsOf({ vehicle_bought_uncontrolled: { controlWithinDays: 0 } })).toEqual([
      'vehicle_bought_uncontrolled.controlWithinDays: expected an integer >= 1, got 0',
    ]);
    expect(problemsOf({ vehicle_bought_uncontrolled: { controlWithinDays: 2.5 } })).toEqual([
      'vehicle_bought_uncontrolled.controlWithinDays: expected an integer >= 1, got 2.5',
    ]);
  });

  it('still refuses a model that is neither built in nor declarative', () => {
    expect(problemsOf({ no_such_model: { x: 1 } })).toEqual(['no_such_model: no such case model']);
    expect(problemsOf({ vehicle_bought_uncontrolled: { controlWithinDays: 20 } }, [])).toEqual([
      'vehicle_bought_uncontrolled: no such case model',
    ]);
  });

  it('checks a key of a model both built in and declarative against both, and names neither when unknown', () => {
    expect(problemsOf({ service_overdue: { serveWithinDays: 12 } })).toEqual([]);
    expect(problemsOf({ service_overdue: { serveWithinDays: 'x' } })).toEqual([
      'service_overdue.serveWithinDays: expected an integer >= 1, got "x"',
      'service_overdue.serveWithinDays: expected a number, got "x"',
    ]);
    expect(problemsOf({ service_overdue: { nope: 1 } })).toEqual([
      'service_overdue.nope: no such parameter (has serveWithinDays); nor a threshold of the built-in model (has serveWithinDays)',
    ]);
    const built = createCaseModels(
      { service_overdue: { serveWithinDays: 12 } },
      ['service_overdue'],
      [SERVICE],
    );
    expect(built.map((m) => m.meta.id)).toEqual(['service_overdue']);
    expect(declaredOverrides({ service_overdue: { serveWithinDays: 12 } }, SERVICE)).toEqual({
      serveWithinDays: 12,
    });
  });

  it('for every configured integer: accepted exactly when it is one the runtime takes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -5, max: 400 }), fc.double(), fc.string(), fc.boolean()),
        (v) => {
          const problems = problemsOf({ vehicle_bought_uncontrolled: { controlWithinDays: v } });
          let runs = true;
          try {
            parametersOf(VEHICLE, { controlWithinDays: v });
          } catch {
            runs = false;
          }
          expect(problems.length === 0).toBe(runs);
          expect(problems.every((p) => p.startsWith('vehicle_bought_uncontrolled.controlWithinDays: '))).toBe(
            true,
          );
        },
      ),
    );
  });
});
