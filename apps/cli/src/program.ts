import { Command, InvalidArgumentError } from 'commander';
import { AUDIT_USAGE, auditCommand } from './commands/audit.command';
import { BACKTEST_USAGE, backtestCommand } from './commands/backtest.command';
import { benchCommand } from './commands/bench.command';
import { decodeBenchCommand } from './commands/decode-bench.command';
import { demoCommand } from './commands/demo.command';
import { feedKeyCreate, feedKeyDisable, feedKeyList, feedKeyRotate } from './commands/feed-key.command';
import { feedReportCommand } from './commands/feed-report.command';
import { feedSamplesCommand, feedValidateCommand } from './commands/feed.command';
import { historyBenchCommand } from './commands/history-bench.command';
import { migrateCommand } from './commands/migrate.command';
import { modelsCommand } from './commands/models.command';
import { PRINCIPAL_USAGE, principalCommand } from './commands/principal.command';
import { REPORT_USAGE, reportCommand } from './commands/report.command';
import { MODEL_USAGE, modelCommand } from './commands/model.command';
import { QUARANTINE_USAGE, quarantineCommand } from './commands/quarantine.command';
import { schemaCheckCommand, schemaPublishCommand } from './commands/schema.command';
import { uploadBenchCommand } from './commands/upload-bench.command';

/**
 * The `zhijian` command line, parsed by commander: `--help` (or `-h`) on every command and
 * subcommand prints its help and runs nothing; an unknown option or a missing argument is an
 * error (exit code 1); the same flag means the same thing everywhere (`--json` machine output,
 * `--topic` a feed topic of spec §1, `--source` a producer such as court:浙0803, `--count` /
 * `--cases` / `--events` positive integers).
 *
 * The commands that parse their own arguments (backtest, models, quarantine, principal, audit:
 * node:util parseArgs, strict) get them as given; commander still answers their `--help`.
 */

const positiveInt = (name: string) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};
const integer = (name: string) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be an integer`);
  return n;
};
const positive = (name: string) => (raw: string) => {
  const n = Number(raw);
  if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number`);
  return n;
};

/** A command whose own parser (strict parseArgs) reads the arguments; its usage text is its help. */
function delegated(
  program: Command,
  name: string,
  summary: string,
  usage: string,
  run: (args: string[]) => unknown,
): void {
  program
    .command(name)
    .summary(summary)
    .description(summary)
    .usage('<subcommand|options…>')
    .argument('[args...]')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', `\n${usage}`)
    .action(async (_args: string[], _opts: unknown, cmd: Command) => {
      await run(cmd.args);
    });
}

/** `--ingest 1,2,3`: process counts from 1 to 8. */
function ingestCounts(value: string): number[] {
  const counts = value.split(',').map(Number);
  if (!counts.length || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8))
    throw new InvalidArgumentError('must list process counts from 1 to 8, e.g. 1,2,3');
  return counts;
}

