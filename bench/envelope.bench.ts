// Command envelope and routing costs: parseRequest against a hand-written check of the same request, a response's
// wire form against a literal, and runtime.execute against calling the handler directly.
import { performance } from 'node:perf_hooks';
import { sink, type BenchEntry, type CustomBench } from './harness.js';
import { createBus } from '../src/runtime/bus.js';
import { createSimulatedClock } from '../src/runtime/clock.js';
import { ok, parseRequest } from '../src/runtime/envelope.js';
import { handleWithId } from '../src/runtime/handle-ref.js';
import { createRandom } from '../src/runtime/random.js';
import { createRuntime } from '../src/runtime/runtime.js';
import { s } from '../src/runtime/schema.js';

const recall = s.object({
  query: s.string(),
  limit: s.optional(s.integer({ min: 1 })),
  mode: s.optional(s.enum(['fast', 'deep'])),
  tags: s.optional(s.array(s.string())),
});
const request = { query: 'cats', limit: 5, mode: 'fast', tags: ['a', 'b'], sessionId: 's-1', handle: handleWithId('memory', 'id-1', 'session', 1) };

/** The same rules written by hand, building the same fresh object. */
function handCheck(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'query' && k !== 'limit' && k !== 'mode' && k !== 'tags' && k !== 'handle' && k !== 'sessionId' && k !== 'userId') return undefined;
  }
  if (typeof o.query !== 'string') return undefined;
  if (o.limit != null && !(Number.isSafeInteger(o.limit) && (o.limit as number) >= 1)) return undefined;
  if (o.mode != null && o.mode !== 'fast' && o.mode !== 'deep') return undefined;
  const tags = o.tags as unknown[] | undefined;
  if (tags != null && (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))) return undefined;
  const h = o.handle as Record<string, unknown> | undefined;
  if (h != null && (typeof h.owner !== 'string' || typeof h.id !== 'string' || typeof h.typeTag !== 'string' || !Number.isSafeInteger(h.createdAtMs))) return undefined;
  if (o.sessionId != null && typeof o.sessionId !== 'string') return undefined;
  return { query: o.query, limit: o.limit, mode: o.mode, tags: tags ? [...tags] : undefined, handle: h ? { ...h } : undefined, sessionId: o.sessionId };
}

const parseCase: BenchEntry = {
  name: 'parseRequest (4 params + handle + sessionId) vs hand-written check',
  op: (n) => {
    let r;
    for (let i = 0; i < n; i++) r = parseRequest('memory/recall', request, recall);
    sink.value = r;
  },
  baseline: (n) => {
    let r;
    for (let i = 0; i < n; i++) r = handCheck(request);
    sink.value = r;
  },
};

const handle = handleWithId('memory', 'id-1', 'session', 1);
const responseCase: BenchEntry = {
  name: 'ok(data).withHandleRef(h) + JSON.stringify vs stringify of a literal',
  op: (n) => {
    let r;
    for (let i = 0; i < n; i++) r = JSON.stringify(ok({ hits: i, total: 3 }).withHandleRef(handle));
    sink.value = r;
  },
  baseline: (n) => {
    let r;
    for (let i = 0; i < n; i++) r = JSON.stringify({ success: true, hits: i, total: 3, handle });
    sink.value = r;
  },
};

/** execute() is async: measured with awaited loops, runtime vs the module's handler called directly. */
const executeCase: CustomBench = {
  name: 'runtime.execute (20 modules, longest prefix) vs awaiting the handler directly',
  async measure() {
    const runtime = createRuntime({ bus: createBus(), clock: createSimulatedClock(), random: createRandom(1) });
    const handler = (_c: string, _r: unknown) => ok({ hits: 1 });
    for (let i = 0; i < 20; i++) {
      runtime.register({ config: { name: `m${i}`, commandPrefixes: [`m${i}/`, `m${i}/sub-`], priority: 'normal' }, handleCommand: handler });
    }
    const rate = async (run: () => Promise<unknown>): Promise<number> => {
      let best = 0;
      for (let round = 0; round < 5; round++) {
        const n = 50_000;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) sink.value = await run();
        best = Math.max(best, (n * 1000) / (performance.now() - t0));
      }
      return best;
    };
    const baselineOpsPerSec = await rate(async () => handler('m19/sub-x', {}));
    const opsPerSec = await rate(() => runtime.execute('m19/sub-x', {}));
    return { opsPerSec, baselineOpsPerSec };
  },
};

export const benches: BenchEntry[] = [parseCase, responseCase, executeCase];
