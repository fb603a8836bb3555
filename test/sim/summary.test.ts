import { describe, it, expect } from 'vitest';
import { runScenario } from '../../src/sim/run-scenario.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { formatSummary } from '../../src/sim/summary-table.js';

describe('summary numbers on a hand-computable scenario', () => {
  // heartbeat alone, default governor: it ticks every 100 ms while active (its hint is faster: one pass). At 450 ms the
  // substrate goes idle (base pass 1000 ms): the next tick is due 1000 ms after the last one (400) → 1400.
  const scenario = validateScenario({
    name: 'tiny',
    durationMs: 2000,
    regions: [{ id: 'heartbeat' }],
    timeline: [{ at: 450, type: 'sleep', phase: 'idle' }],
    expect: [
      { type: 'metric', region: 'heartbeat', metric: 'ticks', min: 5, max: 5 },
      { at: 300, type: 'metric', region: 'heartbeat', metric: 'ticks', max: 1, description: 'deliberately wrong' },
    ],
  });

  it('counts ticks, intervals, cadence and phase time', async () => {
    const { summary } = await runScenario(scenario);
    expect(summary.ticks).toBe(5);
    const hb = summary.instances.find((i) => i.key === 'heartbeat')!;
    expect(hb.ticks).toBe(5);
    expect(hb.intervalMs).toEqual({ mean: 325, min: 100, max: 1000 });
    expect(hb.published).toBe(5);
    expect(hb.consumed).toBe(0);
    expect(hb.consumption).toBe(0);
    expect(hb.misses).toBe(0);
    expect(hb.restarts).toBe(0);
    expect(hb.aliveMs).toBe(2000);
    expect(hb.cadenceMs).toEqual({ faster: 1900, hold: 100, slower: 0, sleep: 0 }); // hold until its first tick at 100 ms
    expect(hb.phaseMs).toEqual({ active: 450, idle: 1550, sleep: 0 });
    expect(summary.phaseMs).toEqual({ active: 450, idle: 1550, sleep: 0 });
    expect(summary.levelMs.nominal).toBe(2000);
    expect(summary.regions).toEqual([{ region: 'heartbeat', instances: 1, ticks: 5, published: 5, consumed: 0, consumption: 0, misses: 0, restarts: 0, failed: 0 }]);
  });

  it('reports each expectation, and FAIL when one fails', async () => {
    const { summary } = await runScenario(scenario);
    expect(summary.expectations.map((e) => [e.passed, e.at, e.actual])).toEqual([
      [true, 2000, 'ticks 5'],
      [false, 300, 'ticks 2'], // checked before the tick due at 300 ms,
    ]);
    expect(summary.passed).toBe(false);
    const text = formatSummary(summary);
    expect(text).toContain('FAIL  deliberately wrong');
    expect(text.trimEnd().split('\n').at(-1)).toBe('FAIL  1 of 2 expectations failed');
  });

  it('counts handler reads and what the region saw of them', async () => {
    const { summary } = await runScenario(validateScenario({
      name: 'reads', durationMs: 10_000, regions: [{ id: 'heartbeat' }],
      timeline: [{ at: 0, type: 'load', region: 'heartbeat', key: 'beat', readsPerSecond: 20 }],
    }), { seed: 5 });
    const hb = summary.instances[0]!;
    expect(hb.reads.total).toBeGreaterThan(100);
    expect(hb.reads.total).toBe(hb.reads.hits + hb.reads.misses);
    // reads before the first publish (t < 100 ms) miss; every later read hits (heartbeat's entry never expires)
    expect(hb.consumed + hb.misses).toBeLessThanOrEqual(hb.reads.total);
    expect(hb.misses).toBe(hb.reads.misses);
  });
});
