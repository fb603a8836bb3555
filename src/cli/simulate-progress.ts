// Progress of `continuum simulate` on stderr: simulated time, wall time and region ticks per wall second — a bar on a
// terminal, or a plain line at most once a second when stderr is not one (`--progress` into a log file).
import { performance } from 'node:perf_hooks';
import { SingleBar } from 'cli-progress';
import { formatMs } from '../sim/svg-chart.js';

/** Receives the runner's progress calls (`RunOptions.onProgress`); `stop` clears the bar or prints the last line. */
export interface ProgressReporter {
  update(simulatedMs: number, durationMs: number, ticks: number): void;
  stop(): void;
}

const rate = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));

/** One progress line: `simulated 1h00m of 7d… (14%), wall 12.3 s, 54.2 k ticks/s`. */
export function progressLine(simulatedMs: number, durationMs: number, ticks: number, wallMs: number): string {
  const pct = durationMs > 0 ? Math.floor((simulatedMs / durationMs) * 100) : 100;
  return `simulated ${formatMs(simulatedMs)} of ${formatMs(durationMs)} (${pct}%), wall ${(wallMs / 1000).toFixed(1)} s, ${rate(wallMs > 0 ? (ticks * 1000) / wallMs : 0)} ticks/s`;
}

/** A progress bar on `stream` (a TTY), updated with simulated time, wall time and ticks/s. */
export function barProgress(name: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const started = performance.now();
  const bar = new SingleBar({ format: `${name} [{bar}] {percentage}% | {line}`, stream, clearOnComplete: true, hideCursor: true });
  let begun = false;
  return {
    update(ms, total, ticks) {
      const line = progressLine(ms, total, ticks, performance.now() - started);
      if (!begun) {
        begun = true;
        bar.start(Math.max(1, total), 0, { line });
      }
      bar.update(Math.min(ms, total), { line });
    },
    stop: () => void (begun && bar.stop()),
  };
}

/** Plain progress lines through `write`, at most one per `everyMs` of wall time (and the last one at `stop`). */
export function lineProgress(name: string, write: (text: string) => void, everyMs = 1000): ProgressReporter {
  const started = performance.now();
  let lastAt = -Infinity;
  let last: string | undefined;
  return {
    update(ms, total, ticks) {
      const now = performance.now();
      last = `${name}: ${progressLine(ms, total, ticks, now - started)}`;
      if (now - lastAt >= everyMs) {
        lastAt = now;
        write(last);
        last = undefined;
      }
    },
    stop() {
      if (last !== undefined) write(last);
    },
  };
}
