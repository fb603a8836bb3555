// Tests for the restart policy: backoff and jitter, the restart-intensity limit, the quiet-period reset, and validation.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_RESTART_POLICY,
  backoffDelayMs,
  initialRestartHistory,
  recordFailure,
  resolveRestartPolicy,
  type RestartDecision,
  type RestartHistory,
  type RestartPolicy,
} from '../../src/policy/restart.js';
import { ValidationError } from '../../src/runtime/errors.js';
import { createRandom } from '../../src/runtime/random.js';

const noJitter = resolveRestartPolicy({ randomFactor: 0 });

/** Feeds failures at the given times; returns the decisions. */
function failAt(times: number[], policy: RestartPolicy, seed = 1): { decisions: RestartDecision[]; history: RestartHistory } {
  const random = createRandom(seed);
  let history = initialRestartHistory();
  const decisions: RestartDecision[] = [];
  for (const t of times) {
    const r = recordFailure(history, t, policy, random);
    history = r.history;
    decisions.push(r.decision);
  }
  return { decisions, history };
}

describe('backoffDelayMs', () => {
  it('without jitter doubles from minBackoffMs and caps at maxBackoffMs', () => {
    const random = createRandom(7);
    const seq = Array.from({ length: 12 }, (_, i) => backoffDelayMs(i, noJitter, random));
    expect(seq).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12_800, 25_600, 30_000, 30_000, 30_000]);
  });

  it('stays finite at huge attempts and is 0 when minBackoffMs is 0', () => {
    const random = createRandom(7);
    expect(backoffDelayMs(5000, noJitter, random)).toBe(30_000);
    expect(backoffDelayMs(5000, resolveRestartPolicy({ minBackoffMs: 0, randomFactor: 0 }), random)).toBe(0);
  });

  it('jitter lies in [d, d·(1 + randomFactor)) and repeats for the same seed', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.integer(), fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 2, noNaN: true })), (attempt, seed, randomFactor) => {
        const policy = resolveRestartPolicy({ randomFactor });
        const d = backoffDelayMs(attempt, noJitter, createRandom(seed));
        const j = backoffDelayMs(attempt, policy, createRandom(seed));
        expect(j).toBeGreaterThanOrEqual(d);
        if (randomFactor > 0) expect(j).toBeLessThan(d * (1 + randomFactor));
        expect(backoffDelayMs(attempt, policy, createRandom(seed))).toBe(j);
      }),
    );
  });

  it('draws exactly one number per call, also without jitter', () => {
    const a = createRandom(3);
    const b = createRandom(3);
    backoffDelayMs(0, noJitter, a);
    b.next();
    expect(a.next()).toBe(b.next());
  });
});

