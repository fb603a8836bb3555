// The pieces of PersonaCognition: the working-memory ring, the salience map's commuting increments, vitals' one
// writer, the read tally's weighted hit rate, topic terms and intent cues.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChannelRing, WorkingMemory } from '../../../src/actors/cognition/working-memory.js';
import { SalienceMap } from '../../../src/actors/cognition/salience-map.js';
import { createVitalsStore, writeVitals } from '../../../src/actors/cognition/vitals.js';
import { ReadTally, hitRate, predictorVerdict } from '../../../src/actors/cognition/read-tally.js';
import { topicRelation, topicTerms, MAX_TERMS_PER_TEXT } from '../../../src/actors/cognition/topic-terms.js';
import { intentCues, domainFromCues } from '../../../src/actors/cognition/intent-cues.js';
import { CognitionError } from '../../../src/actors/cognition/cognition-error.js';
import type { ChannelId, EngramId } from '../../../src/runtime/ids.js';

describe('working memory', () => {
  it('a bounded ring per channel: old entries fall off, drain returns what was not drained yet, counting drops', () => {
    const ring = new ChannelRing('eng' as ChannelId, 4);
    for (let i = 1; i <= 3; i++) ring.push(`m${i}`, 'u', undefined, i);
    expect(ring.drain().map((e) => e.text)).toEqual(['m1', 'm2', 'm3']);
    expect(ring.drain()).toEqual([]);
    for (let i = 4; i <= 10; i++) ring.push(`m${i}`, 'u', undefined, i);
    expect(ring.dropped).toBe(3); // m4..m6 fell off before a drain
    expect(ring.drain().map((e) => e.text)).toEqual(['m7', 'm8', 'm9', 'm10']);
    expect(ring.recent(2).map((e) => e.text)).toEqual(['m9', 'm10']);
    expect(ring.get(3)).toBeUndefined();
    expect(ring.latest()!.seq).toBe(10);
  });

  it('keeps at most maxChannels rings, dropping the least recently active', () => {
    const wm = new WorkingMemory(4, 2);
    wm.ring('a' as ChannelId).push('x', 'u', undefined, 1);
    wm.ring('b' as ChannelId).push('x', 'u', undefined, 2);
    wm.ring('c' as ChannelId).push('x', 'u', undefined, 3);
    expect([...wm.channels()].map((r) => r.channelId)).toEqual(['b', 'c']);
    expect(wm.pending()).toBe(2);
  });
});

describe('salience map', () => {
  it('increments commute: any order of reactions and rehearsals at any times gives the same heat and pending', () => {
    const ops = fc.array(fc.record({ id: fc.constantFrom('e1', 'e2', 'e3'), at: fc.integer({ min: 0, max: 3_600_000 }), kind: fc.constantFrom('react', 'rehearse'), delta: fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0) }), { maxLength: 40 });
    fc.assert(
      fc.property(ops, fc.integer(), (list, seed) => {
        const apply = (order: typeof list) => {
          const m = new SalienceMap(600_000, 0);
          for (const o of order) o.kind === 'react' ? m.react(o.id as EngramId, o.delta, o.at) : m.rehearse(o.id as EngramId, o.at);
          const pending: string[] = [];
          m.takePending((id, r, h) => pending.push(`${id}:${r}:${h}`));
          return { heat: ['e1', 'e2', 'e3'].map((id) => m.heat(id as EngramId, 3_600_000)), pending: pending.sort() };
        };
        const shuffled = [...list].sort((a, b) => ((a.at * 31 + seed) % 97) - ((b.at * 31 + seed) % 97));
        const a = apply(list);
        const b = apply(shuffled);
        expect(b.pending).toEqual(a.pending);
        for (let i = 0; i < 3; i++) expect(b.heat[i]!).toBeCloseTo(a.heat[i]!, 9);
      }),
    );
  });

  it('heat halves every half-life; decay rebases and drops what is cold and settled', () => {
    const m = new SalienceMap(1_000, 0);
    m.react('e1' as EngramId, 1, 0);
    expect(m.heat('e1' as EngramId, 1_000)).toBeCloseTo(0.5, 9);
    m.takePending(() => {});
    expect(m.decay(20_000)).toBe(1);
    expect(m.size).toBe(0);
  });
});

describe('vitals', () => {
  it('only attention writes them; anyone else is refused and nothing changes', () => {
    const store = createVitalsStore(0);
    writeVitals(store, 'attention', 0.4, 2, 10);
    expect(store.getSnapshot().context).toEqual({ energy: 0.4, focus: 1, updatedAt: 10 });
    expect(() => writeVitals(store, 'hippocampus', 0, 0, 20)).toThrow(CognitionError);
    expect(store.getSnapshot().context.updatedAt).toBe(10);
  });
});

describe('read tally', () => {
  it('hitRate = (hit + 0.5·partial) / reads, 0 with no reads; the weighted drain gives yield learning the same rate', () => {
    expect(hitRate(0, 0, 0)).toBe(0);
    const t = new ReadTally();
    for (const o of ['hit', 'hit', 'partial', 'miss'] as const) t.record(o);
    expect(t.telemetry()).toEqual({ reads: 4, hits: 2, partials: 1, misses: 1, hitRate: 0.625 });
    const w = t.drainWeighted()!;
    expect(w.hits / (w.hits + w.misses)).toBe(0.625);
    expect(t.drainWeighted()).toBeUndefined();
    expect([0, 0.49, 0.5, 0.7, 0.71].map((hitRate) => predictorVerdict({ reads: 1, hitRate }))).toEqual(['failing', 'failing', 'below-target', 'below-target', 'on-target']);
    expect(predictorVerdict({ reads: 0, hitRate: 0 })).toBe('no-reads');
  });
});

describe('topic terms and intent cues', () => {
  it('content words, lower-cased, no stop-words, bounded; a message with no content word counts as the same topic', () => {
    expect(topicTerms('The Postgres migration locks the USERS table, again!')).toEqual(['postgres', 'migration', 'locks', 'users', 'table']);
    expect(topicTerms(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '))).toHaveLength(MAX_TERMS_PER_TEXT);
    expect(topicRelation('ok 👍', new Set(['postgres']))).toBe('same');
    expect(topicRelation('postgres again', new Set(['postgres']))).toBe('same');
    expect(topicRelation('tomatoes in the garden', new Set(['postgres']))).toBe('other');
  });

  it('questions, code blocks, deadlines and tense shifts', () => {
    expect(intentCues('how do we fix it', undefined)).toMatchObject({ question: true, codeBlock: false });
    expect(intentCues('```\nx()\n```', undefined).codeBlock).toBe(true);
    expect(intentCues('we need this by friday', undefined).deadline).toBe(true);
    expect(intentCues('we will ship it', 'we shipped it yesterday').tenseShift).toBe(true);
    expect(domainFromCues(intentCues('```\nx\n```', undefined))).toBe('code');
    expect(domainFromCues(intentCues('deadline is close', undefined))).toBe('planning');
    expect(domainFromCues(intentCues('nice weather', undefined))).toBeUndefined();
  });
});
