// ReadyBuffer hot paths (peek hit, peek through the handler view, peek miss, publish) against a plain Map baseline.
import { sink, type BenchEntry } from './harness.js';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { createReadyBuffer } from '../src/runtime/ready-buffer.js';

const KEYS = 1024; // a power of two: `i & MASK` cycles through them
const MASK = KEYS - 1;
const keys = Array.from({ length: KEYS }, (_, i) => `persona-${i % 37}|channel-${i}`);
const missing = Array.from({ length: KEYS }, (_, i) => `persona-${i % 37}|absent-${i}`);
const clock = createSimulatedClock(1_000);

const filledMap = (): Map<string, number> => new Map(keys.map((k, i) => [k, i]));
const filledBuffer = (ttlMs?: number) => {
  const buf = createReadyBuffer<string, number>({ max: KEYS * 2, clock, ...(ttlMs ? { ttlMs } : {}) });
  keys.forEach((k, i) => buf.publish(k, i, 1));
  return buf;
};

const map = filledMap();
const buf = filledBuffer();
const bufTtl = filledBuffer(60_000);
const view = buf.view();

const mapGet = (n: number): void => {
  let s = 0;
  for (let i = 0; i < n; i++) s += map.get(keys[i & MASK]!) ?? 0;
  sink.value = s;
};

export const benches: BenchEntry[] = [
  {
    name: 'ready-buffer peek (hit, 1k keys) vs Map.get',
    op: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += buf.peek(keys[i & MASK]!) ?? 0;
      sink.value = s;
    },
    baseline: mapGet,
  },
  {
    name: 'ready-buffer view().peek (hit) vs Map.get',
    op: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += view.peek(keys[i & MASK]!) ?? 0;
      sink.value = s;
    },
    baseline: mapGet,
  },
  {
    name: 'ready-buffer peek (hit, ttl) vs Map.get',
    op: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += bufTtl.peek(keys[i & MASK]!) ?? 0;
      sink.value = s;
    },
    baseline: mapGet,
  },
  {
    name: 'ready-buffer peek (miss) vs Map.get miss',
    op: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += buf.peek(missing[i & MASK]!) ?? 1;
      sink.value = s;
    },
    baseline: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += map.get(missing[i & MASK]!) ?? 1;
      sink.value = s;
    },
  },
  {
    name: 'ready-buffer publish (overwrite, 1k keys) vs Map.set',
    op: (n) => {
      for (let i = 0; i < n; i++) buf.publish(keys[i & MASK]!, i, i);
      sink.value = buf.size;
    },
    baseline: (n) => {
      for (let i = 0; i < n; i++) map.set(keys[i & MASK]!, i);
      sink.value = map.size;
    },
  },
];
