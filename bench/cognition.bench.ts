// Cognition benchmarks (issue #11): handle() p50/p99 with the four cognition regions running for 1,000 personas,
// beside a plain-JS handler doing the same bookkeeping (validate, append to a ring, three map reads), and region
// ticks/s of the four real regions under chat traffic beside the example regions' (heartbeat + echo-prefetch) figure.
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { createRandom } from '../src/runtime/random.js';
import { createSubstrate, type Substrate } from '../src/create-substrate.js';
import { heartbeatRegion } from '../src/actors/examples/heartbeat.js';
import { echoPrefetchRegion } from '../src/actors/examples/echo-prefetch.js';
import { sink, type BenchEntry } from './harness.js';

const PERSONAS = 1_000;
const CHANNELS = ['eng', 'ops'];
const TOPICS = [
  'postgres migration users table lock index schema rollback batch',
  'kubernetes deploy cluster pod helm ingress rollout node',
  'invoice billing stripe refund customer payment subscription tax',
  'roadmap quarter launch milestone feature priority estimate scope',
].map((t) => t.split(' '));

const random = createRandom(17);
function message(topic: readonly string[]): string {
  const n = 3 + Math.floor(random.next() * 4);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(topic[Math.floor(random.next() * topic.length)]!);
  return random.next() < 0.2 ? `how do we handle the ${w.join(' ')}?` : w.join(' and ');
}
const topicOf = (p: number, c: number): readonly string[] => TOPICS[(p + c) % TOPICS.length]!;

/** A substrate with cognition and 1,000 personas, warmed up by `warmMs` of chat (each channel: a message per ~8 s). */
function brain(warmMs: number): { substrate: Substrate; clock: ReturnType<typeof createSimulatedClock> } {
  const clock = createSimulatedClock();
  const substrate = createSubstrate({ regions: [], clock, seed: 1, cognition: { memoryMax: 500 } }).start();
  for (let p = 0; p < PERSONAS; p++) substrate.spawnPersona(`p${p}`);
  chat(substrate, clock, warmMs, 8_000);
  return { substrate, clock };
}

/** Delivers chat for `ms` of simulated time (one message per channel per ~`gapMs`), advancing the clock in 100 ms steps. */
function chat(substrate: Substrate, clock: ReturnType<typeof createSimulatedClock>, ms: number, gapMs: number): number {
  const end = clock.now() + ms;
  const perStep = Math.max(1, Math.round((PERSONAS * CHANNELS.length * 100) / gapMs));
  let sent = 0;
  while (clock.now() < end) {
    for (let i = 0; i < perStep; i++) {
      const p = Math.floor(random.next() * PERSONAS);
      const c = Math.floor(random.next() * CHANNELS.length);
      substrate.handle(`p${p}`, CHANNELS[c]!, message(topicOf(p, c)));
      sent++;
    }
    clock.advanceBy(100);
  }
  return sent;
}

const percentile = (xs: Float64Array, q: number): number => {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** A plain-JS handler doing the same bookkeeping: validate, append to a bounded ring, three Map reads, a result object. */
function plainHandler() {
  const rings = new Map<string, { seq: number; entries: unknown[] }>();
  const staged = new Map<string, { terms: Set<string>; engrams: unknown[] }>();
  for (let p = 0; p < PERSONAS; p++) {
    for (const c of CHANNELS) {
      rings.set(`p${p}|${c}`, { seq: 0, entries: new Array(32) });
      for (const kind of ['prefetch', 'blend', 'candidates']) staged.set(`p${p}|${kind}:${c}`, { terms: new Set(topicOf(p, 0)), engrams: [] });
    }
  }
  return (personaId: string, channelId: string, text: string) => {
    if (typeof personaId !== 'string' || typeof channelId !== 'string' || typeof text !== 'string' || text.length === 0 || text.length > 16_384) throw new Error('bad input');
    const ring = rings.get(`${personaId}|${channelId}`)!;
    ring.entries[++ring.seq % 32] = { text, at: 0 };
    const a = staged.get(`${personaId}|prefetch:${channelId}`);
    const b = staged.get(`${personaId}|blend:${channelId}`);
    const c = staged.get(`${personaId}|candidates:${channelId}`);
    const first = text.slice(0, text.indexOf(' ') >>> 0).toLowerCase();
    return { personaId, channelId, prefetch: a?.terms.has(first) ? 'hit' : 'partial', blend: b, candidate: c };
  };
}

/** GC pauses seen by a PerformanceObserver: [start, end] in performance.now() ms. */
function gcWatch(): { spans: Array<[number, number]>; stop(): void } {
  const spans: Array<[number, number]> = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) spans.push([e.startTime, e.startTime + e.duration]);
  });
  obs.observe({ entryTypes: ['gc'] });
  return { spans, stop: () => obs.disconnect() };
}

/**
 * Times `calls` calls one by one (µs), `perStep` calls per 100 ms clock step (the regions tick between), and marks
 * the calls during which a garbage collection ran (the collector is paid by whoever allocates when the young
 * generation is full — here mostly filled by the regions' ticks between the calls).
 */
