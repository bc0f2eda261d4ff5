import { CommanderError, type Command } from 'commander';
import { buildProgram } from './program';

/** Parses argv with the CLI's program, its output captured, nothing exiting the process. */
async function parse(...args: string[]): Promise<{ error: CommanderError | null; out: string }> {
  let out = '';
  const program = buildProgram();
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
    c.commands.forEach(configure);
  };
  configure(program);
  try {
    await program.parseAsync(['node', 'zhijian', ...args]);
    return { error: null, out };
  } catch (e) {
    if (e instanceof CommanderError) return { error: e, out };
    throw e;
  }
}

function allCommands(): string[][] {
  const out: string[][] = [];
  const walk = (cmd: Command, path: string[]) => {
    for (const sub of cmd.commands) {
      out.push([...path, sub.name()]);
      walk(sub, [...path, sub.name()]);
    }
  };
  walk(buildProgram(), []);
  return out;
}

describe('the zhijian command line', () => {
  it.each(allCommands().map((c) => [c.join(' '), c]))(
    '%s --help prints help and runs nothing',
    async (_n, args) => {
      for (const flag of ['--help', '-h']) {
        const { error, out } = await parse(...args, flag);
        expect(error?.code).toBe('commander.helpDisplayed');
        expect(out).toMatch(/^Usage: zhijian /);
      }
    },
  );

  it('has every command of the issue', () => {
    const names = allCommands().map((c) => c.join(' '));
    for (const c of [
      'migrate',
      'feed validate',
      'feed samples',
      'feed report',
      'feed-key create',
      'feed-key list',
      'feed-key disable',
      'feed-key rotate',
      'schema check',
      'schema publish',
      'principal',
      'quarantine',
      'backtest',
      'models',
      'audit',
    ])
      expect(names).toContain(c);
  });

  it.each([
    [['migrate', '--force'], 'commander.unknownOption'],
    [['models', '--bogus'], 'commander.unknownOption'],
    [['schema', 'check', '--strict'], 'commander.unknownOption'],
    [['feed', 'validate'], 'commander.missingArgument'],
    [['feed', 'report'], 'commander.missingMandatoryOptionValue'],
    [['feed-key', 'create', '--name', 'x'], 'commander.missingMandatoryOptionValue'],
    [['demo', '--cases', '0'], 'commander.invalidArgument'],
    [['bench', '--events', 'many'], 'commander.invalidArgument'],
    [['migrate', 'now'], 'commander.excessArguments'],
    [['nonsense'], 'commander.unknownCommand'],
  ])('%j is an error (%s) and runs nothing', async (args, code) => {
    const { error, out } = await parse(...args);
    expect(error?.code).toBe(code);
    expect(error?.exitCode).toBe(1);
    expect(out).toContain('error:');
  });
});
