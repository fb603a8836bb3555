// The `echo-prefetch` example region (per-persona): pre-stages one result per channel for handlers to read, and
// asks for a cadence from what was read — faster when reads miss or consume everything, slower when nobody reads.
import { defineRegion, type RegionDefinition } from '../../runtime/region.js';
import type { CadenceHint } from '../../runtime/signals.js';

export interface EchoPrefetchOptions {
  /** @default 'echo-prefetch' */
  id?: string;
  /** Channels pre-staged each tick (the buffer keys). @default ['general'] */
  channels?: readonly string[];
  /** @default 64 */
  bufferMax?: number;
}

/** The hint echo-prefetch asks for, from what handlers read since its previous tick. */
export function echoHint(published: number, consumed: number, misses: number): CadenceHint {
  if (misses > 0 || (published > 0 && consumed >= published)) return 'faster';
  if (consumed === 0) return 'slower';
  return 'hold';
}

/**
 * A per-persona region that publishes `{ channel, tick, text }` under each channel key every tick. Handlers read
 * it with `substrate.buffer('echo-prefetch', persona).peek(channel)`; their hits and misses drive its cadence.
 */
export function echoPrefetchRegion(options: EchoPrefetchOptions = {}): RegionDefinition {
  const channels = [...(options.channels ?? ['general'])];
  return defineRegion({
    id: options.id ?? 'echo-prefetch',
    scope: 'per-persona',
    description: 'Pre-stages one echo per channel; reads and misses drive its cadence.',
    pressureProfile: { memoryClass: 'moderate', computeClass: 'cpu', respondsTo: ['system-mem-high', 'thermal', 'battery-low'] },
    buffer: { max: options.bufferMax ?? 64 },
    tick: (ctx) => {
      for (const channel of channels) {
        ctx.buffer.publish(channel, { channel, tick: ctx.tickNumber, text: `echo ${ctx.personaId ?? ''}#${ctx.tickNumber} on ${channel}` }, ctx.tickNumber);
      }
      return {
        published: channels.length,
        consumedSinceLast: ctx.consumedSinceLast,
        cadenceHint: echoHint(channels.length, ctx.consumedSinceLast, ctx.missesSinceLast),
      };
    },
  });
}
