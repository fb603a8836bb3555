// How createSubstrate enables cognition (a few lines there, the logic here): resolve the `cognition` option into a
// Cognition, add its four regions (unless the caller passed definitions with those ids, e.g. fault-wrapped ones),
// and bind it to the substrate — buffers by snapshot, and sleep-policy's phase requests deferred to a clock timer.
import type { Clock } from '../../runtime/clock.js';
import type { MessageBus } from '../../runtime/bus.js';
import type { ReadyBufferView } from '../../runtime/ready-buffer.js';
import type { RegionDefinition } from '../../runtime/region.js';
import type { SleepPhase } from '../../runtime/signals.js';
import { describeError } from '../../runtime/describe.js';
import { CognitionError } from './cognition-error.js';
import { createCognition, type Cognition } from './cognition.js';
import type { CognitionOptions } from './cognition-options.js';

/** Bus event when sleep-policy's request could not be delivered (e.g. the substrate stopped meanwhile). */
export const PHASE_REQUEST_FAILED = 'cognition:phase-request:failed';

const isCognition = (v: unknown): v is Cognition =>
  typeof v === 'object' && v !== null && typeof (v as Cognition).bind === 'function' && Array.isArray((v as Cognition).regions);

/** The `cognition` option resolved, and the substrate's regions with cognition's four added. */
export function prepareCognition(
  option: CognitionOptions | Cognition | undefined,
  regions: readonly RegionDefinition[],
  clock: Clock,
): { cognition: Cognition | undefined; regions: readonly RegionDefinition[] } {
  if (option === undefined) return { cognition: undefined, regions };
  const cognition = isCognition(option) ? option : createCognition(option, clock);
  if (cognition.clock !== clock) throw new CognitionError('invalid-option', 'createSubstrate: the cognition was created on another clock; pass the substrate\'s clock to createCognition');
  const given = new Set(regions.map((r) => r.id as string));
  return { cognition, regions: [...regions, ...cognition.regions.filter((r) => !given.has(r.id))] };
}

/** What the binding needs of the substrate. */
export interface CognitionHost {
  buffer(regionId: string, personaId: string): ReadyBufferView<string, unknown>;
  sleep(phase: SleepPhase): void;
  isRunning(): boolean;
  phase(): SleepPhase;
}

/** Binds `cognition` to a substrate: phase requests run on a 0 ms clock timer, never inside the requester's turn. */
export function bindCognition(cognition: Cognition, host: CognitionHost, clock: Clock, bus: MessageBus): void {
  cognition.bind({
    buffer: (regionId, personaId) => host.buffer(regionId, personaId),
    requestPhase: (phase) => {
      clock.setTimeout(() => {
        try {
          if (host.isRunning() && host.phase() !== phase) host.sleep(phase);
        } catch (error) {
          bus.publish(PHASE_REQUEST_FAILED, { phase, error: describeError(error) });
        }
      }, 0);
    },
  });
}
