// Algorithm 2: the six-term score with the original's weights and biases; other channels penalized, never excluded.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channelId, engramId, personaId } from '../../src/runtime/ids.js';
import { resolveDecay } from '../../src/memory/decay.js';
import type { Engram } from '../../src/memory/engram.js';
import { MemoryError } from '../../src/memory/errors.js';
import { combineScore, DEFAULT_SCORE_BIASES, DEFAULT_SCORE_WEIGHTS, resolveScoreBiases, resolveScoreWeights, scoreTerms, type ScoreContext } from '../../src/memory/score.js';

const unit = (xs: number[]): Float32Array => {
  const v = Float32Array.from(xs);
  const n = Math.hypot(...xs);
  return n === 0 ? v : v.map((x) => x / n);
};

const engram = (over: Partial<Engram> = {}): Engram => ({
  id: engramId('e1'), personaId: personaId('p'), channelId: channelId('general'), taskDomain: 'code', text: 'x',
  embedding: unit([1, 0]), createdAt: 0, lastTouched: 0, accessCount: 0, salience: 0.5, source: 'test', ...over,
});

const ctx = (over: Partial<ScoreContext> = {}): ScoreContext => ({
  channelId: channelId('general'), taskDomain: 'code', embedding: unit([1, 0]), now: 0, biases: DEFAULT_SCORE_BIASES, decay: resolveDecay(), ...over,
});

describe('channel as a bias (algorithm 2)', () => {
  it('uses 0.35/0.15/0.10/0.20/0.10/0.10, which sum to 1', () => {
    const w = DEFAULT_SCORE_WEIGHTS;
    expect([w.topical, w.channelBias, w.domainBias, w.salience, w.recency, w.structural]).toEqual([0.35, 0.15, 0.1, 0.2, 0.1, 0.1]);
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('scores a perfect same-channel, same-domain, fresh, salient, central engram 1', () => {
    const t = scoreTerms(ctx(), engram({ salience: 1 }), 1);
    expect(t).toEqual({ topical: 1, channelBias: 1, domainBias: 1, salience: 1, recency: 1, structural: 1 });
    expect(combineScore(t)).toBeCloseTo(1, 6);
  });

  it('gives other channels 0.6 and other domains 0.7 — a penalty of 0.06 and 0.03, never an exclusion', () => {
    const same = combineScore(scoreTerms(ctx(), engram(), 0));
    const otherChannel = scoreTerms(ctx(), engram({ channelId: channelId('random') }), 0);
    const otherDomain = scoreTerms(ctx(), engram({ taskDomain: 'chat' }), 0);
    expect(otherChannel.channelBias).toBe(0.6);
    expect(otherDomain.domainBias).toBe(0.7);
    expect(same - combineScore(otherChannel)).toBeCloseTo(0.15 * 0.4, 6);
    expect(same - combineScore(otherDomain)).toBeCloseTo(0.1 * 0.3, 6);
    expect(combineScore(otherChannel)).toBeGreaterThan(0);
  });

  it('a strongly topical engram from another channel outranks a weak one from this channel', () => {
    const near = combineScore(scoreTerms(ctx(), engram({ channelId: channelId('random') }), 0));
    const far = combineScore(scoreTerms(ctx(), engram({ embedding: unit([0, 1]) }), 0));
    expect(near).toBeGreaterThan(far);
  });

  it('clamps a negative cosine to topical 0', () => {
    expect(scoreTerms(ctx(), engram({ embedding: unit([-1, 0]) }), 0).topical).toBe(0);
  });

  it('keeps every term and the score finite and in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -1e9, max: 1e12, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (q, e, salience, age, structural) => {
          const t = scoreTerms(ctx({ embedding: unit(q), now: 1e12 }), engram({ embedding: unit(e), salience, lastTouched: 1e12 - age }), structural);
          for (const v of Object.values(t)) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          const s = combineScore(t);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1 + 1e-9);
        },
      ),
    );
  });

  it('normalizes tuned weights to sum 1 and rejects negative, NaN or all-zero weights', () => {
    const w = resolveScoreWeights({ topical: 0.7 });
    expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w.topical / w.salience).toBeCloseTo(0.7 / 0.2, 9);
    expect(() => resolveScoreWeights({ topical: -0.1 })).toThrow(MemoryError);
    expect(() => resolveScoreWeights({ topical: Number.NaN })).toThrow(MemoryError);
    expect(() => resolveScoreWeights({ topical: 0, channelBias: 0, domainBias: 0, salience: 0, recency: 0, structural: 0 })).toThrow(MemoryError);
  });

  it('refuses a bias of 0 (a filter in disguise) or an other-channel bias above the same-channel one', () => {
    expect(() => resolveScoreBiases({ otherChannel: 0 })).toThrow(expect.objectContaining({ kind: 'invalid-weight' }));
    expect(() => resolveScoreBiases({ otherChannel: 1, sameChannel: 0.5 })).toThrow(MemoryError);
    expect(resolveScoreBiases({ otherChannel: 1, otherDomain: 1 })).toMatchObject({ otherChannel: 1, otherDomain: 1 });
  });
});
