// What the substrate reports to observers (the simulator's trace, tests, the inspector): one tagged union.
import type { PersonaId } from '../../runtime/ids.js';
import type { CadenceHint, PressureLevel, PressureSignal, PressureSignalKind, RegionSignal, SleepPhase } from '../../runtime/signals.js';
import type { RegionTelemetry } from '../../runtime/telemetry.js';
import type { CascadePolicy } from '../../policy/cascade.js';

/** Every observable thing the substrate does, in the order it happens. */
export type SubstrateEvent =
  | { type: 'tick'; at: number; telemetry: RegionTelemetry }
  | { type: 'decision'; at: number; key: string; hint: CadenceHint; passes: number; weight: number; intervalMs: number; nextDueAt: number | undefined }
  | { type: 'override'; at: number; key: string; reason: string | undefined; hint: CadenceHint }
  | { type: 'signal'; at: number; key: string; signal: RegionSignal }
  | { type: 'overrun'; at: number; key: string; budgetMs: number }
  | { type: 'restart-scheduled'; at: number; key: string; attempt: number; delayMs: number; error: string }
  | { type: 'restarted'; at: number; key: string }
  | { type: 'region-failed'; at: number; key: string; restartsInWindow: number; error: string }
  | { type: 'pressure'; at: number; signal: PressureSignal; step: number; gated: boolean }
  | { type: 'policy'; at: number; policy: CascadePolicy; level: PressureLevel; cause: PressureSignalKind }
  | { type: 'phase'; at: number; phase: SleepPhase }
  | { type: 'persona'; at: number; kind: 'created' | 'destroyed'; personaId: PersonaId }
  | { type: 'supervisor-failed'; at: number; id: string; error: string };

/** Receives substrate events synchronously. A listener that throws is isolated and reported on the bus. */
export type SubstrateListener = (event: SubstrateEvent) => void;
