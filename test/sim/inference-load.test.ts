// The inference workload driver on a real substrate and simulated clock: a storm fills the queue, the pressure it
// sends moves the governor and slows a responding region, both recover as it drains; time-to-first-token with and
// without a pre-staged candidate; the same seed gives the same stats.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, createSubstrate, defineRegion, echoPrefetchRegion, type SimulatedClock } from '../../src/index.js';
import { createInferenceWorkload, type InferenceWorkload, type InferenceWorkloadStats } from '../../src/sim/inference-load.js';
import { inferenceLoadProblems, isInferenceLoad, type InferenceLoadEvent } from '../../src/sim/inference-load-event.js';
import { formatInferenceStats } from '../../src/sim/inference-report.js';

/** Plays the clock to `end` timer by timer, settling the workload's promise callbacks as the runner would. */
async function drive(clock: SimulatedClock, end: number, workload: InferenceWorkload): Promise<void> {
  await workload.settle();
  for (let due = clock.nextDueAt(); due !== undefined && due <= end; due = clock.nextDueAt()) {
    clock.advanceTo(due);
    if (workload.needsSettle()) await workload.settle();
  }
  clock.advanceTo(end);
  await workload.settle();
}

interface Observed { stats: InferenceWorkloadStats; steps: number[]; listenerIntervals: number[]; listenerLevels: string[] }

async function storm(seed: number): Promise<Observed> {
  const clock = createSimulatedClock();
  const listener = defineRegion({
    id: 'listener', scope: 'global', buffer: { max: 1 },
    pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu-vectorized', respondsTo: ['inference-queue-depth'] },
    tick: (ctx) => ({ published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }),
  });
  const substrate = createSubstrate({ regions: [listener, echoPrefetchRegion()], clock, seed }).start();
  substrate.spawnPersona('alice');
  substrate.spawnPersona('bob');
  const end = 30_000;
  const workload = await createInferenceWorkload({
    host: substrate, bus: substrate.bus, clock, seed, endAt: end,
    engine: { firstTokenMs: { kind: 'normal', meanMs: 120, stdDevMs: 20 }, perTokenMs: { kind: 'uniform', minMs: 20, maxMs: 30 } },
    module: { maxConcurrent: 4, maxQueued: 40 },
  });
  const loads: InferenceLoadEvent[] = [
    { at: 0, type: 'load', kind: 'inference', persona: 'alice', requestsPerSecond: 4, promptTokens: 64, outputTokens: 8, candidate: { region: 'echo-prefetch', key: 'general' } },
    { at: 0, type: 'load', kind: 'inference', persona: 'bob', requestsPerSecond: 12, promptTokens: 200, outputTokens: 32, untilMs: 8_000 },
  ];
  for (const load of loads) workload.apply(load, 0);
  const observed: Observed = { stats: undefined as never, steps: [], listenerIntervals: [], listenerLevels: [] };
  const look = (): void => {
    observed.steps.push(substrate.policy().step);
    const l = substrate.regions().find((r) => r.key === 'listener')!;
    observed.listenerIntervals.push(l.intervalMs);
    observed.listenerLevels.push(l.level);
    if (clock.now() + 1_000 <= end) clock.setTimeout(look, 1_000);
  };
  clock.setTimeout(look, 500);
  await drive(clock, end, workload);
  observed.stats = workload.stats();
  await workload.stop();
  substrate.stop();
  return observed;
}

describe('the inference workload', () => {
  it('a storm fills the queue, sends pressure up and back down, slows the responding region, and it recovers', async () => {
    const { stats, steps, listenerIntervals, listenerLevels } = await storm(3);
    expect(stats.queueDepth.max).toBeGreaterThan(16);
    expect(stats.queueDepth.samples.length).toBeGreaterThan(25);
    expect(stats.pressure.length).toBe(2);
    expect(stats.pressure[0]!.depth).toBeGreaterThan(16);
    expect(stats.pressure[1]!.depth).toBeLessThan(8);
    expect(stats.pressure[1]!.t).toBeGreaterThan(stats.pressure[0]!.t);
    expect(steps).toContain(1);
    expect(steps.at(-1)).toBe(0);
    expect(listenerLevels).toContain('moderate');
    expect(listenerLevels.at(-1)).toBe('nominal');
    expect(Math.max(...listenerIntervals)).toBeGreaterThan(listenerIntervals.at(-1)!);
    expect(stats.refused).toBeGreaterThan(0); // the bounded queue pushed back
  });

  it('measures time-to-first-token with and without a pre-staged candidate, and accounts for every invocation', async () => {
    const { stats } = await storm(3);
    expect(stats.candidateHits).toBeGreaterThan(0);
    expect(stats.ttftWithCandidateMs).toMatchObject({ count: stats.candidateHits, p50: 0, max: 0 });
    const without = stats.ttftWithoutCandidateMs;
    expect(without.count).toBeGreaterThan(50);
    expect(without.p50).toBeGreaterThan(100); // at least the engine's first-token latency
    expect(without.p99).toBeGreaterThan(without.p50); // queue wait during the storm
    expect(stats.invocations).toBe(stats.candidateHits + stats.started + stats.refused + stats.errors);
    const finished = Object.values(stats.finished).reduce((a, b) => a + b, 0);
    expect(finished).toBe(stats.started);
    expect(stats.errors).toBe(0);
    const text = formatInferenceStats(stats);
    expect(text).toContain('SIMULATED engine');
    expect(text).toMatch(/with a pre-staged candidate\s+\d+/);
    expect(text).toMatch(/queue-depth pressure sent: depth \d+ at/);
  });

  it('is deterministic for a seed', async () => {
    const a = await storm(9);
    const b = await storm(9);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = await storm(10);
    expect(JSON.stringify(c.stats)).not.toBe(JSON.stringify(a.stats));
  });
});

describe('the inference load event', () => {
  const ok: InferenceLoadEvent = { at: 0, type: 'load', kind: 'inference', persona: 'alice', requestsPerSecond: 2, promptTokens: 10, outputTokens: 4 };

  it('accepts a well-formed load and tells it from a handler-read load', () => {
    expect(inferenceLoadProblems(ok, '$.timeline[0]')).toEqual([]);
    expect(isInferenceLoad(ok)).toBe(true);
    expect(isInferenceLoad({ at: 0, type: 'load', region: 'echo-prefetch', key: 'general', readsPerSecond: 1 })).toBe(false);
  });

  it('names each problem at its path', () => {
    const problems = inferenceLoadProblems(
      { ...ok, requestsPerSecond: -1, outputTokens: 0, persona: 'a b', candidate: { region: 'nope', key: 'k' }, untilMs: 0, rate: 3 },
      '$.timeline[2]', new Set(['echo-prefetch']),
    );
    expect(problems.map((p) => p.path).sort()).toEqual([
      '$.timeline[2].candidate.region', '$.timeline[2].outputTokens', '$.timeline[2].persona', '$.timeline[2].rate',
      '$.timeline[2].requestsPerSecond', '$.timeline[2].untilMs',
    ]);
  });
});
