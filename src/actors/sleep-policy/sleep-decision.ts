// Sleep-policy's decision (pure) and its state: the phase the quiet time calls for, and the edge-triggered requests
// it sends the governor (only when its own decision changes, so an explicit `substrate.sleep()` call sticks until
// activity changes that decision). Regions request, the governor decides.
import type { SleepPhase } from '../../runtime/signals.js';

export interface SleepThresholds {
  /** Quiet this long → idle. */
  idleAfterMs: number;
  /** Quiet this long → sleep (greater than idleAfterMs). */
  sleepAfterMs: number;
}

/** The phase a quiet period of `quietForMs` calls for: active below idleAfterMs, idle below sleepAfterMs, then sleep. */
export function phaseForQuiet(quietForMs: number, t: SleepThresholds): SleepPhase {
  if (quietForMs >= t.sleepAfterMs) return 'sleep';
  if (quietForMs >= t.idleAfterMs) return 'idle';
  return 'active';
}

/** One phase request sleep-policy made. */
export interface PhaseRequest {
  readonly at: number;
  readonly phase: SleepPhase;
  readonly reason: 'quiet' | 'message';
}

/** Sleep-policy's memory, shared by its region tick and the handler's wake-up (one per substrate). */
export class SleepPolicyState {
  /** Clock time of the newest message to any persona (or when cognition started). */
  lastActivityAt: number;
  /** The phase sleep-policy last decided. */
  decided: SleepPhase = 'active';
  /** The most recent requests, oldest first (bounded). */
  readonly requests: PhaseRequest[] = [];
  /** Set by the substrate: sends the request to the governor (deferred, never inside the caller's turn). */
  send: ((phase: SleepPhase) => void) | undefined;

  constructor(now: number, readonly thresholds: SleepThresholds) {
    this.lastActivityAt = now;
  }

  /** Requests `phase` when it differs from the last decision; returns whether a request was made. */
  decide(phase: SleepPhase, at: number, reason: PhaseRequest['reason']): boolean {
    if (phase === this.decided) return false;
    this.decided = phase;
    this.requests.push({ at, phase, reason });
    if (this.requests.length > 256) this.requests.shift();
    this.send?.(phase);
    return true;
  }

  /** A message arrived: activity now, and back to active if sleep-policy had decided otherwise. */
  onMessage(at: number): void {
    this.lastActivityAt = at;
    if (this.decided !== 'active') this.decide('active', at, 'message');
  }
}
