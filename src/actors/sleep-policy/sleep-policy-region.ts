// The `sleep-policy` region (global): watches activity and drives the sleep phase through the governor —
// active → idle after `idleAfterMs` of quiet, idle → sleep after `sleepAfterMs`, back to active on a message.
import { defineRegion, type RegionDefinition, type RegionTickContext } from '../../runtime/region.js';
import type { TickOutcome } from '../../runtime/telemetry.js';
import { phaseForQuiet, type SleepPolicyState } from './sleep-decision.js';
import type { SleepDecision } from '../cognition/prefetch-types.js';
import { SLEEP_POLICY } from '../cognition/prefetch-types.js';

/**
 * Global, not per persona: the governor has one sleep phase for the whole substrate, so one instance decides it from
 * the activity of every persona (the quiet time since the newest message to any of them). It ticks while asleep
 * (`sleepWork`) but waking does not wait for a tick: the handler tells its state of a message at once.
 */
export function sleepPolicyRegion(state: SleepPolicyState): RegionDefinition {
  const body = (ctx: RegionTickContext): TickOutcome => {
    const now = ctx.clock.now();
    const quietForMs = now - state.lastActivityAt;
    const phase = phaseForQuiet(quietForMs, state.thresholds);
    state.decide(phase, now, phase === 'active' ? 'message' : 'quiet');
    const decision: SleepDecision = { at: now, phase: state.decided, quietForMs };
    ctx.buffer.publish('phase', decision, ctx.tickNumber);
    return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
  };
  return defineRegion({
    id: SLEEP_POLICY,
    scope: 'global',
    description: `Drives the phase: idle after ${state.thresholds.idleAfterMs} ms of quiet, sleep after ${state.thresholds.sleepAfterMs} ms, active on a message.`,
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
    buffer: { max: 1 },
    tick: body,
    sleepWork: body,
  });
}
