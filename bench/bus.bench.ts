// Bus publish throughput: glob event subscribers and prefix artifact selectors at 1, 10 and 100 subscribers,
// each against a hand-written loop over the same handlers; plus the cache-miss path and the bus without its cache.
import { sink, type BenchEntry } from './harness.js';
import { createBus, type BusOptions } from '../src/runtime/bus.js';
import { prefix } from '../src/runtime/artifact-selector.js';

interface Payload {
  n: number;
}

let acc = 0;
const makeHandlers = (count: number): Array<(p: Payload) => void> =>
  Array.from({ length: count }, (_, i) => (p: Payload) => {
    acc += p.n + i;
  });

/** The fair baseline: the same handlers in an array, looped over and called. */
function loop(handlers: Array<(p: Payload) => void>): (n: number) => void {
  return (n) => {
    const payload = { n: 1 };
    for (let k = 0; k < n; k++) for (let i = 0; i < handlers.length; i++) handlers[i]!(payload);
    sink.value = acc;
  };
}

function eventCase(subscribers: number, options: BusOptions = {}, label = ''): BenchEntry {
  const handlers = makeHandlers(subscribers);
  const bus = createBus(options);
  for (const h of handlers) bus.subscribe('data:*:created', h);
  bus.subscribe('data:*:deleted', () => undefined); // a non-matching neighbour, as in real use
  return {
    name: `bus publish event → ${subscribers} glob subs (data:*:created)${label}`,
    op: (n) => {
      const payload = { n: 1 };
      let r;
      for (let k = 0; k < n; k++) r = bus.publish('data:user:created', payload);
      sink.value = r;
    },
    baseline: loop(handlers),
  };
}

function artifactCase(subscribers: number, options: BusOptions = {}, label = ''): BenchEntry {
  const handlers = makeHandlers(subscribers);
  const bus = createBus(options);
  for (const h of handlers) bus.subscribeArtifact(prefix('cognition/'), h);
  bus.subscribeArtifact(prefix('paging/'), () => undefined);
  return {
    name: `bus publish artifact → ${subscribers} prefix subs (cognition/)${label}`,
    op: (n) => {
      const payload = { n: 1 };
      let r;
      for (let k = 0; k < n; k++) r = bus.publish('cognition/salience.updated', payload);
      sink.value = r;
    },
    baseline: loop(handlers),
  };
}

/** Every name unique within the cache's reach (ids in names): each publish validates and walks the trie. */
function uniqueNamesCase(subscribers: number): BenchEntry {
  const handlers = makeHandlers(subscribers);
  const bus = createBus();
  for (const h of handlers) bus.subscribe('persona:*:created', h);
  const names = Array.from({ length: 4096 }, (_, i) => `persona:p${i}:created`);
  return {
    name: `bus publish unique names → ${subscribers} glob subs (cache misses)`,
    op: (n) => {
      const payload = { n: 1 };
      let r;
      for (let k = 0; k < n; k++) r = bus.publish(names[k & 4095]!, payload);
      sink.value = r;
    },
    baseline: loop(handlers),
  };
}

export const benches: BenchEntry[] = [
  eventCase(1),
  eventCase(10),
  eventCase(100),
  artifactCase(1),
  artifactCase(10),
  artifactCase(100),
  eventCase(100, { cacheSize: 0 }, ' [no cache]'),
  artifactCase(100, { cacheSize: 0 }, ' [no cache]'),
  uniqueNamesCase(100),
];
