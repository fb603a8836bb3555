// Bad input to handle() is a typed CognitionError with a stable kind and changes nothing; persona/respond answers
// through the typed envelopes; a substrate without cognition says so.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { brain } from './fixtures.js';
import { CognitionError } from '../../../src/actors/cognition/cognition-error.js';
import { MAX_MESSAGE_CHARS } from '../../../src/actors/cognition/handle-contract.js';
import { createRespondModule } from '../../../src/actors/cognition/respond-module.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { createSubstrate } from '../../../src/create-substrate.js';
import type { Substrate } from '../../../src/create-substrate.js';

/** Everything handle() may write, as one comparable value. */
function footprint(substrate: Substrate): string {
  const c = substrate.cognition!;
  return JSON.stringify(c.personas().map((p) => {
    const pc = c.get(p);
    return { p, messages: pc.messages, last: pc.lastMessageAt, channels: [...pc.working.channels()].map((r) => [r.channelId, r.seq]), t: pc.prefetchReads.telemetry(), c: pc.candidateReads.reads, b: pc.blendReads.reads, heat: pc.salience.size };
  })) + JSON.stringify({ activity: c.sleepPolicy.lastActivityAt, decided: c.sleepPolicy.decided, stats: substrate.buffer('hippocampus', 'alice').stats() });
}

const kindOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof CognitionError) return e.kind;
    throw e;
  }
  return 'no error';
};

describe('handle() input', () => {
  it('refuses bad input with a typed kind and changes nothing', () => {
    const { clock, substrate } = brain(['alice']);
    substrate.handle('alice', 'eng', 'the postgres migration locks the users table');
    clock.advanceBy(1_000);
    const before = footprint(substrate);
    const h = substrate.handle as (...a: unknown[]) => unknown;
    expect(kindOf(() => h('bob', 'eng', 'hi'))).toBe('unknown-persona');
    expect(kindOf(() => h(42, 'eng', 'hi'))).toBe('unknown-persona');
    expect(kindOf(() => h('alice', '', 'hi'))).toBe('invalid-channel');
    expect(kindOf(() => h('alice', 'has space', 'hi'))).toBe('invalid-channel');
    expect(kindOf(() => h('alice', 7, 'hi'))).toBe('invalid-channel');
    expect(kindOf(() => h('alice', 'eng', ''))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', '   \n'))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', 'x'.repeat(MAX_MESSAGE_CHARS + 1)))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', 12))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', null))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', ['hi']))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', { text: 3 }))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', { text: 'ok', author: '' }))).toBe('invalid-message');
    expect(kindOf(() => h('alice', 'eng', { text: 'ok', taskDomain: 5 }))).toBe('invalid-message');
    expect(footprint(substrate)).toBe(before);
    // the longest message allowed is fine
    expect(substrate.handle('alice', 'eng', { text: 'y'.repeat(MAX_MESSAGE_CHARS), author: 'u1', taskDomain: 'code' }).personaId).toBe('alice');
    substrate.stop();
  });

  it('any non-conforming value is refused without a change (property)', () => {
    const { substrate } = brain(['alice']);
    const before = footprint(substrate);
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()), fc.record({ text: fc.oneof(fc.integer(), fc.constant('')) }), fc.string({ maxLength: 0 })), (bad) => {
        expect(kindOf(() => (substrate.handle as (...a: unknown[]) => unknown)('alice', 'eng', bad))).toBe('invalid-message');
      }),
    );
    expect(footprint(substrate)).toBe(before);
    substrate.stop();
  });

  it('a channel is refused exactly when it has whitespace (\\s, Unicode included), a message exactly when it is all whitespace (property)', () => {
    const { substrate } = brain(['alice']);
    const chars = fc.constantFrom('a', 'Z', '-', '#', '~', ' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u200b', 'é', '日', '\u0085', '\u007f');
    const text = fc.array(chars, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (channel, message) => {
        const kind = kindOf(() => substrate.handle('alice', channel, message));
        const expected = /\s/.test(channel) ? 'invalid-channel' : !/\S/.test(message) ? 'invalid-message' : 'no error';
        expect(kind).toBe(expected);
      }),
      { numRuns: 500 },
    );
    substrate.stop();
  });

  it('a substrate without cognition: handle is not-enabled; a stopped one refuses', () => {
    const clock = createSimulatedClock();
    const plain = createSubstrate({ regions: [], clock }).start();
    expect(kindOf(() => plain.handle('a', 'b', 'c'))).toBe('not-enabled');
    expect(plain.cognition).toBeUndefined();
    const { substrate } = brain(['alice']);
    substrate.stop();
    expect(() => substrate.handle('alice', 'eng', 'hi')).toThrow(/stopped/);
  });

  it('persona/respond runs the handler through the typed envelopes', async () => {
    const { clock, substrate } = brain(['alice']);
    const runtime = createRuntime({ clock });
    runtime.register(createRespondModule(substrate));
    await runtime.initialize();
    const first = await runtime.execute('persona/respond', { personaId: 'alice', channelId: 'eng', text: 'the postgres migration locks the users table' });
    expect(first.success).toBe(true);
    expect(first.data).toMatchObject({ personaId: 'alice', channelId: 'eng', degraded: true, prefetch: { outcome: 'miss', engrams: [] } });
    clock.advanceBy(2_000);
    const second = await runtime.execute('persona/respond', { personaId: 'alice', channelId: 'eng', text: 'is the users table migration done?', taskDomain: 'code' });
    expect(second.success).toBe(true);
    const data = second.data as { prefetch: { outcome: string; engrams: Array<{ text: string }> } };
    expect(data.prefetch.outcome).toBe('hit');
    expect(data.prefetch.engrams[0]!.text).toContain('migration');
    expect(JSON.parse(JSON.stringify(second)).success).toBe(true); // plain wire data
    const bad = await runtime.execute('persona/respond', { personaId: 'alice', channelId: 'eng' });
    expect(bad.success).toBe(false);
    expect(bad.error).toMatch(/text/);
    const unknown = await runtime.execute('persona/respond', { personaId: 'zed', channelId: 'eng', text: 'hi' });
    expect(unknown.success).toBe(false);
    expect((unknown.cause as CognitionError).kind).toBe('unknown-persona');
    substrate.stop();
  });
});
