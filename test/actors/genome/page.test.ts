// Tests for page references: the one key encoding, validation, and the handle's wire form.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { page, pageKey, parsePageRef, PAGE_KINDS, type PageHandle, type PageRef } from '../../../src/actors/genome/index.js';
import { artifactId, ValidationError } from '../../../src/index.js';

const ARTIFACT = '7d4f3b9e-2c1a-4e8f-9b6d-0a1c2e3f4a5b';

describe('PageRef keys', () => {
  it('are the compact JSON in field order, offset included', () => {
    expect(pageKey(page('lora-layer', ARTIFACT))).toBe(`{"kind":"lora-layer","artifact":"${ARTIFACT}","offset":{"kind":"whole"}}`);
    expect(pageKey(page('moe-expert', 'mix', { kind: 'expert', expertIndex: 3 }))).toBe('{"kind":"moe-expert","artifact":"mix","offset":{"kind":"expert","expertIndex":3}}');
    expect(pageKey(page('kv-cache', 'kv', { kind: 'range', startByte: 0, endByte: 4096 }))).toBe(
      '{"kind":"kv-cache","artifact":"kv","offset":{"kind":"range","startByte":0,"endByte":4096}}',
    );
  });

  it('do not depend on the property order of the input', () => {
    const scrambled = { offset: { endByte: 9, kind: 'range', startByte: 1 }, artifact: artifactId('x'), kind: 'engram' } as unknown as PageRef;
    expect(pageKey(scrambled)).toBe(pageKey(page('engram', 'x', { kind: 'range', startByte: 1, endByte: 9 })));
  });

  it('equal keys exactly for equal pages (property)', () => {
    const offset = fc.oneof(
      fc.constant({ kind: 'whole' as const }),
      fc.nat({ max: 2 ** 32 - 1 }).map((expertIndex) => ({ kind: 'expert' as const, expertIndex })),
      fc.tuple(fc.nat(), fc.nat()).filter(([a, b]) => a !== b).map(([a, b]) => ({ kind: 'range' as const, startByte: Math.min(a, b), endByte: Math.max(a, b) })),
    );
    const ref = fc.record({ kind: fc.constantFrom(...PAGE_KINDS), artifact: fc.stringMatching(/^\S{1,12}$/), offset });
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const same = JSON.stringify(parsePageRef(a)) === JSON.stringify(parsePageRef(b));
        expect(pageKey(parsePageRef(a)) === pageKey(parsePageRef(b))).toBe(same);
        expect(JSON.parse(pageKey(parsePageRef(a)))).toEqual(parsePageRef(a));
      }),
    );
  });

  it('the whole offset is exactly {"kind":"whole"}', () => {
    expect(JSON.stringify(page('engram', 'e').offset)).toBe('{"kind":"whole"}');
  });
});

describe('parsePageRef', () => {
  it('rejects what does not fit, naming the field', () => {
    expect(() => parsePageRef(null)).toThrow(ValidationError);
    expect(() => parsePageRef({ kind: 'loRALayer', artifact: 'a', offset: { kind: 'whole' } })).toThrow(/kind/);
    expect(() => parsePageRef({ kind: 'engram', artifact: 'has space', offset: { kind: 'whole' } })).toThrow(/artifact/);
    expect(() => parsePageRef({ kind: 'engram', artifact: 'a', offset: { kind: 'expert', expertIndex: -1 } })).toThrow(/expertIndex/);
    expect(() => parsePageRef({ kind: 'engram', artifact: 'a', offset: { kind: 'expert', expertIndex: 2 ** 32 } })).toThrow(/expertIndex/);
    expect(() => parsePageRef({ kind: 'engram', artifact: 'a', offset: { kind: 'range', startByte: 5, endByte: 5 } })).toThrow(/startByte < endByte/);
    expect(() => parsePageRef({ kind: 'engram', artifact: 'a', offset: { kind: 'slice' } })).toThrow(/offset.kind/);
    expect(() => parsePageRef({ kind: 'engram', artifact: 'a' })).toThrow(/offset/);
  });

  it('keeps only the known fields', () => {
    const p = parsePageRef({ kind: 'engram', artifact: 'a', offset: { kind: 'whole', extra: 1 }, extra: 2 });
    expect(JSON.stringify(p)).toBe('{"kind":"engram","artifact":"a","offset":{"kind":"whole"}}');
  });
});

describe('PageHandle', () => {
  it('serializes tierRole and sizeBytes as the original pins them', () => {
    const h: PageHandle = { page: page('lora-layer', ARTIFACT), tierRole: 'fast', sizeBytes: 1_048_576 };
    const wire = JSON.parse(JSON.stringify(h)) as Record<string, unknown>;
    expect(wire.tierRole).toBe('fast');
    expect(wire.sizeBytes).toBe(1048576);
  });
});

describe('pageKey cache', () => {
  it('a mutable ref is never cached: changing it changes its key', () => {
    const ref = { kind: 'engram', artifact: 'a', offset: { kind: 'whole' } } as { kind: string; artifact: string; offset: { kind: string } };
    const before = pageKey(ref as unknown as PageRef);
    ref.artifact = 'b';
    expect(pageKey(ref as unknown as PageRef)).not.toBe(before);
    expect(pageKey(ref as unknown as PageRef)).toBe(pageKey(page('engram', 'b')));
  });
});
