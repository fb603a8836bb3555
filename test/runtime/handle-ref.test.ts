// HandleRef: minting from the seeded random, ids, ownership checks and their messages.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { EnvelopeError } from '../../src/runtime/envelope-error.js';
import { expectOwnedBy, handleRefSchema, handleWithId, mintHandle, sameHandle, uuidV4 } from '../../src/runtime/handle-ref.js';
import { createRandom } from '../../src/runtime/random.js';
import { validate } from '../../src/runtime/schema.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('mintHandle', () => {
  it('mints a v4-shaped uuid stamped with the clock', () => {
    const clock = createSimulatedClock(1_700_000_000_123.7);
    const h = mintHandle('memory', 'recall-session', { clock, random: createRandom(1) });
    expect(h.owner).toBe('memory');
    expect(h.typeTag).toBe('recall-session');
    expect(h.id).toMatch(UUID_V4);
    expect(h.createdAtMs).toBe(1_700_000_000_123);
  });

  it('is repeatable from the same seed and distinct within a run', () => {
    const clock = createSimulatedClock();
    const a = createRandom(42);
    const b = createRandom(42);
    const first = Array.from({ length: 50 }, () => mintHandle('m', 't', { clock, random: a }).id);
    const again = Array.from({ length: 50 }, () => mintHandle('m', 't', { clock, random: b }).id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(50);
  });

  it('stamps 0 for a clock before the epoch', () => {
    expect(mintHandle('m', 't', { clock: createSimulatedClock(-5), random: createRandom(1) }).createdAtMs).toBe(0);
  });

  it('uuidV4 always has the version and variant bits, for any seed', () => {
    fc.assert(fc.property(fc.integer(), (seed) => UUID_V4.test(uuidV4(createRandom(seed)))));
  });
});

describe('handleWithId', () => {
  it('keeps the id and defaults createdAtMs to 0', () => {
    expect(handleWithId('code', 'shell-7', 'shell')).toEqual({ owner: 'code', id: 'shell-7', typeTag: 'shell', createdAtMs: 0 });
    expect(handleWithId('code', 'x', 'shell', 12.9).createdAtMs).toBe(12);
  });

  it('two handles with different ids are not the same', () => {
    expect(sameHandle(handleWithId('a', '1', 't'), handleWithId('a', '2', 't'))).toBe(false);
    expect(sameHandle(handleWithId('a', '1', 't', 5), handleWithId('a', '1', 't', 9))).toBe(true);
  });

  it('what it builds fits the wire schema', () => {
    expect(validate(handleRefSchema, handleWithId('a', '1', 't', 3)).ok).toBe(true);
    expect(validate(handleRefSchema, { owner: 'a', id: '1', type_tag: 't', created_at_ms: 3 }).ok).toBe(false);
  });
});

describe('expectOwnedBy', () => {
  const h = handleWithId('code', 'id-1', 'shell');

  it('accepts the right owner and type', () => {
    expect(expectOwnedBy(h, 'code', 'shell')).toEqual({ ok: true, value: h });
  });

  it('reports an owner mismatch with both names quoted and a hint', () => {
    const r = expectOwnedBy(h, 'memory', 'shell');
    expect(r.ok).toBe(false);
    const e = (r as { error: EnvelopeError }).error;
    expect(e).toBeInstanceOf(EnvelopeError);
    expect(e.kind).toBe('handle-mismatch');
    expect(e.message).toContain('owner mismatch — got owner="code", expected "memory"');
    expect(e.message).toMatch(/pass a handle returned by a "memory" command/);
  });

  it('reports a type mismatch with both tags quoted', () => {
    const r = expectOwnedBy(h, 'code', 'session');
    expect(!r.ok && r.error.message).toContain('type mismatch — got typeTag="shell", expected "session"');
  });

  it('checks the owner before the tag', () => {
    const r = expectOwnedBy(h, 'memory', 'session');
    expect(!r.ok && r.error.message).toContain('owner mismatch');
    expect(!r.ok && r.error.message).not.toContain('type mismatch');
  });
});
