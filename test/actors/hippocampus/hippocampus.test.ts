// The hippocampus: drains working memory into tagged engrams with reply / shared-topic / co-occurrence edges, stages
// prefetch:<channel> and blend:<channel> in its one buffer, and gates staging on the predictor's confidence.
import { describe, expect, it } from 'vitest';
import { brain } from '../cognition/fixtures.js';
import { predictQuery, predictionConfidence } from '../../../src/actors/hippocampus/predictor.js';
import { NO_INTENTS } from '../../../src/actors/cognition/intent-cues.js';
import type { BlendPrefetch, EngramPrefetch } from '../../../src/actors/cognition/prefetch-types.js';
import { createHashingEmbedder } from '../../../src/memory/embedder.js';
import type { Engram } from '../../../src/memory/engram.js';

describe('hippocampus', () => {
  it('consolidates working memory into engrams tagged "hippocampus", with edges, and stages prefetch and blend per channel', () => {
    const { clock, substrate } = brain(['alice']);
    const pc = substrate.cognition!.get('alice');
    substrate.handle('alice', 'eng', 'the postgres migration locks the users table');
    substrate.handle('alice', 'eng', 'the users table migration took an hour');
    substrate.handle('alice', 'eng', { text: '```\nALTER TABLE users ADD COLUMN x\n``` migration script', taskDomain: 'code' });
    substrate.handle('alice', 'garden', 'the tomatoes need watering');
    expect(pc.memory.store.size).toBe(0); // the handler only appended to working memory
    clock.advanceBy(500);
    expect(pc.memory.store.size).toBe(4);
    const engrams = pc.memory.store.byChannel('eng' as never, 10);
    expect(engrams.every((e) => e.source === 'hippocampus')).toBe(true);
    expect(engrams[0]!.taskDomain).toBe('code');
    const kinds = engrams.flatMap((e) => pc.memory.graph.neighbors(e.id).map((n) => n.kind));
    expect(kinds).toContain('conversational-reply');
    expect(kinds).toContain('shared-topic');
    const buffer = substrate.buffer('hippocampus', 'alice');
    expect(buffer.has('prefetch:eng') && buffer.has('blend:eng') && buffer.has('prefetch:garden')).toBe(true);
    const prefetch = buffer.peek('prefetch:eng') as EngramPrefetch;
    expect(prefetch.terms.has('migration')).toBe(true);
    expect(prefetch.engrams.length).toBeGreaterThan(0);
    expect(prefetch.coveredSeq).toBe(3);
    const blend = buffer.peek('blend:eng') as BlendPrefetch;
    expect(Object.keys(blend.adapters)).toContain('coder');
    expect(Object.values(blend.adapters).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // the next message is a co-occurrence partner of what the prefetch put first
    substrate.handle('alice', 'eng', 'rollback plan for the users table migration?');
    clock.advanceBy(500);
    const newest = pc.memory.store.byChannel('eng' as never, 1)[0]!;
    expect(pc.memory.graph.neighbors(newest.id).map((n) => n.kind)).toContain('recall-co-occurrence');
    substrate.stop();
  });

  it('gates staging on the predictor confidence (threshold 1 stages nothing: every read misses)', () => {
    const { clock, substrate } = brain(['alice'], { confidenceThreshold: 1 });
    for (const t of ['tomatoes and basil', 'kubernetes pods crash', 'invoice refund for the customer']) {
      substrate.handle('alice', 'eng', t);
      clock.advanceBy(1_000);
    }
    const pc = substrate.cognition!.get('alice');
    expect(pc.counters.predicted).toBe(3);
    expect(pc.counters.gated).toBe(3);
    expect(substrate.handle('alice', 'eng', 'anything').prefetch.outcome).toBe('miss');
    substrate.stop();
  });

  it('predictor: a coherent window and a cue raise confidence; switched off it is the last message alone', () => {
    expect(predictionConfidence(1, 6, 6, NO_INTENTS)).toBeCloseTo(0.8, 9);
    expect(predictionConfidence(1, 6, 6, { ...NO_INTENTS, question: true })).toBeCloseTo(1, 9);
    expect(predictionConfidence(0, 1, 6, NO_INTENTS)).toBeCloseTo(0.05, 9);
    const embedder = createHashingEmbedder();
    const e = (id: string, text: string): Engram => ({ id, text, embedding: embedder.embed(text), taskDomain: 'conversational' } as unknown as Engram);
    const window = [e('a', 'postgres migration locks'), e('b', 'users table migration'), e('c', 'how long is the migration?')];
    const on = predictQuery(window, 'conversational', { enabled: true, window: 6, maxTerms: 16 })!;
    expect(on.intents.question).toBe(true);
    expect([...on.terms]).toEqual(expect.arrayContaining(['migration', 'postgres', 'users']));
    expect(on.recentHistory).toEqual(['a', 'b', 'c']);
    const off = predictQuery(window, 'conversational', { enabled: false, window: 6, maxTerms: 16 })!;
    expect([...off.terms]).toEqual(['long', 'migration']);
    expect(off.confidence).toBe(1);
    expect(off.recentHistory).toEqual(['c']);
    expect(predictQuery([], 'x', { enabled: true, window: 6, maxTerms: 16 })).toBeUndefined();
  });
});
