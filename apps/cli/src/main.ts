import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AUDIT_USAGE, auditCommand } from './commands/audit.command';
import { BACKTEST_USAGE, backtestCommand } from './commands/backtest.command';
import { benchCommand } from './commands/bench.command';
import { decodeBenchCommand } from './commands/decode-bench.command';
import { demoCommand } from './commands/demo.command';
import { migrateCommand } from './commands/migrate.command';
import { MODELS_USAGE, modelsCommand } from './commands/models.command';
import { PRINCIPAL_USAGE, principalCommand } from './commands/principal.command';
import { QUARANTINE_USAGE, quarantineCommand } from './commands/quarantine.command';
import { historyBenchCommand } from './commands/history-bench.command';
import { withLocalAuditKey } from './hub-process';
import { uploadBenchCommand } from './commands/upload-bench.command';

const USAGE = `usage: zhijian <command> [options]
  migrate                         create the database if missing and apply migrations
  demo [--cases N] [--seed S]     replay a synthetic province through a fresh hub and summarize
       [--exit] [--keep]          (--exit: stop after the summary; --keep: keep earlier data)
  bench [--events N] [--ingest 1,2,3] [--baseline DIST]
                                  per-stage and end-to-end events/s and CPU per event of the hub (1, 2, 3
                                  ingest processes) beside a bare kafkajs consumer; DIST: another build's dist
  decode-bench [--messages N]     messages/s of EnvelopeDecoder.decode beside bare JSON.parse, one core
  upload-bench [--megabytes N]    memory and speed of an N MB HTTP feed upload through a hub process
  history-bench [--base-cases N] [--factor F] [--probe-cases P] [--rounds R]
                                  per-event cost of new events with the history F× larger beside the base
${BACKTEST_USAGE}
${MODELS_USAGE}
${QUARANTINE_USAGE}
${PRINCIPAL_USAGE}
${AUDIT_USAGE}`;

async function main(): Promise<void> {
  process.env = withLocalAuditKey(process.env);
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      return migrateCommand();
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: {
          cases: { type: 'string', default: '3000' },
          seed: { type: 'string', default: '1' },
          exit: { type: 'boolean', default: false },
          keep: { type: 'boolean', default: false },
        },
      });
      const cases = Number(values.cases);
      const seed = Number(values.seed);
      if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases must be a positive integer');
      if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
      return demoCommand({ cases, seed, exit: values.exit, keep: values.keep });
    }
    case 'bench': {
      const { values } = parseArgs({
        args: rest,
        options: {
          events: { type: 'string', default: '300000' },
          ingest: { type: 'string', default: '1,2,3' },
          baseline: { type: 'string' },
        },
      });
      const events = Number(values.events);
      if (!Number.isInteger(events) || events < 1) throw new Error('--events must be a positive integer');
      const ingest = values.ingest.split(',').map(Number);
      if (ingest.some((n) => !Number.isInteger(n) || n < 1 || n > 8))
        throw new Error('--ingest must list process counts from 1 to 8, e.g. 1,2,3');
      return benchCommand({ events, ingest, baseline: values.baseline ?? null });
    }
    case 'decode-bench': {
      const { values } = parseArgs({
        args: rest,
        options: { messages: { type: 'string', default: '20000' } },
      });
      const messages = Number(values.messages);
      if (!Number.isInteger(messages) || messages < 1)
        throw new Error('--messages must be a positive integer');
      return decodeBenchCommand(messages);
    }
    case 'models':
      return modelsCommand(rest);
    case 'backtest':
      return backtestCommand(rest);
    case 'quarantine':
      return quarantineCommand(rest);
    case 'principal':
      return principalCommand(rest);
    case 'audit':
      return auditCommand(rest);
    case 'history-bench': {
      const { values } = parseArgs({
        args: rest,
        options: {
          'base-cases': { type: 'string', default: '1000' },
          factor: { type: 'string', default: '10' },
          'probe-cases': { type: 'string', default: '300' },
          rounds: { type: 'string', default: '3' },
        },
      });
      const [baseCases, factor, probeCases, rounds] = [
        values['base-cases'],
        values.factor,
        values['probe-cases'],
        values.rounds,
      ].map(Number) as [number, number, number, number];
      for (const [name, n] of Object.entries({ baseCases, factor, probeCases, rounds })) {
        if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
      }
      return historyBenchCommand({ baseCases, factor, probeCases, rounds });
    }
    case 'upload-bench': {
      const { values } = parseArgs({
        args: rest,
        options: { megabytes: { type: 'string', default: '100' } },
      });
      if (!(Number(values.megabytes) > 0)) throw new Error('--megabytes must be a positive number');
      return uploadBenchCommand(Number(values.megabytes));
    }
    case undefined:
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
});
