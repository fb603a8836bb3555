// Tests for the genome's errors and events: TierError messages and wire form, AccessDenied display, PageFault's null fromRole, blobs and provenance.
import { describe, expect, it } from 'vitest';
import {
  accessDeniedMessage, artifactIdFromBytes, CROSS_PERSONA_REASON, inlineBlob, minimalProvenance, page, parseProvenance, TierError, type PageFault,
} from '../../../src/actors/genome/index.js';
import { personaId, ValidationError } from '../../../src/index.js';

const p = page('lora-layer', 'adapter-1');

describe('TierError', () => {
  it('carries the original messages', () => {
    const e = TierError.noEvictionCandidate('fast', 4096);
    expect(e.message).toContain('Fast');
    expect(e.message).toContain('4096');
    expect(e.message.startsWith('tier Fast: no eviction candidate for 4096 bytes')).toBe(true);
    expect(TierError.backingStoreIo('disk gone').message).toBe('tier I/O: disk gone');
    expect(TierError.roleNotConfigured('warm').message).toBe('tier role Warm not configured on this hardware');
    expect(TierError.pageNotFound(p).message).toBe(`tier: page not found: {"kind":"lora-layer","artifact":"adapter-1","offset":{"kind":"whole"}}`);
  });

  it('has a stable kind and a tagged wire form', () => {
    expect(JSON.stringify(TierError.roleNotConfigured('warm').toWire())).toBe('{"kind":"role-not-configured","role":"warm"}');
    expect(TierError.noEvictionCandidate('bench', 10).toWire()).toEqual({ kind: 'no-eviction-candidate', fromRole: 'bench', bytesNeeded: 10 });
    expect(TierError.pageNotFound(p).kind).toBe('page-not-found');
    expect(TierError.backingStoreIo('x')).toBeInstanceOf(Error);
  });
});

describe('AccessDenied', () => {
  it('displays with and without an owner as the original does', () => {
    const actor = personaId('bob');
    expect(accessDeniedMessage({ actor, page: p, owner: personaId('ada'), reason: CROSS_PERSONA_REASON })).toBe(
      'access denied: persona bob attempted to read page owned by ada — cross-persona read blocked by working-set MMU',
    );
    expect(accessDeniedMessage({ actor, page: p, owner: null, reason: 'quarantined' })).toBe('access denied: persona bob — quarantined');
  });
});

describe('PageFault', () => {
  it('keeps "fromRole": null on the wire for a true miss', () => {
    const fault: PageFault = { persona: personaId('ada'), page: p, fromRole: null, toRole: 'fast', elapsedUs: 0, evictionCost: null };
    const json = JSON.stringify(fault);
    expect(json).toContain('"fromRole":null');
    expect(json).toContain('"evictionCost":null');
    expect(JSON.parse(json)).toEqual(fault);
  });
});

describe('blobs and provenance', () => {
  it('content-addressed ids are UUIDs derived from the SHA-256 of the bytes', () => {
    const hello = new TextEncoder().encode('hello');
    // sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e…; version nibble 8, variant bits 10
    expect(artifactIdFromBytes(hello)).toBe('2cf24dba-5fb0-830e-a6e8-3b2ac5b9e29e');
    expect(artifactIdFromBytes(new TextEncoder().encode('hellp'))).not.toBe(artifactIdFromBytes(hello));
  });

  it('a blob has at least one byte; provenance is checked', () => {
    expect(() => inlineBlob('a', new Uint8Array(0))).toThrow(ValidationError);
    expect(minimalProvenance('a', 5)).toEqual({ artifactId: 'a', createdAtMs: 5, origin: 'imported' });
    expect(() => parseProvenance(undefined)).toThrow(/required/);
    expect(() => parseProvenance({ artifactId: 'a', createdAtMs: Number.NaN })).toThrow(/createdAtMs/);
    expect(() => parseProvenance({ artifactId: 'a', createdAtMs: 1, origin: 'stolen' })).toThrow(/origin/);
  });
});
