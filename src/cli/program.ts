// The `continuum` program: commander set up so that every usage error (unknown option or command, extra argument,
// missing value) exits 2 like an input error, help and version exit 0, and each subcommand's code is returned.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerDemo } from './demo-command.js';
import { registerVisualize } from './visualize-command.js';
import { registerSimulate } from './simulate-command.js';
import { registerGenerate } from './generate-command.js';
import { registerAudit } from './audit-command.js';
import { registerInspect } from './inspect-command.js';
import { EXIT, exitCodesHelp, reportCommandError } from './exit-codes.js';

/** Where the program writes commander's own output (help, version, usage errors). */
export interface ProgramIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: ProgramIo = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Builds the program; `report` receives each subcommand's exit code. */
export function createProgram(report: (code: number) => void, io: ProgramIo = processIo): Command {
  const program = new Command();
  program
    .name('continuum')
    .description('continuum-substrate: a cognitive substrate for AI personas as an actor system on XState v5')
    .version(VERSION)
    .exitOverride() // inherited by the subcommands below: commander throws instead of exiting with its own code 1
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(add --help for usage and exit codes)')
    .addHelpText('after', exitCodesHelp('continuum'));
  registerDemo(program, report);
  registerVisualize(program, report);
  registerSimulate(program, report);
  registerGenerate(program, undefined, report);
  registerAudit(program, report);
  registerInspect(program, report);
  return program;
}

/**
 * Runs `continuum` with `argv` (the arguments after the executable and script, e.g. `['simulate', '--seed', '7']`)
 * and returns the exit code: the subcommand's, 0 for `--help`/`--version`, 2 for a usage error, 70 for an
 * internal error.
 */
export async function runCli(argv: readonly string[], io: ProgramIo = processIo): Promise<number> {
  let code: number = EXIT.passed;
  const program = createProgram((c) => (code = c), io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.passed : EXIT.usage;
    return reportCommandError('', error, (text) => io.err(`${text}\n`));
  }
  return code;
}
