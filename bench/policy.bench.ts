// Benchmarks of the governor's pure policy functions against the bare arithmetic they wrap.
import { sink, type BenchEntry } from './harness.js';
import { evaluateNextStep, initialCascadeState, reduceCascade } from '../src/policy/cascade.js';
import { nextPasses, regionIntervalMs } from '../src/policy/cadence.js';
import { initialBudget, normalizeBudgetTable, updateBudgetInPlace, type RegionBudgetState } from '../src/policy/yield-learning.js';
import type { PressureSignal } from '../src/runtime/signals.js';

const SIGNALS: PressureSignal[] = [
  { kind: 'vram-high', usedPct: 90 },
  { kind: 'thermal', severity: 'cool' },
  { kind: 'system-mem-high', usedPct: 90 },
  { kind: 'inference-queue-depth', depth: 4 },
];

const HINTS = ['faster', 'hold', 'slower', 'sleep', undefined] as const;

export const benches: BenchEntry[] = [
  {
    name: 'policy: evaluateNextStep',
    op: (n) => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += evaluateNextStep((i % 6) as 0, SIGNALS[i & 3]!).length;
      sink.value = acc;
    },
    baseline: (n) => {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const s = SIGNALS[i & 3]!;
        acc += s.kind === 'vram-high' && s.usedPct > 85 ? 7 : 4;
      }
      sink.value = acc;
    },
  },
  {
    name: 'policy: reduceCascade (ring copy per signal)',
    op: (n) => {
      let s = initialCascadeState(0);
      for (let i = 0; i < n; i++) s = reduceCascade(s, SIGNALS[i & 3]!, i * 10_000).state;
      sink.value = s;
    },
    baseline: (n) => {
      let step = 0;
      for (let i = 0; i < n; i++) step = SIGNALS[i & 3]!.kind === 'vram-high' ? Math.min(step + 1, 5) : Math.max(step - 1, 0);
      sink.value = step;
    },
  },
  {
    name: 'policy: nextPasses + regionIntervalMs',
    op: (n) => {
      let p = 1;
      let acc = 0;
      for (let i = 0; i < n; i++) {
        p = nextPasses(p, HINTS[i % 5]);
        acc += regionIntervalMs({ basePassMs: 100, passes: p, inverseYieldWeight: 1.1, pressureMultiplier: 2 });
      }
      sink.value = acc;
    },
    baseline: (n) => {
      let p = 1;
      let acc = 0;
      for (let i = 0; i < n; i++) {
        p = (i & 1) === 0 ? Math.min(p * 2, 15) : 1;
        acc += 100 * p * 1.1 * 2;
      }
      sink.value = acc;
    },
  },
  {
    name: 'policy: updateBudgetInPlace',
    op: (n) => {
      const b = initialBudget();
      const outcome = { published: 4, consumedSinceLast: 3 };
      const prefetch = { hits: 3, misses: 1 };
      for (let i = 0; i < n; i++) updateBudgetInPlace(b, outcome, prefetch);
      sink.value = b;
    },
    baseline: (n) => {
      const b = { weight: 1, recentYield: 0.5, recentHitRate: 0.5 };
      for (let i = 0; i < n; i++) {
        b.recentYield += (0.75 - b.recentYield) * 0.1;
        b.recentHitRate += (0.75 - b.recentHitRate) * 0.1;
        b.weight += (0.5 + 0.6 * b.recentYield + 0.4 * b.recentHitRate - b.weight) * 0.03;
      }
      sink.value = b;
    },
  },
  (() => {
    const table = new Map<string, RegionBudgetState>();
    const plain: { weight: number }[] = [];
    for (let i = 0; i < 1000; i++) {
      table.set(`r${i}`, initialBudget(0.5 + (i % 10) / 10));
      plain.push({ weight: 0.5 + (i % 10) / 10 });
    }
    return {
      name: 'policy: normalizeBudgetTable (1000-entry Map, per table)',
      op: (n: number) => {
        for (let i = 0; i < n; i++) normalizeBudgetTable(table);
        sink.value = table;
      },
      baseline: (n: number) => {
        for (let i = 0; i < n; i++) {
          let sum = 0;
          for (const b of plain) sum += b.weight;
          for (const b of plain) b.weight = (b.weight * plain.length) / sum;
        }
        sink.value = plain;
      },
    };
  })(),
];
