// cognition.overhear(): a lurker takes a message in (working memory, sleep-policy) and peeks only the hippocampus's
// prefetch, tallied like handle()'s prefetch read; bad input is refused like handle()'s, having changed nothing.
import { describe, expect, it } from 'vitest';
import { CognitionError } from '../../../src/actors/cognition/cognition-error.js';
import { brain } from './fixtures.js';

const HISTORY = ['the postgres migration locks the users table', 'split the users table migration into batches', 'run the migration batch at night'];

/** A brain where alice has discussed the migration on #eng and the hippocampus has staged a prefetch for it. */
function warmed() {
  const b = brain(['alice']);
  for (const text of HISTORY) {
    b.substrate.handle('alice', 'eng', text);
    b.clock.advanceBy(1_000);
  }
  b.clock.advanceBy(5_000);
  return b;
}

describe('cognition.overhear', () => {
  it('appends to working memory, tells sleep-policy, and reads the prefetch exactly as handle() would', () => {
    const a = warmed(), b = warmed();
    const text = 'did the users table migration finish?';
    const observed = a.substrate.cognition!.overhear('alice', 'eng', text);
    const handled = b.substrate.handle('alice', 'eng', text);
    expect(observed.prefetch.outcome).toBe('hit');
    expect(observed).toEqual({ personaId: handled.personaId, channelId: handled.channelId, at: handled.at, prefetch: handled.prefetch });
    const pa = a.substrate.cognition!.get('alice'), pb = b.substrate.cognition!.get('alice');
    expect(pa.working.get('eng')!.seq).toBe(HISTORY.length + 1);
    expect(pa.messages).toBe(pb.messages);
    expect(pa.lastMessageAt).toBe(a.clock.now());
    expect(a.substrate.cognition!.sleepPolicy).toMatchObject({ lastActivityAt: b.substrate.cognition!.sleepPolicy.lastActivityAt });
    a.substrate.stop(); b.substrate.stop();
  });

  it('tallies only the prefetch read: no blend or candidate read, nothing noted as used (no rehearsal)', () => {
    const { substrate } = warmed();
    const cognition = substrate.cognition!;
    const pc = cognition.get('alice');
    const before = { prefetch: pc.prefetchReads.telemetry(), blend: pc.blendReads.telemetry(), candidate: pc.candidateReads.telemetry(), used: pc.used.length };
    cognition.overhear('alice', 'eng', 'the migration batch finished at night');
    cognition.overhear('alice', 'design', 'a new brand palette'); // nothing staged on #design: a miss
    expect(pc.prefetchReads.telemetry()).toMatchObject({ reads: before.prefetch.reads + 2, hits: before.prefetch.hits + 1, misses: before.prefetch.misses + 1 });
    expect(cognition.telemetry('alice').reads).toBe(before.prefetch.reads + 2);
    expect(pc.blendReads.telemetry()).toEqual(before.blend);
    expect(pc.candidateReads.telemetry()).toEqual(before.candidate);
    expect(pc.used.length).toBe(before.used);
    substrate.stop();
  });

  it('an observed message is consolidated like a handled one', () => {
    const { clock, substrate } = warmed();
    const pc = substrate.cognition!.get('alice');
    const engrams = pc.memory.store.size;
    substrate.cognition!.overhear('alice', 'eng', { text: 'the batch job crashed on the users table', author: 'bob' });
    clock.advanceBy(2_000);
    expect(pc.memory.store.size).toBe(engrams + 1);
    substrate.stop();
  });

  it('refuses bad input with handle()\'s typed errors, naming overhear, and changes nothing', () => {
    const { substrate } = warmed();
    const cognition = substrate.cognition!;
    const pc = cognition.get('alice');
    const snapshot = () => ({ seq: pc.working.get('eng')!.seq, channels: pc.working.size, messages: pc.messages, reads: pc.prefetchReads.reads, last: cognition.sleepPolicy.lastActivityAt });
    const before = snapshot();
    const bad: Array<[unknown, unknown, unknown, string]> = [
      ['nobody', 'eng', 'hi', 'unknown-persona'],
      ['alice', 'two words', 'hi', 'invalid-channel'],
      ['alice', 'eng', '   ', 'invalid-message'],
      ['alice', 'eng', { text: 'hi', author: '' }, 'invalid-message'],
      ['alice', 'eng', 42, 'invalid-message'],
    ];
    for (const [persona, channel, message, kind] of bad) {
      let caught: unknown;
      try {
        cognition.overhear(persona as string, channel as string, message as string);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(CognitionError);
      expect((caught as CognitionError).kind).toBe(kind);
      expect((caught as CognitionError).message).toMatch(/^overhear: /);
    }
    expect(snapshot()).toEqual(before);
    substrate.stop();
  });
});
