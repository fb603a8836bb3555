// The `heartbeat` example region (global): publishes its tick number and time each tick; asks for the base rate
// when awake (`faster` resets the cadence table to one pass), holds while asleep, slows down at critical pressure.
import { defineRegion, type RegionDefinition } from '../../runtime/region.js';

/** Options of the heartbeat region. */
export interface HeartbeatOptions {
  /** @default 'heartbeat' */
  id?: string;
}

/**
 * A global region that publishes `{ tick, at }` under the key `beat` every tick. Useful to see the schedule work:
 * it beats on every base pass while awake (its hint is `faster`, one pass), keeps its pace asleep (`sleepWork`),
 * and backs off at critical pressure (`pressureWork` asks `slower`) — then returns to the base rate.
 *
 * @example
 * createSubstrate({ regions: [heartbeatRegion()] }).start();
 */
export function heartbeatRegion(options: HeartbeatOptions = {}): RegionDefinition {
  return defineRegion({
    id: options.id ?? 'heartbeat',
    scope: 'global',
    description: 'Publishes its tick number and time under "beat" every tick.',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: ['thermal', 'battery-low'] },
    buffer: { max: 1 },
    tick: (ctx) => {
      ctx.buffer.publish('beat', { tick: ctx.tickNumber, at: ctx.clock.now() }, ctx.tickNumber);
      return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'faster' };
    },
    sleepWork: (ctx) => {
      ctx.buffer.publish('beat', { tick: ctx.tickNumber, at: ctx.clock.now(), asleep: true }, ctx.tickNumber);
      return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' };
    },
    pressureWork: (ctx) => ({ published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'slower' }),
  });
}
