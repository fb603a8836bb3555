// The benchmark harness: measures ops/sec of a case and of its plain-JS baseline in the same run, and the ratio.
import { performance } from 'node:perf_hooks';

/** Where benchmarks put results so the JIT cannot drop the work. */
export const sink: { value: unknown } = { value: undefined };

/** A benchmark: `op(n)` and `baseline(n)` each perform `n` operations of the same kind. */
export interface BenchCase {
  name: string;
  op: (n: number) => void;
  baseline: (n: number) => void;
  /** Optional one-time preparation before each measurement (not timed). */
  setup?: () => void;
}

/** A benchmark that measures itself (for whole-system figures such as simulated ticks per second). */
export interface CustomBench {
  name: string;
  measure: () => Promise<Omit<BenchResult, 'name' | 'ratio'>> | Omit<BenchResult, 'name' | 'ratio'>;
}

export interface BenchResult {
  name: string;
  opsPerSec: number;
  baselineOpsPerSec: number;
  ratio: number;
  /** Other figures a case reports (bytes per actor, wall ms, …). */
  extra?: Record<string, number>;
}

export type BenchEntry = BenchCase | CustomBench;

/** Runs `op` in growing batches until one batch takes at least `minMs`; returns ops/sec of the best of `rounds`. */
export function opsPerSec(op: (n: number) => void, minMs = 150, rounds = 5): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    op(n);
    const dt = performance.now() - t0;
    if (dt >= minMs / 4) break;
    n *= dt < 1 ? 8 : 2;
  }
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    op(n);
    const dt = performance.now() - t0;
    best = Math.max(best, (n * 1000) / Math.max(dt, 1e-6));
  }
  return best;
}

/** Measures one entry: a case against its baseline (interleaved), or a custom bench. */
export async function runEntry(entry: BenchEntry): Promise<BenchResult> {
  if ('measure' in entry) {
    const r = await entry.measure();
    return { name: entry.name, ...r, ratio: r.opsPerSec / r.baselineOpsPerSec };
  }
  entry.setup?.();
  const baselineOpsPerSec = opsPerSec(entry.baseline);
  const ops = opsPerSec(entry.op);
  return { name: entry.name, opsPerSec: ops, baselineOpsPerSec, ratio: ops / baselineOpsPerSec };
}

const fmt = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(1);

/** Formats results as an aligned table. */
export function formatTable(results: BenchResult[]): string {
  const rows = [['benchmark', 'ops/sec', 'baseline ops/sec', 'ratio', 'extra']];
  for (const r of results) {
    const extra = r.extra ? Object.entries(r.extra).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(2)}`).join(' ') : '';
    rows.push([r.name, fmt(r.opsPerSec), fmt(r.baselineOpsPerSec), `${r.ratio.toFixed(2)}×`, extra]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
