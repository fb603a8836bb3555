// The governor's published policy as an @xstate/store: many read it by snapshot (handlers, the report, the
// inspector), only the governor writes it, through events. Subscribers are told on every change.
import { createStore } from '@xstate/store';
import type { PressureLevel, PressureSignalKind, SleepPhase } from '../../runtime/signals.js';
import type { CascadePolicy } from '../../policy/cascade.js';

/** The governor's published policy and the pressure level and sleep phase it implies. */
export interface PolicySnapshot extends CascadePolicy {
  level: PressureLevel;
  phase: SleepPhase;
  /** Cascade step changes so far. */
  transitionCount: number;
  /** The signal kind that caused the last step change, if any. */
  cause: PressureSignalKind | null;
}

/** Creates the store the governor publishes its policy into (version 0, step 0, nominal, active). */
export function createPolicyStore(now: number) {
  const context: PolicySnapshot = { version: 0, step: 0, committedAt: now, level: 'nominal', phase: 'active', transitionCount: 0, cause: null };
  return createStore({
    context,
    on: {
      committed: (ctx, e: { policy: CascadePolicy; level: PressureLevel; cause: PressureSignalKind; transitionCount: number }) => ({
        ...ctx,
        version: e.policy.version,
        step: e.policy.step,
        committedAt: e.policy.committedAt,
        level: e.level,
        cause: e.cause,
        transitionCount: e.transitionCount,
      }),
      phaseChanged: (ctx, e: { phase: SleepPhase }) => ({ ...ctx, phase: e.phase }),
      /** A persisted substrate was restored: the policy it had published. */
      restored: (_ctx, e: { policy: PolicySnapshot }) => ({ ...e.policy }),
    },
  });
}

export type PolicyStore = ReturnType<typeof createPolicyStore>;

/** What users get: read and subscribe, never write (only the governor publishes policy). */
export type PolicyStoreView = Pick<PolicyStore, 'getSnapshot' | 'subscribe' | 'select'>;
