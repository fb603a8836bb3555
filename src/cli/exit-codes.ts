// The exit codes of every `continuum` subcommand, how errors map to them, and the text `--help` shows about them.
import { describeError } from '../runtime/describe.js';
import { ScenarioError } from '../sim/validate-scenario.js';
import { OutputDirError } from '../sim/output-dir-check.js';
import { UsageError } from './cli-values.js';

/**
 * Exit codes: 0 success (every expectation passed), 1 an expectation failed (`simulate` only), 2 a usage or input
 * error (unknown option, extra argument, bad value, invalid scenario, unusable `--out`: nothing was run or written),
 * 70 an internal error (a bug: the message says what failed).
 */
export const EXIT = Object.freeze({ passed: 0, failed: 1, usage: 2, /** @deprecated the same as `usage` */ badScenario: 2, internal: 70 });

/** The exit-code section appended to a command's `--help` (`simulate` also has code 1). */
export function exitCodesHelp(command: 'simulate' | 'visualize' | 'demo' | 'inspect' | 'continuum'): string {
  return [
    '',
    'Exit codes:',
    command === 'simulate' ? '  0   every expectation passed' : '  0   success',
    ...(command === 'simulate' || command === 'continuum' ? ['  1   simulate: an expectation failed (the outputs are written)'] : []),
    '  2   usage or input error: unknown option or command, extra argument, bad value,',
    '      invalid scenario, unusable --out (checked before anything runs; nothing is written)',
    ...(command === 'inspect' ? ['      inspect: the port is in use, or --replay names a file that is not a recording'] : []),
    '  70  internal error: a bug, or the system failed (e.g. the disk filled up); the message says what',
  ].join('\n');
}

/** Reports an error as the exit code says: input errors by their message, anything else as an internal error. */
export function reportCommandError(command: string, error: unknown, print: (text: string) => void): number {
  if (error instanceof UsageError || error instanceof ScenarioError || error instanceof OutputDirError) {
    print(`continuum${command ? ` ${command}` : ''}: ${error.message}`);
    return EXIT.usage;
  }
  print(`continuum${command ? ` ${command}` : ''}: internal error (a bug, or the system failed, e.g. a full disk): ${describeError(error)}`);
  return EXIT.internal;
}
