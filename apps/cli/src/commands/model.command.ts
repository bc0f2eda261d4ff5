import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cstDateOf, addDays, ModelRefusal, parseDate } from '@zhijian/domain';
import {
  backtestDeclarative,
  compileDeclarativeModel,
  exportModelPackage,
  generateOfficeKeys,
  importModelPackage,
  ModelRegistry,
  ModelWorkflowError,
  type OfficeKeys,
} from '@zhijian/screening';
import { withDatabase } from './principal.command';

export const MODEL_USAGE = `  model validate FILE             check a declarative model file and accept its predicate (Chinese reasons)
  model backtest FILE [--as-of YYYY-MM-DD] [--json]
                                  the leads it would raise over the stored facts, with statements and cost
  model list                      every version of every declarative model and its review state
  model keygen --unit CODE --out FILE
                                  an office's SM2 key pair for signing model packages (keep FILE secret)
  model export ID VERSION --key FILE --out FILE
                                  a listed model as a package signed with the office's SM2 key
  model import FILE [--trusted FILE] --unit CODE --actor NAME
                                  a package as a draft of office CODE, signed by an office trusted in the
                                  database (console: 可信签名单位) or in --trusted: {"<office>": "<public key>"}`;

/** `model …`: declarative models from the command line (issue 18). */
export async function modelCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      json: { type: 'boolean', default: false },
      unit: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
      trusted: { type: 'string' },
      actor: { type: 'string' },
    },
  });
  try {
    switch (sub) {
      case 'validate': {
        const model = compileDeclarativeModel(readFileSync(need(positionals[0], 'FILE'), 'utf8'));
        console.log(`有效：${model.meta.id} 第 ${model.meta.version} 版 ${model.meta.title}`);
        console.log(
          `  读取视图：${model.accepted.views.join('、')}；函数：${model.accepted.functions.join('、') || '无'}`,
        );
        return;
      }
      case 'backtest': {
        const model = compileDeclarativeModel(readFileSync(need(positionals[0], 'FILE'), 'utf8'));
        const asOf = values['as-of'] ?? addDays(cstDateOf(new Date()), -1);
        if (!parseDate(asOf).ok) throw new Error(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
        const r = await withDatabase((ds) => backtestDeclarative(ds, model, { asOf }));
        if (values.json) {
          console.log(
            JSON.stringify({
              ...r,
              leads: r.leads.map((l) => ({ caseNo: l.caseNo, statement: l.statement })),
            }),
          );
          return;
        }
        console.log(
          `${r.modelId} v${r.version} as of ${r.asOf}: ${r.leads.length} lead(s) over ${r.cases} case(s)`,
        );
        console.log(`  cost: ${r.cost.runs} run(s), ${r.cost.rows} row(s), ${r.cost.ms} ms`);
        for (const l of r.leads) console.log(`  ${l.statement}`);
        return;
      }
      case 'list': {
        const all = await withDatabase((ds) => new ModelRegistry().all(ds.manager));
        for (const v of all)
          console.log(`${v.modelId.padEnd(32)} v${v.version} ${v.status.padEnd(9)} ${v.unitCode}`);
        return;
      }
      case 'keygen': {
        const keys = generateOfficeKeys(need(values.unit, '--unit'));
        writeFileSync(need(values.out, '--out'), JSON.stringify(keys, null, 2), { mode: 0o600 });
        console.log(`public key of ${keys.unitCode}: ${keys.publicKey}`);
        return;
      }
      case 'export': {
        const keys = JSON.parse(readFileSync(need(values.key, '--key'), 'utf8')) as OfficeKeys;
        const version = Number(need(positionals[1], 'VERSION'));
        const pkg = await withDatabase((ds) =>
          exportModelPackage(ds, need(positionals[0], 'ID'), version, keys),
        );
        writeFileSync(need(values.out, '--out'), JSON.stringify(pkg, null, 2));
        console.log(`exported ${pkg.model.id} v${pkg.model.version}, signed by ${pkg.exportedBy.unitCode}`);
        return;
      }
      case 'import': {
        const pkg = JSON.parse(readFileSync(need(positionals[0], 'FILE'), 'utf8')) as unknown;
        // The offices an operator trusts in the database, and those of --trusted (a file) over them.
        const trusted = values.trusted
          ? (JSON.parse(readFileSync(values.trusted, 'utf8')) as Record<string, string>)
          : {};
        const actor = { id: need(values.actor, '--actor'), unitCode: need(values.unit, '--unit') };
        const draft = await withDatabase((ds) =>
          ds.transaction((m) => importModelPackage(m, actor, pkg, trusted)),
        );
        console.log(`imported ${draft.modelId} v${draft.version} as a draft of ${draft.unitCode}`);
        return;
      }
      case undefined:
      default:
        throw new Error(`usage:\n${MODEL_USAGE}`);
    }
  } catch (e) {
    if (e instanceof ModelRefusal || e instanceof ModelWorkflowError) {
      console.error(e.message);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}

function need(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required\nusage:\n${MODEL_USAGE}`);
  return value;
}
