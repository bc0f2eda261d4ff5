import 'reflect-metadata';
import { withLocalAuditKey } from './hub-process';
import { buildProgram } from './program';

/**
 * `zhijian <command>`: commander parses the command line (apps/cli/src/program.ts). A well-kept
 * parser instead of the switch of hand-parsed commands it replaces: `--help` on every command
 * prints help and runs nothing (the old `migrate --help` applied migrations), unknown options are
 * errors, and the help is generated from the same declarations that parse.
 */
async function main(): Promise<void> {
  process.env = withLocalAuditKey(process.env);
  const program = buildProgram();
  if (process.argv.length <= 2) {
    program.outputHelp({ error: true });
    process.exitCode = 2;
    return;
  }
  await program.parseAsync(process.argv);
}

main().catch((e: unknown) => {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
});
