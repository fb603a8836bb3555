import { describe, expect, it } from 'vitest';
import { defineRegion } from '../../src/runtime/region.js';
import type { TickOutcome } from '../../src/runtime/telemetry.js';
import { flush, probeRegion, regionStateValue, startSubstrate, statusOf } from './fixtures.js';

describe('tick schedule', () => {
  it('ticks a region at its interval and only then', () => {
    const log: number[] = [];
    const { clock } = startSubstrate([probeRegion('probe', { log })]);
    clock.advanceTo(99);
    expect(log).toEqual([]);
    clock.advanceTo(100);
    expect(log).toEqual([100]);
    clock.advanceTo(450);
    expect(log).toEqual([100, 200, 300, 400]);
  });

  it('moves the cadence state on the hint and follows the cadence table (slower 2, 4, 8, 15, 15)', () => {
    const { clock, substrate, events } = startSubstrate([probeRegion('probe', { hint: 'slower' })]);
    clock.advanceTo(100);
    expect(regionStateValue(substrate, 'probe').cadence).toBe('slower');
    const passes: number[] = [];
    for (const t of [100, 300, 700, 1500, 3000]) {
      clock.advanceTo(t);
      passes.push(statusOf(substrate, 'probe').passes);
    }
    expect(passes).toEqual([2, 4, 8, 15, 15]);
    clock.advanceTo(20_000);
    const ticks = events.filter((e) => e.type === 'tick').map((e) => (e.type === 'tick' ? e.telemetry.tickStartedAt : 0));
    expect(ticks.slice(0, 5)).toEqual([100, 300, 700, 1500, 3000]);
  });

  it('resets to one pass on faster and keeps a sleeping region on a 30-pass re-check', () => {
    let hint: 'slower' | 'faster' | 'sleep' = 'slower';
    const { clock, substrate } = startSubstrate([probeRegion('probe', { hint: () => hint })]);
    clock.advanceTo(1_500);
    expect(statusOf(substrate, 'probe').passes).toBe(15);
    hint = 'faster';
    clock.advanceTo(3_000);
    expect(statusOf(substrate, 'probe').passes).toBe(1);
    expect(regionStateValue(substrate, 'probe').cadence).toBe('faster');
    hint = 'sleep';
    clock.advanceTo(3_100);
    expect(statusOf(substrate, 'probe').passes).toBe(30);
    const ticksBefore = statusOf(substrate, 'probe').ticks;
    clock.advanceTo(3_100 + 3_000);
    expect(statusOf(substrate, 'probe').ticks).toBe(ticksBefore + 1); // still tracked, re-checked every 30 passes
    expect(regionStateValue(substrate, 'probe').cadence).toBe('sleep');
  });

  it('never overlaps an async tick, and cancels one that overruns its budget', async () => {
    const resolvers: Array<(o: TickOutcome) => void> = [];
    let started = 0;
    let aborted = false;
    const slow = defineRegion({
      id: 'slow',
      scope: 'global',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
      buffer: { max: 1 },
      tickBudgetMs: 250,
      tick: (ctx) => {
        started++;
        ctx.signal.addEventListener('abort', () => (aborted = true));
        return new Promise<TickOutcome>((r) => resolvers.push(r));
      },
    });
    const { clock, substrate } = startSubstrate([slow]);
    clock.advanceTo(100);
    expect(started).toBe(1);
    expect(regionStateValue(substrate, 'slow').status).toBe('awaiting');
    resolvers[0]!({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' });
    await flush();
    expect(regionStateValue(substrate, 'slow').status).toBe('active');
    clock.advanceTo(200);
    expect(started).toBe(2);
    // never settles: overruns at 200 + 250
    clock.advanceTo(449);
    expect(statusOf(substrate, 'slow').overruns).toBe(0);
    clock.advanceTo(450);
    expect(statusOf(substrate, 'slow').overruns).toBe(1);
    expect(aborted).toBe(true);
    expect(regionStateValue(substrate, 'slow').status).toBe('active');
    // the late settle of the cancelled tick is ignored
    const ticks = statusOf(substrate, 'slow').ticks;
    resolvers[1]!({ published: 5, consumedSinceLast: 0, cadenceHint: 'faster' });
    await flush();
    expect(statusOf(substrate, 'slow').ticks).toBe(ticks);
    // an overrun counts as slower (passes doubled), and the next tick is planned from the cancellation
    expect(statusOf(substrate, 'slow').passes).toBe(2);
    clock.advanceTo(649);
    expect(started).toBe(2);
    clock.advanceTo(650);
    expect(started).toBe(3);
  });

  it('an async tick that settles after the substrate fell asleep lands the region in sleeping', async () => {
    const resolvers: Array<(o: TickOutcome) => void> = [];
    const slowSleeper = defineRegion({
      id: 'slow',
      scope: 'global',
      pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] },
      buffer: { max: 1 },
      tick: () => new Promise<TickOutcome>((r) => resolvers.push(r)),
      sleepWork: () => ({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' }),
    });
    const { clock, substrate } = startSubstrate([slowSleeper]);
    clock.advanceTo(100);
    expect(regionStateValue(substrate, 'slow').status).toBe('awaiting');
    substrate.sleep('sleep'); // SLEEP arrives while the tick is in flight
    expect(regionStateValue(substrate, 'slow').status).toBe('awaiting');
    resolvers[0]!({ published: 1, consumedSinceLast: 0, cadenceHint: 'hold' });
    await flush();
    expect(regionStateValue(substrate, 'slow').status).toBe('sleeping');
    expect(statusOf(substrate, 'slow').ticks).toBe(1);
    clock.advanceTo(20_000); // sleepWork (synchronous) runs on the 10 s sleep pass
    expect(statusOf(substrate, 'slow').ticks).toBeGreaterThanOrEqual(2);
    expect(resolvers).toHaveLength(1);
  });
});