describe('recordFailure', () => {
  it('restarts with a growing delay, then gives up on the failure after maxRestarts within the window', () => {
    const { decisions } = failAt([0, 1000, 2000, 3000, 4000, 5000], noJitter);
    expect(decisions.slice(0, 5)).toEqual([
      { kind: 'restart', delayMs: 100, attempt: 0 },
      { kind: 'restart', delayMs: 200, attempt: 1 },
      { kind: 'restart', delayMs: 400, attempt: 2 },
      { kind: 'restart', delayMs: 800, attempt: 3 },
      { kind: 'restart', delayMs: 1600, attempt: 4 },
    ]);
    expect(decisions[5]).toEqual({ kind: 'give-up', restartsInWindow: 6 });
  });

  it('maxRestarts 0 gives up on the first failure', () => {
    expect(failAt([0], resolveRestartPolicy({ maxRestarts: 0 })).decisions).toEqual([{ kind: 'give-up', restartsInWindow: 1 }]);
  });

  it('a failure exactly withinMs ago is outside the window', () => {
    const policy = resolveRestartPolicy({ maxRestarts: 1, withinMs: 1000, randomFactor: 0 });
    expect(failAt([0, 1000], policy).decisions.map((d) => d.kind)).toEqual(['restart', 'restart']);
    expect(failAt([0, 999], policy).decisions.map((d) => d.kind)).toEqual(['restart', 'give-up']);
  });

  it('failures spread wider than the window never give up, and the history stays bounded', () => {
    const policy = resolveRestartPolicy({ maxRestarts: 2, withinMs: 10_000, randomFactor: 0 });
    const times = Array.from({ length: 500 }, (_, i) => i * 5_001);
    const { decisions, history } = failAt(times, policy);
    expect(decisions.every((d) => d.kind === 'restart')).toBe(true);
    expect(history.failures.length).toBeLessThanOrEqual(policy.maxRestarts + 1);
  });

  it('resets the backoff exponent after a quiet period of resetAfterMs', () => {
    const policy = resolveRestartPolicy({ randomFactor: 0, withinMs: 10_000, resetAfterMs: 5_000 });
    const { decisions } = failAt([0, 1000, 2000, 7000, 7100], policy);
    expect(decisions.map((d) => (d.kind === 'restart' ? d.attempt : -1))).toEqual([0, 1, 2, 0, 1]);
    expect(decisions[3]).toEqual({ kind: 'restart', delayMs: 100, attempt: 0 });
  });

  it('does not reset before the quiet period', () => {
    const policy = resolveRestartPolicy({ randomFactor: 0, withinMs: 10_000, resetAfterMs: 5_000 });
    expect(failAt([0, 4999], policy).decisions[1]).toMatchObject({ attempt: 1 });
  });

  it('does not mutate the history it is given', () => {
    const h = initialRestartHistory();
    recordFailure(h, 0, DEFAULT_RESTART_POLICY, createRandom(1));
    expect(h).toEqual({ failures: [], attempt: 0 });
  });

  it('property: with failures k·gap apart, it gives up iff more than maxRestarts fall in one window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 1, max: 20 }), (maxRestarts, gap, count) => {
        const policy = resolveRestartPolicy({ maxRestarts, withinMs: 60_000 });
        const times = Array.from({ length: count }, (_, i) => i * gap);
        const { decisions } = failAt(times, policy);
        const perWindow = Math.ceil(60_000 / gap); // failures that fit in an open window of 60 s
        const firstGiveUp = decisions.findIndex((d) => d.kind === 'give-up');
        if (Math.min(perWindow, count) > maxRestarts) expect(firstGiveUp).toBe(maxRestarts);
        else expect(firstGiveUp).toBe(-1);
      }),
    );
  });
});

describe('resolveRestartPolicy', () => {
  it('returns the documented defaults, and resetAfterMs follows withinMs', () => {
    expect(resolveRestartPolicy()).toEqual({ minBackoffMs: 100, maxBackoffMs: 30_000, randomFactor: 0.2, maxRestarts: 5, withinMs: 60_000, resetAfterMs: 60_000 });
    expect(resolveRestartPolicy({ withinMs: 10_000 }).resetAfterMs).toBe(10_000);
    expect(resolveRestartPolicy({ withinMs: 10_000, resetAfterMs: 2_000 }).resetAfterMs).toBe(2_000);
  });

  it.each([
    [{ minBackoffMs: -1 }, /minBackoffMs/],
    [{ maxBackoffMs: Number.NaN }, /maxBackoffMs/],
    [{ minBackoffMs: 500, maxBackoffMs: 100 }, /at most maxBackoffMs/],
    [{ randomFactor: -0.1 }, /randomFactor/],
    [{ maxRestarts: 2.5 }, /maxRestarts/],
    [{ maxRestarts: Number.POSITIVE_INFINITY }, /maxRestarts/],
    [{ maxRestarts: -1 }, /maxRestarts/],
    [{ withinMs: 0 }, /withinMs/],
    [{ resetAfterMs: -5 }, /resetAfterMs/],
  ] as [Partial<RestartPolicy>, RegExp][])('rejects %j', (partial, message) => {
    expect(() => resolveRestartPolicy(partial)).toThrow(ValidationError);
    expect(() => resolveRestartPolicy(partial)).toThrow(message);
  });
});
