// Every event the substrate publishes on the bus, name → payload, in one typed map (colon-segmented names, as bus
// events are everywhere). Publishing goes through `publishSubstrateEvent`, so a name or a payload that is not in the
// map does not compile. Machine events are another vocabulary (src/machines: DOMAIN.VERB) and never reach the bus.
import type { MessageBus } from '../../runtime/bus.js';
import type { PersonaId, RegionId } from '../../runtime/ids.js';
import type { CadenceHint, PressureLevel, PressureSignal, PressureSignalKind, SleepPhase } from '../../runtime/signals.js';
import type { CascadeAction, CascadePolicy } from '../../policy/cascade.js';

/** Which region instance an event is about. */
interface RegionRef {
  region: RegionId;
  /** `null` for a global region. */
  personaId: PersonaId | null;
  /** The instance's system id (`<region>` or `<region>@<persona>`). */
  key: string;
}

/** The bus events of a substrate: name → payload. */
export interface SubstrateBusEvents {
  /** Every pressure signal the governor read, and what the cascade did with it. */
  'governor:pressure': { signal: PressureSignal; action: CascadeAction; gated: boolean; step: number };
  /** A cascade step change: the new versioned policy. */
  'governor:policy': CascadePolicy & { level: PressureLevel; cause: PressureSignalKind };
  'governor:sleep:transition': { from: SleepPhase; phase: SleepPhase };
  /** The governor is not giving a region what its hint asked (`reason: null` when that ends). */
  'governor:override': RegionRef & { hint: CadenceHint; reason: string | null };
  /** The governor actor itself failed (a bug): every later API call throws `SubstrateError` `failed`. */
  'governor:failed': { error: string };
  'persona:created': { personaId: PersonaId };
  'persona:destroyed': { personaId: PersonaId };
  /** A region failed and is restarted after `delayMs`. */
  'region:restarting': RegionRef & { attempt: number; delayMs: number; error: string };
  'region:restarted': RegionRef & { restarts: number };
  /** A region was given up on (restart intensity exceeded, or its cohort supervisor was). */
  'region:failed': RegionRef & { restartsInWindow: number; error: string };
  /** A cohort supervisor (`personas@<n>`) failed and is restarted after `delayMs`. */
  'supervisor:restarting': { id: string; error: string; attempt: number; delayMs: number };
  'supervisor:restarted': { id: string; restarts: number };
  'supervisor:failed': { id: string; error: string; restartsInWindow: number };
  /** A child that is neither a region nor a cohort failed (not expected; reported, never fatal). */
  'supervisor:child-failed': { supervisor: string; child: string; error: string };
  /** A `substrate.observe` listener threw (it is isolated). */
  'substrate:observer:failed': { event: string; error: string };
}

export type SubstrateBusEventName = keyof SubstrateBusEvents;

/** The names, for subscribers and tests (`subscribe('governor:*')` etc.). */
export const SUBSTRATE_BUS_EVENTS = [
  'governor:pressure', 'governor:policy', 'governor:sleep:transition', 'governor:override', 'governor:failed',
  'persona:created', 'persona:destroyed', 'region:restarting', 'region:restarted', 'region:failed',
  'supervisor:restarting', 'supervisor:restarted', 'supervisor:failed', 'supervisor:child-failed', 'substrate:observer:failed',
] as const satisfies readonly SubstrateBusEventName[];

/** Publishes one of the substrate's bus events (type-checked against `SubstrateBusEvents`). */
export function publishSubstrateEvent<K extends SubstrateBusEventName>(bus: MessageBus, name: K, payload: SubstrateBusEvents[K]): void {
  bus.publish(name, payload);
}
