// Composite buffer keys: round-trip, no collisions between distinct (persona, channel) pairs, malformed keys rejected.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bufferKey, parseBufferKey } from '../../src/runtime/buffer-key.js';
import { IdError } from '../../src/runtime/errors.js';
import { channelId, personaId, type ChannelId, type PersonaId } from '../../src/runtime/ids.js';

const personaArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/).map((s) => personaId(s));
// Any non-whitespace text, deliberately rich in separators and look-alikes.
const channelArb = fc
  .array(fc.oneof(fc.constantFrom('|', '||', '/', ':', '@', '\\', '#', '%7C', '|a|'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join('').replace(/\s/g, '_'))
  .filter((s) => s.length > 0 && s.length <= 128)
  .map((s) => channelId(s));

describe('bufferKey', () => {
  it('is readable: persona, "|", channel', () => {
    expect(bufferKey(personaId('ada'), channelId('general'))).toBe('ada|general');
  });

  it('round-trips through parseBufferKey, even when the channel contains "|" (property)', () => {
    fc.assert(
      fc.property(personaArb, channelArb, (p, c) => {
        expect(parseBufferKey(bufferKey(p, c))).toEqual({ personaId: p, channelId: c });
      }),
      { numRuns: 500 },
    );
  });

  it('distinct pairs never give the same key (property)', () => {
    fc.assert(
      fc.property(personaArb, channelArb, personaArb, channelArb, (p1, c1, p2, c2) => {
        const same = p1 === p2 && c1 === c2;
        expect(bufferKey(p1, c1) === bufferKey(p2, c2)).toBe(same);
      }),
      { numRuns: 1000 },
    );
  });

  it('does not collide on the classic split ambiguity', () => {
    // "a|b" + "c" vs "a" + "b|c": the first is impossible because persona ids cannot hold "|".
    const k = bufferKey(personaId('a'), channelId('b|c'));
    expect(parseBufferKey(k)).toEqual({ personaId: 'a', channelId: 'b|c' });
    expect(() => bufferKey('a|b' as PersonaId, 'c' as ChannelId)).toThrow(IdError);
  });
});

describe('parseBufferKey', () => {
  it.each([
    ['no separator', 'ada-general'],
    ['empty persona', '|general'],
    ['empty channel', 'ada|'],
    ['persona with a bad character', 'a@b|general'],
    ['channel with whitespace', 'ada|gen eral'],
    ['empty string', ''],
  ])('rejects %s with an IdError naming the key', (_label, key) => {
    try {
      parseBufferKey(key);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IdError);
      expect((e as IdError).kind).toBe('invalid-id');
      expect((e as Error).message).toContain(JSON.stringify(key));
    }
  });

  it('rejects a non-string', () => {
    expect(() => parseBufferKey(42 as unknown as string)).toThrow(IdError);
  });
});