export function buildProgram(): Command {
  const program = new Command('zhijian')
    .description('Zhijian Hub 执检数据枢纽: command line of operators, producers and schema authors')
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ sortSubcommands: false });

  program
    .command('migrate')
    .description('create the database if missing and apply migrations (as MIGRATION_DATABASE_URL)')
    .action(() => migrateCommand());

  program
    .command('demo')
    .description('replay a synthetic province through a fresh hub and summarize')
    .option('--cases <n>', 'cases of the province', positiveInt('--cases'), 3000)
    .option('--seed <s>', 'random seed', integer('--seed'), 1)
    .option('--exit', 'stop after the summary', false)
    .option('--keep', 'keep earlier data', false)
    .action((o: { cases: number; seed: number; exit: boolean; keep: boolean }) => demoCommand(o));

  program
    .command('bench')
    .description('end-to-end events/s through the hub beside a bare kafkajs consumer')
    .option('--events <n>', 'events to send', positiveInt('--events'), 300000)
    .option('--ingest <list>', 'ingest process counts to run side by side, e.g. 1,2,3', ingestCounts, [1, 2, 3])
    .option('--baseline <dist>', 'another build (its dist/) measured beside this one on the same topics')
    .option('--ingest-only', 'every hub process runs ingest alone; a run ends when everything is stored', false)
    .action((o: { events: number; ingest: number[]; baseline?: string; ingestOnly: boolean }) =>
      benchCommand({ events: o.events, ingest: o.ingest, baseline: o.baseline ?? null, ingestOnly: o.ingestOnly }),
    );

  program
    .command('decode-bench')
    .description('messages/s of EnvelopeDecoder.decode beside bare JSON.parse, one core')
    .option('--messages <n>', 'messages to decode', positiveInt('--messages'), 20000)
    .action((o: { messages: number }) => decodeBenchCommand(o.messages));

  program
    .command('upload-bench')
    .description('memory and speed of an N MB HTTP feed upload through a hub process')
    .option('--megabytes <n>', 'size of the upload', positive('--megabytes'), 100)
    .action((o: { megabytes: number }) => uploadBenchCommand(o.megabytes));

  program
    .command('history-bench')
    .description('per-event cost of new events with the history F× larger beside the base')
    .option('--base-cases <n>', 'cases of the base history', positiveInt('--base-cases'), 1000)
    .option('--factor <f>', 'how many times larger the history grows', positiveInt('--factor'), 10)
    .option('--probe-cases <p>', 'cases whose events are timed', positiveInt('--probe-cases'), 300)
    .option('--rounds <r>', 'rounds', positiveInt('--rounds'), 3)
    .action((o: { baseCases: number; factor: number; probeCases: number; rounds: number }) =>
      historyBenchCommand(o),
    );

  program
    .command('models')
    .description('the case models of the catalogue with their thresholds as configured')
    .option('--markdown', 'a markdown table', false)
    .action((o: { markdown: boolean }) => modelsCommand(o.markdown ? ['--markdown'] : []));

  delegated(
    program,
    'backtest',
    'a model version or changed thresholds over the stored history',
    BACKTEST_USAGE,
    backtestCommand,
  );
  delegated(
    program,
    'quarantine',
    'list, show, correct, replay or discard rejected messages',
    QUARANTINE_USAGE,
    quarantineCommand,
  );
  delegated(
    program,
    'principal',
    'people and systems of the offices, and their tokens',
    PRINCIPAL_USAGE,
    principalCommand,
  );
  delegated(
    program,
    'audit',
    "verify the audit log's keyed chain and checkpoints",
    AUDIT_USAGE,
    auditCommand,
  );
  delegated(
    program,
    'model',
    'declarative models: validate, backtest, list, keys, export and import of signed packages',
    MODEL_USAGE,
    modelCommand,
  );
  delegated(
    program,
    'report',
    '专题分析报告 of an office, and the monthly reports of every office',
    REPORT_USAGE,
    reportCommand,
  );

  const feed = program
    .command('feed')
    .description("a producer's feed: check it offline, samples, conformance report");
  feed
    .command('validate')
    .description(
      "every line through the hub's own decoder, offline (no services): outcome, reason, JSON pointer, " +
        'a Chinese explanation; a summary by reason; exit code 1 when any line is rejected',
    )
    .argument('<path>', 'an NDJSON file, a directory of JSON files (one envelope each), or - for stdin')
    .option('--topic <topic>', "the feed topic of every line (default: each line's, by its schema)")
    .option(
      '--sources <patterns>',
      "a feed key's allowed sources (comma-separated), checked as an upload would",
    )
    .option('--json', 'one JSON outcome per line, then {"summary":…}', false)
    .action((path: string, o: { topic?: string; sources?: string; json: boolean }) =>
      feedValidateCommand(path, o),
    );
  feed
    .command('samples')
    .description(
      'valid example messages of every event type of a topic, and typical mistakes with their reasons',
    )
    .argument('<topic>', 'a feed topic, e.g. court.case-events')
    .option('--count <n>', 'valid messages of each event type', '1')
    .option(
      '--out <dir>',
      'write <topic>.valid.ndjson, .mistakes.ndjson and .mistakes.expected.ndjson there (default: valid ones to stdout)',
    )
    .action((topic: string, o: { count: string; out?: string }) => feedSamplesCommand(topic, o));
  feed
    .command('report')
    .description(
      'conformance of one source: events, rejections, lateness, out of order, duplicates, watermark',
    )
    .requiredOption('--source <source>', 'the producer, e.g. court:浙0803')
    .option('--from <date>', 'first day (YYYY-MM-DD, China time; default 30 days ago)')
    .option('--to <date>', 'last day (YYYY-MM-DD, China time; default today)')
    .option('--json', 'the report as JSON', false)
    .action((o: { source: string; from?: string; to?: string; json: boolean }) => feedReportCommand(o));

  const keys = program
    .command('feed-key')
    .description('keys of the HTTP feed upload: shown once, stored hashed');
  keys
    .command('create')
    .description('a new key bound to sources (and topics); prints it once')
    .requiredOption('--name <name>', 'who the key is given to')
    .requiredOption(
      '--source <patterns>',
      'sources it may publish as, comma-separated (court:浙0803, agency:realestate:3308*)',
    )
    .option('--topic <topics>', 'topics it may post to, comma-separated (default: those of the sources)')
    .action((o: { name: string; source: string; topic?: string }) => feedKeyCreate(o));
  keys
    .command('list')
    .description('keys, their sources, topics and state (never the keys)')
    .option('--source <source>', 'only keys bound to this source')
    .action((o: { source?: string }) => feedKeyList(o));
  keys
    .command('disable')
    .description('the key stops working')
    .argument('<id>', 'the key id (feed-key list)')
    .action((id: string) => feedKeyDisable(id));
  keys
    .command('rotate')
    .description('a new key with the same bindings, printed once; the old one is disabled')
    .argument('<id>', 'the key id (feed-key list)')
    .action((id: string) => feedKeyRotate(id));

  const schema = program
    .command('schema')
    .description('schema evolution: compatibility with the published schemas');
  schema
    .command('check')
    .description(
      'compare schemas/ with schemas/.published, backward and forward; names each breaking change; exit code 1 on any',
    )
    .option('--json', 'the result as JSON', false)
    .action((o: { json: boolean }) => schemaCheckCommand(o));
  schema
    .command('publish')
    .description('record the working schemas as published (refused while a change is breaking)')
    .action(() => schemaPublishCommand());

  return program;
}
