// `continuum demo`: a short live run of the substrate on the simulated clock — two example regions, two personas,
// handler reads, a pressure spike and a sleep phase — printing what the governor did.
import type { Command } from 'commander';
import { createSimulatedClock } from '../runtime/clock.js';
import { createSubstrate } from '../substrate/create-substrate.js';
import { heartbeatRegion } from '../actors/examples/heartbeat.js';
import { echoPrefetchRegion } from '../actors/examples/echo-prefetch.js';

export function runDemo(print: (line: string) => void = console.log): void {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: [heartbeatRegion(), echoPrefetchRegion({ channels: ['general', 'random'] })], clock, seed: 42 }).start();
  substrate.bus.subscribe('governor:*', (payload, name) => print(`  t=${clock.now()} ms  ${name} ${JSON.stringify(payload)}`));
  substrate.bus.subscribe('region:*', (payload, name) => print(`  t=${clock.now()} ms  ${name} ${JSON.stringify(payload)}`));
  substrate.spawnPersona('alice');
  substrate.spawnPersona('bob');
  // alice's handler reads her buffer every 50 ms; bob's nobody reads.
  const reader = (): void => {
    substrate.buffer('echo-prefetch', 'alice').peek('general');
    clock.setTimeout(reader, 50);
  };
  clock.setTimeout(reader, 50);
  clock.advanceTo(10_000);
  substrate.pressure({ kind: 'vram-high', usedPct: 92 });
  substrate.pressure({ kind: 'thermal', severity: 'critical' });
  clock.advanceTo(20_000);
  substrate.pressure({ kind: 'thermal', severity: 'cool' });
  substrate.sleep('sleep');
  clock.advanceTo(80_000);
  substrate.sleep('active');
  clock.advanceTo(90_000);
  print('');
  print('region                 ticks  passes  interval  cadence  weight  state');
  for (const r of substrate.regions()) {
    print(`${r.key.padEnd(22)} ${String(r.ticks).padStart(5)}  ${String(r.passes).padStart(6)}  ${`${r.intervalMs}ms`.padStart(8)}  ${r.cadence.padEnd(7)}  ${r.weight.toFixed(2).padStart(6)}  ${r.state}`);
  }
  substrate.stop();
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a short live demo of the substrate on the simulated clock and print what the governor decided')
    .action(() => runDemo());
}
