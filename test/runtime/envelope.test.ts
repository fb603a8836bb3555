// The command envelope: request parsing and its diagnostics, handleIdOrLegacy, responses and the JSON round trip.
import { describe, it, expect, expectTypeOf } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import {
  CommandResponse,
  EnvelopeError,
  err,
  handleIdOrLegacy,
  ok,
  parseRequest,
  parseResponse,
  type CommandRequest,
} from '../../src/runtime/envelope.js';
import { handleWithId, mintHandle, type HandleRef } from '../../src/runtime/handle-ref.js';
import { createRandom } from '../../src/runtime/random.js';
import { s } from '../../src/runtime/schema.js';

const recall = s.object({
  query: s.string(),
  limit: s.optional(s.integer({ min: 1 })),
  mode: s.optional(s.enum(['fast', 'deep'])),
  filter: s.optional(s.object({ tags: s.array(s.string()), strict: s.optional(s.boolean()) })),
});
const shellHandle = handleWithId('code', 'shell-1', 'shell', 10);

function messageOf(value: unknown, schema = recall, command = 'memory/recall'): string {
  const r = parseRequest(command, value, schema);
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  expect(r.error).toBeInstanceOf(EnvelopeError);
  expect(r.error.kind).toBe('invalid-request');
  expect(r.error.command).toBe(command);
  return r.error.message;
}

