// docs/cognition.md's worked example, run as written (public entry point), so the doc cannot rot.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, createSubstrate } from '../../../src/index.js';

describe('docs/cognition.md worked example', () => {
  it('misses cold, hits once staged, partial on another topic, idles, sleeps, wakes', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [], clock, seed: 1, cognition: {} }).start();
    substrate.spawnPersona('alice');
    const first = substrate.handle('alice', 'eng', 'the postgres migration locks the users table');
    expect(first.prefetch.outcome).toBe('miss');
    expect(first.candidate.reply.text).toBe('(no pre-scored reply staged: fall back to raw inference)');
    expect(first.blend.adapters).toEqual({ conversational: 1 });
    expect(first.degraded).toBe(true);
    clock.advanceBy(2_000);
    substrate.handle('alice', 'eng', { text: 'we could split the users table migration into batches', author: 'bob' });
    clock.advanceBy(2_000);
    const r = substrate.handle('alice', 'eng', 'how long did the migration lock the users table?');
    expect(r.prefetch.outcome).toBe('hit');
    expect(r.prefetch.engrams.map((e) => e.engram.text)).toEqual(['the postgres migration locks the users table', 'we could split the users table migration into batches']);
    expect(r.prefetch.behindBy).toBe(0);
    expect(r.prefetch.ageMs).toBeGreaterThan(1_900);
    expect(r.candidate.outcome).toBe('hit');
    expect(r.candidate.reply.text).toBe('Picking up migration, users, table: "the postgres migration locks the users table"');
    expect(r.blend).toEqual({ outcome: 'hit', adapters: { conversational: 1 } });
    expect(substrate.handle('alice', 'eng', 'tomatoes need watering in the greenhouse').prefetch.outcome).toBe('partial');
    expect(substrate.cognition!.telemetry()).toEqual({ reads: 4, hits: 2, partials: 1, misses: 1, hitRate: 0.625 });
    clock.advanceBy(61_000);
    expect(substrate.policy().phase).toBe('idle');
    clock.advanceBy(600_000);
    expect(substrate.policy().phase).toBe('sleep');
    substrate.handle('alice', 'eng', 'morning!');
    clock.advanceBy(0);
    expect(substrate.policy().phase).toBe('active');
    substrate.stop();
  });
});
