// OTP-style restart policy, pure: exponential backoff with seeded jitter, a restart-intensity limit, and a small failure tracker.
import { ValidationError } from '../runtime/errors.js';
import type { Random } from '../runtime/random.js';

/**
 * How a supervisor restarts a failed child. A child that fails more than `maxRestarts` times within
 * `withinMs` is given up on (marked failed); otherwise it is restarted after an exponential backoff.
 *
 * Tuning: with the defaults a crash loop is restarted after ~100, 200, 400, 800, 1600 ms and given up on
 * at the 6th failure within a minute. A child that fails once an hour is restarted forever, each time
 * after ~100 ms (the exponent resets after `resetAfterMs` of quiet).
 *
 * Common mistakes: `maxRestarts: 0` gives up on the first failure; a `withinMs` shorter than the total
 * backoff of `maxRestarts` restarts means the limit can never trip (the failures never share a window).
 */
export interface RestartPolicy {
  /** Delay before the first restart, ms. @default 100 */
  minBackoffMs: number;
  /** Cap on the delay before jitter, ms. @default 30_000 */
  maxBackoffMs: number;
  /** Jitter: the delay is multiplied by 1 + U[0, randomFactor). @default 0.2 */
  randomFactor: number;
  /** Restarts allowed within `withinMs`; one more failure gives up. An integer ≥ 0. @default 5 */
  maxRestarts: number;
  /** The intensity window, ms. @default 60_000 */
  withinMs: number;
  /** Quiet time after which the backoff exponent resets to 0, ms. @default withinMs */
  resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: Readonly<RestartPolicy> = Object.freeze({
  minBackoffMs: 100,
  maxBackoffMs: 30_000,
  randomFactor: 0.2,
  maxRestarts: 5,
  withinMs: 60_000,
  resetAfterMs: 60_000,
});

function fail(key: string, value: unknown, rule: string): never {
  throw new ValidationError(`restart policy "${key}" must be ${rule}, got ${JSON.stringify(value)}; fix it or leave it out to use the default`, { key, value });
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Merges `partial` over the defaults and validates it. `resetAfterMs` defaults to the resolved `withinMs`.
 *
 * @throws ValidationError for a negative or non-finite time, `minBackoffMs > maxBackoffMs`, a negative or
 * non-finite `randomFactor`, a `maxRestarts` that is not an integer ≥ 0, or `withinMs ≤ 0`.
 * @example
 * resolveRestartPolicy({ maxRestarts: 3, withinMs: 10_000 }); // resetAfterMs 10_000
 */
export function resolveRestartPolicy(partial: Partial<RestartPolicy> = {}): RestartPolicy {
  const withinMs = partial.withinMs ?? DEFAULT_RESTART_POLICY.withinMs;
  const p: RestartPolicy = {
    minBackoffMs: partial.minBackoffMs ?? DEFAULT_RESTART_POLICY.minBackoffMs,
    maxBackoffMs: partial.maxBackoffMs ?? DEFAULT_RESTART_POLICY.maxBackoffMs,
    randomFactor: partial.randomFactor ?? DEFAULT_RESTART_POLICY.randomFactor,
    maxRestarts: partial.maxRestarts ?? DEFAULT_RESTART_POLICY.maxRestarts,
    withinMs,
    resetAfterMs: partial.resetAfterMs ?? withinMs,
  };
  if (!finite(p.minBackoffMs) || p.minBackoffMs < 0) fail('minBackoffMs', p.minBackoffMs, 'a finite number ≥ 0');
  if (!finite(p.maxBackoffMs) || p.maxBackoffMs < 0) fail('maxBackoffMs', p.maxBackoffMs, 'a finite number ≥ 0');
  if (p.minBackoffMs > p.maxBackoffMs) fail('minBackoffMs', p.minBackoffMs, `at most maxBackoffMs (${p.maxBackoffMs})`);
  if (!finite(p.randomFactor) || p.randomFactor < 0) fail('randomFactor', p.randomFactor, 'a finite number ≥ 0');
  if (!Number.isSafeInteger(p.maxRestarts) || p.maxRestarts < 0) fail('maxRestarts', p.maxRestarts, 'an integer ≥ 0 (a bound is required)');
  if (!finite(p.withinMs) || p.withinMs <= 0) fail('withinMs', p.withinMs, 'a finite number > 0');
  if (!finite(p.resetAfterMs) || p.resetAfterMs < 0) fail('resetAfterMs', p.resetAfterMs, 'a finite number ≥ 0');
  return p;
}

/**
 * The delay before restart number `attempt` (0-based): min(max, min · 2^attempt) × (1 + random.next() · randomFactor).
 * The cap applies before the jitter, so a delay lies in [d, d · (1 + randomFactor)) and can exceed
 * `maxBackoffMs` by up to that factor. Draws exactly one number from `random`, also when randomFactor is 0.
 *
 * @example
 * backoffDelayMs(3, { ...DEFAULT_RESTART_POLICY, randomFactor: 0 }, createRandom(1)); // 800
 */
export function backoffDelayMs(attempt: number, policy: RestartPolicy, random: Random): number {
  const a = attempt > 0 ? attempt : 0;
  const exp = policy.minBackoffMs === 0 ? 0 : policy.minBackoffMs * 2 ** a;
  const base = exp < policy.maxBackoffMs ? exp : policy.maxBackoffMs;
  return base * (1 + random.next() * policy.randomFactor);
}

/** What the tracker remembers about one child's failures. Treat as immutable. */
export interface RestartHistory {
  /** Times of recent failures, oldest first: only those inside the window, and at most `maxRestarts + 1`. */
  readonly failures: readonly number[];
  /** The backoff exponent for the next restart (0-based). */
  readonly attempt: number;
  readonly lastFailureAt?: number;
}

export type RestartDecision =
  | { kind: 'restart'; delayMs: number; attempt: number }
  | { kind: 'give-up'; restartsInWindow: number };

/** A history with no failures. */
export const initialRestartHistory = (): RestartHistory => ({ failures: [], attempt: 0 });

/**
 * Records a failure at `now` and decides. A failure at time t is inside the window while now − t < withinMs.
 * 1. If the previous failure was at least `resetAfterMs` ago, the backoff exponent restarts at 0.
 * 2. If the failures inside the window, this one included, exceed `maxRestarts` → `give-up`
 *    (`restartsInWindow` is that count, so `maxRestarts + 1`).
 * 3. Otherwise → `restart` after `backoffDelayMs(attempt)`, and the next attempt is attempt + 1.
 *
 * @example
 * let h = initialRestartHistory();
 * const r = recordFailure(h, clock.now(), policy, random); h = r.history;
 * if (r.decision.kind === 'restart') clock.setTimeout(respawn, r.decision.delayMs);
 */
export function recordFailure(history: RestartHistory, now: number, policy: RestartPolicy, random: Random): { history: RestartHistory; decision: RestartDecision } {
  const quiet = history.lastFailureAt === undefined || now - history.lastFailureAt >= policy.resetAfterMs;
  const attempt = quiet ? 0 : history.attempt;

  const keep = policy.maxRestarts + 1;
  const failures: number[] = [];
  for (const t of history.failures) if (now - t < policy.withinMs) failures.push(t);
  failures.push(now);
  if (failures.length > keep) failures.splice(0, failures.length - keep);

  if (failures.length > policy.maxRestarts) {
    return { history: { failures, attempt, lastFailureAt: now }, decision: { kind: 'give-up', restartsInWindow: failures.length } };
  }
  const delayMs = backoffDelayMs(attempt, policy, random);
  return { history: { failures, attempt: attempt + 1, lastFailureAt: now }, decision: { kind: 'restart', delayMs, attempt } };
}