async function timeCalls(call: (p: string, c: string, text: string) => unknown, calls: number, perStep: number, step?: () => void): Promise<{ us: Float64Array; gc: Uint8Array }> {
  const us = new Float64Array(calls);
  const at = new Float64Array(calls * 2);
  const texts = Array.from({ length: 256 }, (_, i) => message(TOPICS[i % TOPICS.length]!));
  const watch = gcWatch();
  for (let i = 0; i < calls; i++) {
    const p = Math.floor(random.next() * PERSONAS);
    const c = CHANNELS[i & 1]!;
    const text = texts[i & 255]!;
    const s0 = performance.now();
    const t0 = process.hrtime.bigint();
    sink.value = call(`p${p}`, c, text);
    us[i] = Number(process.hrtime.bigint() - t0) / 1000;
    at[2 * i] = s0;
    at[2 * i + 1] = performance.now();
    if (step && i % perStep === perStep - 1) step();
  }
  await new Promise<void>((r) => setTimeout(r, 50)); // the observer delivers its entries asynchronously
  watch.stop();
  return { us, gc: markGc(at, watch.spans) };
}

function markGc(at: Float64Array, spans: ReadonlyArray<[number, number]>): Uint8Array {
  const out = new Uint8Array(at.length / 2);
  for (let i = 0; i < out.length; i++) {
    const a = at[2 * i]!;
    const b = at[2 * i + 1]!;
    for (const [s, e] of spans) if (s <= b && e >= a) { out[i] = 1; break; }
  }
  return out;
}

const withoutGc = (r: { us: Float64Array; gc: Uint8Array }): Float64Array => r.us.filter((_, i) => r.gc[i] === 0);

/** handle() figures at one message rate: `perStep` messages per 100 ms step across the 1,000 personas. */
async function handleFigures(perStep: number, calls: number) {
  const { substrate, clock } = brain(20_000);
  const plain = plainHandler();
  const step = () => clock.advanceBy(100);
  await timeCalls(plain, 20_000, perStep);
  await timeCalls((p, c, t) => substrate.handle(p, c, t), Math.min(calls, 5_000), perStep, step);
  const base = await timeCalls(plain, calls, perStep);
  const real = await timeCalls((p, c, t) => substrate.handle(p, c, t), calls, perStep, step);
  const hitRate = substrate.cognition!.telemetry().hitRate;
  substrate.stop();
  const clean = withoutGc(real);
  return {
    opsPerSec: 1e6 / percentile(real.us, 0.5),
    baselineOpsPerSec: 1e6 / percentile(base.us, 0.5),
    extra: {
      p50us: percentile(real.us, 0.5), p99us: percentile(real.us, 0.99), p999us: percentile(real.us, 0.999),
      p99usNoGc: percentile(clean, 0.99), callsWithGcPct: (100 * (real.us.length - clean.length)) / real.us.length,
      baselineP50us: percentile(base.us, 0.5), baselineP99us: percentile(base.us, 0.99), targetP99us: 20, messagesPerSec: perStep * 10, hitRate,
    },
  };
}

function ticksOf(substrate: Substrate): number {
  let n = 0;
  for (const r of substrate.regions()) n += r.ticks;
  return n;
}

export const benches: BenchEntry[] = [
  {
    name: 'cognition handle() (1/p50), 1,000 personas, four regions ticking, 2,560 msg/s (p99 target ≤ 20 µs)',
    measure: () => handleFigures(256, 50_000),
  },
  {
    name: 'cognition handle() (1/p50), 1,000 personas, four regions ticking, 250 msg/s (p99 target ≤ 20 µs)',
    measure: () => handleFigures(25, 10_000),
  },
  {
    name: 'region ticks/s, 1,000 personas: the four cognition regions under chat vs heartbeat + echo-prefetch (simulated 10 s)',
    measure: () => {
      // the example regions' figure, in the same run
      const exClock = createSimulatedClock();
      const examples = createSubstrate({ regions: [heartbeatRegion(), echoPrefetchRegion({ channels: CHANNELS })], clock: exClock, seed: 1 }).start();
      for (let p = 0; p < PERSONAS; p++) examples.spawnPersona(`p${p}`);
      exClock.advanceTo(1);
      const e0 = ticksOf(examples);
      let t0 = performance.now();
      exClock.advanceTo(10_001);
      const exampleRate = (ticksOf(examples) - e0) / ((performance.now() - t0) / 1000);
      examples.stop();
      // the four cognition regions, with chat traffic (the handle() calls are inside the timed window)
      const { substrate, clock } = brain(10_000);
      const c0 = ticksOf(substrate);
      t0 = performance.now();
      const sent = chat(substrate, clock, 10_000, 8_000);
      const wall = (performance.now() - t0) / 1000;
      const ticks = ticksOf(substrate) - c0;
      const hippo = substrate.regions().filter((r) => r.regionId === 'hippocampus').reduce((n, r) => n + r.ticks, 0);
      substrate.stop();
      return { opsPerSec: ticks / wall, baselineOpsPerSec: exampleRate, extra: { ticks, messages: sent, wallMs: wall * 1000, hippocampusTicks: hippo } };
    },
  },
];
