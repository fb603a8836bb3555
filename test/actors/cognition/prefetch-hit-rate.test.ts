// In steady chat the hippocampus's prefetch is fresh for the next message (hit rate ≥ 0.7, the original's target);
// with the predictor off (the persistence baseline) it is lower; the first message on a channel is a degraded miss.
import { describe, expect, it } from 'vitest';
import { brain } from './fixtures.js';
import { ChatDriver, rateOf } from './chat-driver.js';

const personas = ['alice', 'bob', 'carol'];
const channels = ['eng', 'ops', 'random'];

function steadyChat(predictor: boolean, seed = 11) {
  const { clock, substrate } = brain(personas, { predictor });
  const driver = new ChatDriver({ personas, channels, seed, meanGapMs: 3000, shiftRate: 0.08 }, (p, c, t) => substrate.handle(p, c, t));
  driver.run(clock, 10 * 60_000);
  const warm = driver.stats.results.filter((r) => r.at >= 60_000); // past each channel's cold start
  substrate.stop();
  return { substrate, results: driver.stats.results, warm };
}

describe('prefetch hit rate', () => {
  it('steady chat: the prefetch hit rate is at least 0.7, and the telemetry says the same as the results', () => {
    const { substrate, results, warm } = steadyChat(true);
    expect(results.length).toBeGreaterThan(1000);
    expect(rateOf(warm, 'prefetch')).toBeGreaterThanOrEqual(0.7);
    expect(rateOf(warm, 'candidate')).toBeGreaterThanOrEqual(0.7);
    const t = substrate.cognition!.telemetry();
    expect(t.reads).toBe(results.length);
    expect(t.hits + t.partials + t.misses).toBe(t.reads);
    expect(t.hitRate).toBeCloseTo(rateOf(results, 'prefetch'), 10);
    // Every channel's first message has nothing staged: a miss with the degraded answer.
    const first = results.filter((r, i) => results.findIndex((x) => x.personaId === r.personaId && x.channelId === r.channelId) === i);
    expect(first).toHaveLength(personas.length * channels.length);
    for (const r of first) {
      expect(r.prefetch.outcome).toBe('miss');
      expect(r.degraded).toBe(true);
      expect(r.blend.adapters).toEqual({ conversational: 1 });
      expect(r.candidate.reply.basis).toEqual([]);
    }
  });

  it('with the predictor off (last message only, the no-op baseline) the hit rate is lower on the same chat', () => {
    const on = rateOf(steadyChat(true).warm, 'prefetch');
    const off = rateOf(steadyChat(false).warm, 'prefetch');
    expect(off).toBeLessThan(on - 0.05);
  });

  it('is deterministic: the same seed gives the same outcomes', () => {
    const a = steadyChat(true, 5).results.map((r) => `${r.prefetch.outcome}${r.candidate.outcome}${r.blend.outcome}${r.candidate.reply.text}`);
    const b = steadyChat(true, 5).results.map((r) => `${r.prefetch.outcome}${r.candidate.outcome}${r.blend.outcome}${r.candidate.reply.text}`);
    expect(a).toEqual(b);
  });
});
