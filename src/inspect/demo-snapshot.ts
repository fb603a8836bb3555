// The built-in demo setup for `continuum demo` and `continuum visualize --snapshot`: the demo's regions, personas and script on the
// simulated clock, run to a chosen time so the live actor tree can be drawn.
import { createSimulatedClock } from '../runtime/clock.js';
import { createSubstrate, type Substrate } from '../create-substrate.js';
import { heartbeatRegion } from '../actors/examples/heartbeat.js';
import { echoPrefetchRegion } from '../actors/examples/echo-prefetch.js';
import { InspectError } from './inspect-error.js';

/** Options of {@link runDemoSnapshot}. */
export interface DemoSnapshotOptions {
  /** Simulated time to run to, in ms. @default 10000 */
  at?: number;
  /** @default 42 (the demo's seed) */
  seed?: number;
  /** Called once the substrate has started, before the personas are spawned (e.g. to subscribe to the bus). */
  onStart?: (substrate: Substrate) => void;
}

/**
 * Starts the demo substrate (heartbeat + echo-prefetch, personas alice and bob, alice's handler reading every
 * 50 ms) and replays the demo's script up to `at`: pressure spike at 10 s, cool-down and sleep at 20 s, wake at
 * 80 s. Returns the running substrate; the caller stops it.
 *
 * @example
 * const substrate = runDemoSnapshot({ at: 30_000 });
 * console.log(actorTreeToMermaid(substrate));
 * substrate.stop();
 */
export function runDemoSnapshot(options: DemoSnapshotOptions = {}): Substrate {
  const at = options.at ?? 10_000;
  if (!Number.isFinite(at) || at < 0) throw new InspectError('invalid-option', `--at must be a time in ms ≥ 0, got ${at}`);
  const clock = createSimulatedClock();
  const substrate = createSubstrate({
    regions: [heartbeatRegion(), echoPrefetchRegion({ channels: ['general', 'random'] })],
    clock,
    seed: options.seed ?? 42,
  }).start();
  options.onStart?.(substrate);
  substrate.spawnPersona('alice');
  substrate.spawnPersona('bob');
  const reader = (): void => {
    substrate.buffer('echo-prefetch', 'alice').peek('general');
    clock.setTimeout(reader, 50);
  };
  clock.setTimeout(reader, 50);
  const script: Array<[number, () => void]> = [
    [10_000, () => {
      substrate.pressure({ kind: 'vram-high', usedPct: 92 });
      substrate.pressure({ kind: 'thermal', severity: 'critical' });
    }],
    [20_000, () => {
      substrate.pressure({ kind: 'thermal', severity: 'cool' });
      substrate.sleep('sleep');
    }],
    [80_000, () => substrate.sleep('active')],
  ];
  for (const [when, step] of script) {
    if (when > at) break;
    clock.advanceTo(when);
    step();
  }
  clock.advanceTo(at);
  return substrate;
}
