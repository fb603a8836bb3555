// Under an inference-queue-depth / system-mem-high storm the hippocampus slows down and handle() keeps answering,
// synchronously, from staler buffers; at critical pressure it only keeps the freshest prefetch alive.
import { describe, expect, it } from 'vitest';
import { brain, status } from './fixtures.js';
import { ChatDriver } from './chat-driver.js';
import type { HandleResult } from '../../../src/actors/cognition/handle-contract.js';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** Mean number of earlier messages the prefetch read had not seen yet (0: always up to date). */
const behind = (rs: readonly HandleResult[]): number => mean(rs.flatMap((r) => (r.prefetch.behindBy === undefined ? [] : [r.prefetch.behindBy])));

describe('cognition under pressure', () => {
  it('a queue-depth + memory storm slows the hippocampus; handle() answers every message from staler buffers', () => {
    const { clock, substrate } = brain(['alice']);
    const driver = new ChatDriver({ personas: ['alice'], channels: ['eng'], seed: 9, meanGapMs: 250, shiftRate: 0.02 }, (p, c, t) => substrate.handle(p, c, t));
    const ticks = () => status(substrate, 'hippocampus@alice').ticks;
    driver.run(clock, 30_000);
    const calmFrom = driver.stats.results.length;
    const t0 = ticks();
    driver.run(clock, 90_000);
    const calmTicks = ticks() - t0;
    const calm = driver.stats.results.slice(calmFrom);
    // the storm: queue depth (step 1), memory (step 2), then low battery (step 3, high) — the hippocampus responds
    substrate.pressure({ kind: 'inference-queue-depth', depth: 40 });
    driver.run(clock, 120_000);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 97 });
    driver.run(clock, 150_000);
    substrate.pressure({ kind: 'battery-low', remainingPct: 14 });
    expect(substrate.policy().level).toBe('high');
    expect(status(substrate, 'hippocampus@alice').level).toBe('high');
    const stormFrom = driver.stats.results.length;
    const t1 = ticks();
    driver.run(clock, 210_000);
    const stormTicks = ticks() - t1;
    const storm = driver.stats.results.slice(stormFrom);
    expect(stormTicks).toBeLessThan(calmTicks * 0.5); // ×4 at high pressure, give or take yield learning
    // every message got an answer, in the call itself (handle returns a result, never a promise)
    expect(storm.length).toBeGreaterThan(200);
    for (const r of storm) expect(r).not.toBeInstanceOf(Promise);
    expect(storm.every((r) => r.prefetch.outcome !== 'miss')).toBe(true);
    expect(behind(calm)).toBe(0); // calm: every prefetch had seen every earlier message
    expect(behind(storm)).toBeGreaterThan(0.1); // storm: reads answered from prefetches a message or more behind
    substrate.stop();
  });

  it('at critical pressure the hippocampus stops consolidating and keeps only the freshest prefetch alive', () => {
    const { clock, substrate } = brain(['alice']);
    const pc = substrate.cognition!.get('alice');
    substrate.handle('alice', 'eng', 'the postgres migration locks the users table');
    clock.advanceBy(1_000);
    substrate.handle('alice', 'ops', 'the kubernetes rollout of the ingress is stuck');
    clock.advanceBy(1_000);
    const buffer = substrate.buffer('hippocampus', 'alice');
    expect(buffer.has('prefetch:eng') && buffer.has('prefetch:ops')).toBe(true);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 97 }); // step 0: memory alone does not advance
    substrate.pressure({ kind: 'inference-queue-depth', depth: 40 }); // step 1
    clock.advanceBy(30_000);
    substrate.pressure({ kind: 'system-mem-high', usedPct: 97 }); // step 2
    substrate.pressure({ kind: 'thermal', severity: 'critical' }); // emergency: step 5
    expect(status(substrate, 'hippocampus@alice').level).toBe('critical');
    const engrams = pc.counters.engrams;
    clock.advanceBy(5_000);
    expect(pc.counters.pressurePasses).toBeGreaterThan(0);
    expect(buffer.has('prefetch:ops')).toBe(true); // the freshest
    expect(buffer.has('prefetch:eng')).toBe(false); // let go
    const r = substrate.handle('alice', 'eng', 'is the users table migration done?');
    expect(r.prefetch.outcome).toBe('miss');
    expect(r.degraded).toBe(true);
    expect(substrate.handle('alice', 'ops', 'the ingress rollout again').prefetch.outcome).toBe('hit');
    clock.advanceBy(5_000);
    expect(pc.counters.engrams).toBe(engrams); // nothing consolidated at critical pressure
    expect(pc.working.get('eng')!.seq - pc.working.get('eng')!.drainedSeq).toBe(1); // still in working memory
    substrate.stop();
  });
});
