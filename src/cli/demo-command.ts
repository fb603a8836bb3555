// `continuum demo`: a short live run of the substrate on the simulated clock — two example regions, two personas,
// handler reads, a pressure spike and a sleep phase — printing what the governor did.
import type { Command } from 'commander';
import { runDemoSnapshot } from '../inspect/demo-snapshot.js';
import { EXIT, exitCodesHelp, reportCommandError } from './exit-codes.js';

/** Runs the built-in demo to 90 simulated seconds, printing governor and region events, then a region table. */
export function runDemo(print: (line: string) => void = console.log): void {
  const substrate = runDemoSnapshot({
    at: 90_000,
    onStart: (s) => {
      const line = (payload: unknown, name: string): void => print(`  t=${s.clock.now()} ms  ${name} ${JSON.stringify(payload)}`);
      s.bus.subscribe('governor:*', line);
      s.bus.subscribe('region:*', line);
    },
  });
  print('');
  print('region                 ticks  passes  interval  cadence  weight  state');
  for (const r of substrate.regions()) {
    print(`${r.key.padEnd(22)} ${String(r.ticks).padStart(5)}  ${String(r.passes).padStart(6)}  ${`${r.intervalMs}ms`.padStart(8)}  ${r.cadence.padEnd(7)}  ${r.weight.toFixed(2).padStart(6)}  ${r.state}`);
  }
  substrate.stop();
}

/** Runs the demo and returns its exit code: 0, or 70 for an internal error (reported on `printError`). */
export function runDemoCommand(print: (line: string) => void = console.log, printError: (text: string) => void = console.error): number {
  try {
    runDemo(print);
    return EXIT.passed;
  } catch (error) {
    return reportCommandError('demo', error, printError);
  }
}

/** Adds `continuum demo` to the program; `report` receives the exit code (default: `process.exitCode`). */
export function registerDemo(program: Command, report: (code: number) => void = (code) => void (code !== 0 && (process.exitCode = code))): void {
  program
    .command('demo')
    .description('run a short live demo of the substrate on the simulated clock and print what the governor decided')
    .addHelpText('after', exitCodesHelp('demo'))
    .action(() => report(runDemoCommand()));
}