describe('parseRequest', () => {
  it('returns the typed params with the envelope fields flat beside them', () => {
    const r = parseRequest('memory/recall', { query: 'cats', limit: 3, handle: shellHandle, sessionId: 's-1', userId: 'u-1' }, recall);
    expect(r).toEqual({ ok: true, value: { query: 'cats', limit: 3, handle: shellHandle, sessionId: 's-1', userId: 'u-1' } });
    if (r.ok) {
      expectTypeOf(r.value).toEqualTypeOf<CommandRequest<{ query: string; limit?: number; mode?: 'fast' | 'deep'; filter?: { tags: string[]; strict?: boolean } }>>();
      expectTypeOf(r.value.handle).toEqualTypeOf<HandleRef | undefined>();
    }
  });

  it('returns a fresh object and leaves the input alone', () => {
    const input = { query: 'q', filter: { tags: ['a'] } };
    const r = parseRequest('memory/recall', input, recall);
    expect(r.ok && r.value).not.toBe(input);
    expect(r.ok && r.value.filter).not.toBe(input.filter);
    expect(input).toEqual({ query: 'q', filter: { tags: ['a'] } });
  });

  it('names the command, the field and the value', () => {
    expect(messageOf({ query: 'cats', limit: 'ten' })).toBe('memory/recall: field "limit" must be an integer ≥ 1, got "ten"');
    expect(messageOf({})).toBe('memory/recall: field "query" is required — expected a string');
    expect(messageOf({ query: 1 })).toBe('memory/recall: field "query" must be a string, got 1');
    expect(messageOf({ query: 'q', mode: 'slow' })).toBe('memory/recall: field "mode" must be one of "fast", "deep", got "slow"');
    expect(messageOf({ query: 'q', filter: { tags: ['a'], strict: 'yes' } })).toBe('memory/recall: field "filter.strict" must be a boolean, got "yes"');
  });

  it('names a nested path inside arrays', () => {
    expect(messageOf({ query: 'q', filter: { tags: ['a', 'b', 7] } }, recall, 'memory/search')).toBe(
      'memory/search: field "filter.tags[2]" must be a string, got 7',
    );
  });

  it('counts further problems after the first', () => {
    const e = parseRequest('memory/recall', { limit: 0, mode: 1 }, recall);
    expect(!e.ok && e.error.message).toBe('memory/recall: field "query" is required — expected a string (and 2 more: "limit", "mode")');
    expect(!e.ok && e.error.issues.map((i) => i.path)).toEqual(['query', 'limit', 'mode']);
    expect(!e.ok && e.error.field).toBe('query');
  });

  it('refuses an unknown param, naming it (typos surface)', () => {
    expect(messageOf({ query: 'q', limt: 5 })).toBe('memory/recall: field "limt" is not accepted here — expected only: query, limit, mode, filter');
  });

  it('drops or keeps unknown params when the schema says so', () => {
    const loose = s.object({ query: s.string() }, { unknownKeys: 'allow' });
    expect(parseRequest('x/y', { query: 'q', extra: 1, handle: shellHandle }, loose)).toEqual({ ok: true, value: { query: 'q', extra: 1, handle: shellHandle } });
    const strip = s.object({ query: s.string() }, { unknownKeys: 'strip' });
    expect(parseRequest('x/y', { query: 'q', extra: 1, sessionId: 's' }, strip)).toEqual({ ok: true, value: { query: 'q', sessionId: 's' } });
  });

  it('refuses values that are not objects of params', () => {
    expect(messageOf(null)).toBe('memory/recall: the request must be an object of parameters, got null');
    expect(messageOf([1, 2])).toBe('memory/recall: the request must be an object of parameters, got an array of 2 items');
    expect(messageOf('q')).toContain('got "q"');
    expect(messageOf(undefined)).toContain('got nothing');
  });

  it('validates the envelope fields', () => {
    expect(messageOf({ query: 'q', sessionId: 5 })).toBe('memory/recall: field "sessionId" must be a non-empty string, got 5');
    expect(messageOf({ query: 'q', userId: '' })).toContain('field "userId" must be a non-empty string');
    expect(messageOf({ query: 'q', handle: 'shell-1' })).toBe('memory/recall: field "handle" must be an object, got "shell-1"');
    expect(messageOf({ query: 'q', handle: { ...shellHandle, createdAtMs: -1 } })).toContain('field "handle.createdAtMs" must be an integer ≥ 0');
    const snake = messageOf({ query: 'q', handle: { owner: 'code', id: 'i', type_tag: 'shell', createdAtMs: 1 } });
    expect(snake).toContain('field "handle.typeTag" is required');
    expect(snake).toContain('"handle.type_tag"');
  });

  it('treats null envelope fields and null optional params as absent (serde Option on the wire)', () => {
    expect(parseRequest('memory/recall', { query: 'q', handle: null, sessionId: null }, recall)).toEqual({ ok: true, value: { query: 'q' } });
    expect(parseRequest('memory/recall', { query: 'q', limit: null, filter: null }, recall)).toEqual({ ok: true, value: { query: 'q' } });
    expect(messageOf({ query: null })).toBe('memory/recall: field "query" must be a string, got null');
  });

  it('refuses a params schema that declares an envelope field', () => {
    const clash = s.object({ handle: s.string() });
    expect(messageOf({ handle: 'x' }, clash as never)).toContain('declares "handle", which is an envelope field');
  });

  it('does not let a __proto__ key through or pollute anything', () => {
    const hostile = JSON.parse('{"query":"q","__proto__":{"limit":5,"polluted":true}}') as unknown;
    expect(messageOf(hostile)).toContain('field "__proto__" is not accepted here');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives hostile inputs: deep nesting, cycles, throwing getters and proxies', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(messageOf({ query: 'q', limit: deep })).toContain('got an array of 1 item');
    const cyclic: Record<string, unknown> = { query: 'q' };
    cyclic.self = cyclic;
    expect(messageOf(cyclic)).toContain('"self" is not accepted');
    const getter = Object.defineProperty({}, 'query', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(messageOf(getter)).toBe('memory/recall: the request could not be read (boom); send plain JSON data');
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(messageOf(proxy)).toContain('could not be read (trap)');
  });
});

describe('parseRequest, property', () => {
  const ENVELOPE = new Set(['handle', 'sessionId', 'userId']);
  const isHandle = (h: unknown): boolean => {
    if (typeof h !== 'object' || h === null) return false;
    const o = h as Record<string, unknown>;
    return Object.keys(o).length === 4 && [o.owner, o.id, o.typeTag].every((v) => typeof v === 'string' && v.length > 0)
      && Number.isSafeInteger(o.createdAtMs) && (o.createdAtMs as number) >= 0;
  };
  /** An independent statement of what `recall` plus the envelope accept (null means absent for optional fields). */
  const satisfies = (v: Record<string, unknown>): boolean => {
    const declared = new Set(['query', 'limit', 'mode', 'filter']);
    const absent = (x: unknown): boolean => x === undefined || x === null;
    if (!Object.keys(v).every((k) => declared.has(k) || ENVELOPE.has(k))) return false;
    if (typeof v.query !== 'string') return false;
    if (!absent(v.limit) && !(Number.isSafeInteger(v.limit) && (v.limit as number) >= 1)) return false;
    if (!absent(v.mode) && v.mode !== 'fast' && v.mode !== 'deep') return false;
    if (!absent(v.filter)) {
      if (typeof v.filter !== 'object' || Array.isArray(v.filter)) return false;
      const f = v.filter as Record<string, unknown>;
      if (!Object.keys(f).every((k) => k === 'tags' || k === 'strict')) return false;
      if (!Array.isArray(f.tags) || !f.tags.every((t) => typeof t === 'string')) return false;
      if (!absent(f.strict) && typeof f.strict !== 'boolean') return false;
    }
    if (!absent(v.handle) && !isHandle(v.handle)) return false;
    return [v.sessionId, v.userId].every((x) => absent(x) || (typeof x === 'string' && x.length > 0));
  };
  const mostly = <T, U>(good: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: other, weight: 1 });
  const nearMiss = fc.record(
    {
      query: mostly(fc.string(), fc.jsonValue()),
      limit: mostly(fc.integer({ min: -1, max: 5 }), fc.jsonValue()),
      mode: mostly(fc.constantFrom('fast', 'deep', 'slow'), fc.jsonValue()),
      filter: mostly(fc.record({ tags: fc.array(mostly(fc.string(), fc.integer())), strict: fc.boolean() }, { requiredKeys: ['tags'] }), fc.jsonValue()),
      handle: mostly(fc.constant(shellHandle), fc.jsonValue()),
      sessionId: mostly(fc.string(), fc.jsonValue()),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ).map((v) => {
    // keep the typo'd field rare, so that near misses are often accepted
    const { extra, ...rest } = v;
    return extra === null ? v : rest;
  });

  it('never throws, and returns an error or a value satisfying the schema (JSON, anything, near misses)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), nearMiss), (value) => {
        const r = parseRequest('memory/recall', value, recall);
        if (r.ok) {
          accepted++;
          expect(satisfies(r.value as Record<string, unknown>)).toBe(true);
        } else {
          expect(r.error).toBeInstanceOf(EnvelopeError);
          expect(r.error.message.startsWith('memory/recall: ')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('accepts exactly what satisfies the schema (on near misses)', () => {
    fc.assert(
      fc.property(nearMiss, (value) => {
        const r = parseRequest('memory/recall', value, recall);
        expect(r.ok).toBe(satisfies(value as Record<string, unknown>));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('handleIdOrLegacy', () => {
  const cmd = 'code/shell-exec';
  const exec = s.object({ shellId: s.optional(s.string()), line: s.string() });
  const parse = (v: unknown) => {
    const r = parseRequest(cmd, v, exec);
    if (!r.ok) throw r.error;
    return r.value;
  };

  it('1. a handle wins, even when the legacy field is present', () => {
    expect(handleIdOrLegacy(parse({ line: 'ls', handle: shellHandle, shellId: 'legacy-9' }), 'code', 'shell', 'shellId', cmd)).toEqual({ ok: true, value: 'shell-1' });
  });

  it('1b. a handle of another owner or type fails with the command prefixed', () => {
    const r = handleIdOrLegacy(parse({ line: 'ls', handle: shellHandle, shellId: 'legacy-9' }), 'memory', 'shell', 'shellId', cmd);
    expect(!r.ok && r.error.kind).toBe('handle-mismatch');
    expect(!r.ok && r.error.message).toMatch(/^code\/shell-exec: handle owner mismatch — got owner="code", expected "memory"/);
    const t = handleIdOrLegacy(parse({ line: 'ls', handle: shellHandle }), 'code', 'pty', 'shellId', cmd);
    expect(!t.ok && t.error.message).toContain('code/shell-exec: handle type mismatch — got typeTag="shell", expected "pty"');
  });

  it('2. without a handle, the legacy value is returned unchanged', () => {
    expect(handleIdOrLegacy(parse({ line: 'ls', shellId: 'legacy-9' }), 'code', 'shell', 'shellId', cmd)).toEqual({ ok: true, value: 'legacy-9' });
  });

  it('3. with neither, a missing-handle error naming both shapes', () => {
    const r = handleIdOrLegacy(parse({ line: 'ls' }), 'code', 'shell', 'shellId', cmd);
    expect(!r.ok && r.error.kind).toBe('missing-handle');
    expect(!r.ok && r.error.message).toBe(
      'code/shell-exec: neither `handle` (envelope field) nor `shellId` (legacy params field) was provided. Pass the resource id via either shape.',
    );
  });

  it('a legacy value that is not a string is an invalid request', () => {
    const r = handleIdOrLegacy({ shellId: 7 } as { shellId?: unknown; handle?: HandleRef }, 'code', 'shell', 'shellId', cmd);
    expect(!r.ok && r.error.message).toBe('code/shell-exec: field "shellId" must be a string id, got 7');
  });
});

describe('CommandResponse', () => {
  it('ok: the wire stays flat, handle and error omitted when absent', () => {
    expect(JSON.stringify(ok({ firstToken: 12, text: 'hi' }))).toBe('{"success":true,"firstToken":12,"text":"hi"}');
  });

  it('err: default data fields are still present', () => {
    const r = err('memory/recall: no session', { firstToken: 0 });
    expect(r.toJSON()).toEqual({ success: false, firstToken: 0, error: 'memory/recall: no session' });
    expect(err('x').toJSON()).toEqual({ success: false, error: 'x' });
  });

  it('err: an Error becomes the message and is kept as cause (not on the wire)', () => {
    const e = new EnvelopeError('invalid-request', 'a/b', 'a/b: field "x" must be a string, got 1');
    const r = err(e);
    expect(r.error).toBe(e.message);
    expect(r.cause).toBe(e);
    expect(Object.keys(r.toJSON())).toEqual(['success', 'error']);
  });

  it('withHandle / withHandleRef return a new response carrying the handle', () => {
    const base = ok({ n: 1 });
    const withH = base.withHandle('code', 'shell-1', 'shell', 10);
    expect(base.handle).toBeUndefined();
    expect(withH.toJSON()).toEqual({ success: true, n: 1, handle: shellHandle });
    expect(base.withHandleRef(shellHandle).handle).toBe(shellHandle);
  });

  it('refuses data fields the envelope owns, and non-object data', () => {
    for (const field of ['success', 'handle', 'error']) {
      expect(() => ok({ [field]: 1 })).toThrow(/is reserved by the response envelope/);
    }
    expect(() => ok([1] as unknown as object)).toThrow(EnvelopeError);
    expect(() => err('x', { error: 'y' })).toThrow(/reserved/);
  });

  it('round-trips through JSON keeping every envelope field', () => {
    const clock = createSimulatedClock(5_000);
    const h = mintHandle('memory', 'recall-session', { clock, random: createRandom(3) });
    for (const res of [ok({ hits: ['a'], total: 1 }).withHandleRef(h), err('boom', { hits: [] as string[], total: 0 })]) {
      const back = CommandResponse.fromJSON(JSON.parse(JSON.stringify(res)));
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.value.success).toBe(res.success);
      expect(back.value.data).toEqual(res.data);
      expect(back.value.handle).toEqual(res.handle);
      expect(back.value.error).toEqual(res.error);
      expect(back.value.toJSON()).toEqual(res.toJSON());
    }
  });

  it("a response's handle round-trips into the next request's handle", () => {
    const h = mintHandle('memory', 'recall-session', { clock: createSimulatedClock(7), random: createRandom(9) });
    const wire = JSON.parse(JSON.stringify(ok({ hits: 3 }).withHandleRef(h))) as unknown;
    const back = parseResponse('memory/recall', wire, s.object({ hits: s.integer() }));
    expect(back.ok).toBe(true);
    const next = parseRequest('memory/recall', JSON.parse(JSON.stringify({ query: 'more', handle: back.ok && back.value.handle })), recall);
    expect(next.ok && next.value.handle).toEqual(h);
    expect(next.ok && handleIdOrLegacy(next.value, 'memory', 'recall-session', 'query', 'memory/recall')).toEqual({ ok: true, value: h.id });
  });

  it('parseResponse reports a wrong wire shape, naming the field', () => {
    const bad = (v: unknown, schema?: Parameters<typeof parseResponse>[2]) => {
      const r = parseResponse('memory/recall', v, schema);
      expect(r.ok).toBe(false);
      return !r.ok ? r.error : undefined;
    };
    expect(bad([])!.message).toBe('memory/recall: the response must be an object with a boolean "success", got an array of 0 items');
    expect(bad({})!.message).toBe('memory/recall: field "success" is required — expected a boolean');
    expect(bad({ success: 'yes' })!.kind).toBe('invalid-response');
    expect(bad({ success: true, error: 5 })!.message).toContain('field "error" must be a string, got 5');
    expect(bad({ success: true, handle: { owner: 'x' } })!.message).toContain('field "handle.id" is required');
    expect(bad({ success: true, hits: 'many' }, s.object({ hits: s.integer() }))!.message).toBe('memory/recall: field "hits" must be an integer, got "many"');
  });

  it('parseResponse applies the data schema only to successful responses', () => {
    const r = parseResponse('memory/recall', { success: false, error: 'no' }, s.object({ hits: s.integer() }));
    expect(r.ok && r.value.error).toBe('no');
  });

  it('parseResponse never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (v) => {
        const r = parseResponse('x/y', v);
        if (r.ok) expect(typeof r.value.success).toBe('boolean');
      }),
    );
  });
});
