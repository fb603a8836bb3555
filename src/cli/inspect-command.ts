// `continuum inspect`: runs a scenario on a paced clock (real time × --speed, or --step) and serves the inspector page
// on 127.0.0.1, or with --replay opens a recording from `continuum simulate --record` in the same page.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadScenario } from '../sim/load-scenario.js';
import { DEFAULT_SCENARIO } from './simulate-command.js';
import { EXIT, exitCodesHelp, reportCommandError } from './exit-codes.js';
import { parseDecimalOption, UsageError } from './cli-values.js';
import { describeError } from '../runtime/describe.js';
import { startLiveSession, type LiveSession } from '../inspector/live-session.js';
import type { InspectorSession } from '../inspector/protocol.js';
import { replaySession } from '../inspector/replay-session.js';
import { openRecording } from '../inspector/recording-reader.js';
import { RecordingError } from '../inspector/recording-error.js';
import { DEFAULT_INSPECTOR_PORT, InspectorServerError, startInspectorServer, type InspectorServer } from '../inspector/inspector-server.js';
import { createStatelyInspector, DEFAULT_STATELY_URL, type StatelyInspector } from '../inspector/stately-adapter.js';

export interface InspectOptions {
  port?: string | number;
  speed?: string | number;
  step?: boolean;
  seed?: string | number;
  replay?: string;
  /** `true` for the default URL, or a ws:// URL. */
  stately?: boolean | string;
  json?: boolean;
}

export interface InspectIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd?: string;
  /** Resolves when the command should stop serving. @default SIGINT or SIGTERM */
  until?: (server: InspectorServer) => Promise<void>;
}

const untilSignal = (): Promise<void> => new Promise((done) => {
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    done();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});

const defaultIo = (): InspectIo => ({ stdout: (t) => void process.stdout.write(t + '\n'), stderr: (t) => void process.stderr.write(t + '\n') });

function parseSpeed(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(String(value)) || !(n > 0) || n > 1e6) throw new UsageError(`--speed must be a positive number up to 1000000 (simulated ms per wall ms), like 10; got ${JSON.stringify(String(value))}`);
  return n;
}

/**
 * Runs `continuum inspect` until `io.until` resolves (Ctrl-C by default) and returns its exit code: 0 after serving,
 * 2 for a bad option, scenario or recording, or a port in use (nothing served), 70 for an internal error.
 */
export async function runInspectCommand(file: string | undefined, options: InspectOptions = {}, io: InspectIo = defaultIo()): Promise<number> {
  try {
    return await inspect(file, options, io);
  } catch (error) {
    if (error instanceof InspectorServerError || (error instanceof RecordingError && error.kind !== 'write-failed')) return reportCommandError('inspect', new UsageError(error.message), io.stderr);
    return reportCommandError('inspect', error, io.stderr);
  }
}

async function inspect(file: string | undefined, options: InspectOptions, io: InspectIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const port = parseDecimalOption('--port', options.port, 0, 65_535) ?? DEFAULT_INSPECTOR_PORT;
  const speed = parseSpeed(options.speed);
  const seed = parseDecimalOption('--seed', options.seed, 0, 2 ** 32 - 1);
  if (options.replay !== undefined) {
    if (file !== undefined) throw new UsageError('--replay plays a recording: give it no scenario (the recording names its own)');
    if (speed !== undefined || options.step || seed !== undefined || options.stately) throw new UsageError('--speed, --step, --seed and --stately apply to a live run, not to --replay');
  }
  const stately: StatelyInspector | undefined = options.stately ? createStatelyInspector({ url: typeof options.stately === 'string' ? options.stately : DEFAULT_STATELY_URL }) : undefined;
  let session: InspectorSession;
  let live: LiveSession | undefined;
  if (options.replay !== undefined) {
    const recording = openRecording(resolve(cwd, options.replay));
    if (recording.problem) io.stderr(`continuum inspect: ${recording.problem.message}`);
    session = replaySession(recording);
  } else {
    const scenario = loadScenario(file === undefined ? DEFAULT_SCENARIO : resolve(cwd, file));
    session = live = startLiveSession(scenario, { ...(speed !== undefined ? { speed } : {}), ...(seed !== undefined ? { seed } : {}), step: options.step ?? false, ...(stately ? { inspect: stately.inspect } : {}) });
  }
  let server: InspectorServer;
  try {
    server = await startInspectorServer(session, { port });
  } catch (error) {
    await session.close();
    stately?.stop();
    throw error;
  }
  const mode = options.replay !== undefined ? 'replay' : 'live';
  let closing = false;
  if (live) {
    void live.done.then(
      (r) => closing || io.stderr(`continuum inspect: the run reached its end (${r.summary.durationMs} ms; ${r.summary.passed ? 'every expectation passed' : 'an expectation failed'}); the page stays up until Ctrl-C`),
      (error: unknown) => closing || io.stderr(`continuum inspect: the run failed: ${describeError(error)}`),
    );
  }
  if (options.json) io.stdout(JSON.stringify({ url: server.url, port: server.port, mode }));
  else io.stdout(`continuum inspector (${mode}) at ${server.url} — Ctrl-C to stop`);
  await (io.until ? io.until(server) : untilSignal());
  closing = true;
  await server.close();
  stately?.stop();
  return EXIT.passed;
}

/** Adds `continuum inspect` to the program; `report` receives the exit code. */
export function registerInspect(program: Command, report: (code: number) => void = (code) => void (process.exitCode = code)): void {
  program
    .command('inspect')
    .description('run a scenario on a paced clock and inspect it in the browser (actor tree, statecharts, events, controls), or --replay a recording')
    .argument('[scenario]', 'scenario JSON file (see docs/scenarios.md); default scenarios/default.json', undefined)
    .option('--port <n>', `port on 127.0.0.1 (0: any free port; default ${DEFAULT_INSPECTOR_PORT})`)
    .option('--speed <x>', 'simulated ms per wall ms (default 1: real time)')
    .option('--step', 'start paused; the page steps one due instant at a time')
    .option('--seed <n>', "seed of the run's random source (overrides the scenario's seed)")
    .option('--replay <file>', 'open a recording (continuum simulate --record run.inspect.jsonl) with a timeline scrubber')
    .option('--stately [url]', `also send the inspection stream to @statelyai/inspect's WebSocket inspector (default ${DEFAULT_STATELY_URL})`)
    .option('--json', 'print the URL as one JSON line ({"url","port","mode"})')
    .addHelpText('after', `${exitCodesHelp('inspect')}\n\nServes on 127.0.0.1 only; the page loads nothing from elsewhere. See docs/inspector.md.`)
    .action(async (scenario: string | undefined, options: InspectOptions) => {
      const code = await runInspectCommand(scenario, options);
      report(code);
      // @statelyai/inspect's socket retries a lost connection on a timer it never clears: end the process ourselves
      if (options.stately) setImmediate(() => process.exit(code));
    });
}
