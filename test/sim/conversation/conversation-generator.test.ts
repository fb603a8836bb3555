// The seeded conversation generator: deterministic from the seed, time-ordered and within its bounds, rates close
// to the configured ones, bursts and quiet spells, topic shifts within the channel's topics, cues at their rates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConversationGenerator, type ConversationEvent } from '../../../src/sim/conversation/conversation-generator.js';
import type { ConversationLoadEvent } from '../../../src/sim/conversation/conversation-load-event.js';
import { CONVERSATION_TOPICS, CONVERSATION_TOPIC_NAMES } from '../../../src/sim/conversation/topic-catalog.js';
import { MAX_MESSAGE_CHARS } from '../../../src/actors/cognition/handle-contract.js';

const all = (gen: ConversationGenerator): ConversationEvent[] => {
  const out: ConversationEvent[] = [];
  for (let e = gen.next(); e; e = gen.next()) out.push(e);
  return out;
};

const load = (over: Partial<ConversationLoadEvent> = {}): ConversationLoadEvent => ({
  at: 0, type: 'load', kind: 'conversation', messagesPerMinute: 6,
  channels: [
    { id: 'general', members: ['alice', 'bob'], topics: ['food', 'travel', 'hiring'] },
    { id: 'engineering', members: ['alice', 'carol'], topics: ['ci', 'database'] },
  ],
  ...over,
});

const arbLoad = fc.record({
  at: fc.integer({ min: 0, max: 60_000 }),
  messagesPerMinute: fc.double({ min: 0.5, max: 120, noNaN: true }),
  topicShift: fc.double({ min: 0, max: 1, noNaN: true }),
  reactionRate: fc.double({ min: 0, max: 1, noNaN: true }),
  personaAuthorRate: fc.double({ min: 0, max: 1, noNaN: true }),
  bursts: fc.option(fc.record({ burstMs: fc.integer({ min: 100, max: 120_000 }), quietMs: fc.integer({ min: 100, max: 120_000 }), quietFactor: fc.double({ min: 0, max: 1, noNaN: true }) }), { nil: undefined }),
  channels: fc.array(fc.record({
    id: fc.constantFrom('general', 'engineering', 'design', 'random'),
    members: fc.uniqueArray(fc.constantFrom('alice', 'bob', 'carol', 'dave'), { minLength: 1, maxLength: 4 }),
    topics: fc.uniqueArray(fc.constantFrom(...CONVERSATION_TOPIC_NAMES), { minLength: 1, maxLength: 4 }),
  }), { minLength: 1, maxLength: 3 }),
}).map((r): ConversationLoadEvent => ({ type: 'load', kind: 'conversation', ...r, ...(r.bursts === undefined ? {} : { bursts: r.bursts }) }));

describe('ConversationGenerator', () => {
  it('is deterministic: the same load, seed and stream give the same events; another seed or stream others', () => {
    fc.assert(fc.property(arbLoad, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (l, seed) => {
      const a = all(new ConversationGenerator(l, seed, 3, 600_000));
      expect(all(new ConversationGenerator(l, seed, 3, 600_000))).toEqual(a);
      if (a.length > 3) {
        expect(all(new ConversationGenerator(l, seed + 1, 3, 600_000))).not.toEqual(a);
        expect(all(new ConversationGenerator(l, seed, 4, 600_000))).not.toEqual(a);
      }
    }), { numRuns: 40 });
  });

  it('yields events in time order within [at, until), recipients from the members but the author, valid texts', () => {
    fc.assert(fc.property(arbLoad, fc.integer({ min: 0, max: 1000 }), (l, seed) => {
      const until = l.at + 300_000;
      const events = all(new ConversationGenerator({ ...l, untilMs: until }, seed, 0, 900_000));
      const channels = new Map(l.channels.map((c) => [c.id, c]));
      let last = -Infinity;
      for (const e of events) {
        expect(e.at).toBeGreaterThanOrEqual(last);
        expect(e.at).toBeGreaterThanOrEqual(l.at);
        expect(e.at).toBeLessThan(until);
        last = e.at;
        expect(channels.has(e.channel)).toBe(true);
        for (const r of e.recipients) expect(r !== e.author && l.channels.some((c) => c.id === e.channel && c.members.includes(r))).toBe(true);
        if (e.kind === 'message') {
          expect(e.text.length).toBeGreaterThan(0);
          expect(e.text.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
          expect(l.channels.some((c) => c.id === e.channel && c.topics.includes(e.topic))).toBe(true);
          expect(CONVERSATION_TOPICS.get(e.topic)!.domain).toBe(e.domain);
        }
      }
    }), { numRuns: 40 });
  });

  it('stops at the end of the run when untilMs is later or left out', () => {
    const events = all(new ConversationGenerator(load({ untilMs: 10_000_000 }), 1, 0, 120_000));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.at < 120_000)).toBe(true);
  });

  it('a steady load has about messagesPerMinute per channel, and cues and reactions at their rates', () => {
    const l = load({ messagesPerMinute: 30, questionRate: 0.4, codeRate: 0.2, deadlineRate: 0.1, reactionRate: 0.25 });
    const events = all(new ConversationGenerator(l, 9, 0, 3_600_000));
    const messages = events.filter((e) => e.kind === 'message');
    const expected = 30 * 60 * 2; // two channels, one hour
    expect(Math.abs(messages.length - expected)).toBeLessThan(4 * Math.sqrt(expected));
    const share = (f: (m: (typeof messages)[number]) => boolean): number => messages.filter(f).length / messages.length;
    expect(share((m) => m.kind === 'message' && m.cues.question)).toBeCloseTo(0.4, 1);
    expect(share((m) => m.kind === 'message' && m.cues.code)).toBeCloseTo(0.2, 1);
    expect(share((m) => m.kind === 'message' && m.cues.deadline)).toBeCloseTo(0.1, 1);
    expect(events.filter((e) => e.kind === 'reaction').length / messages.length).toBeCloseTo(0.25, 1);
    const questions = messages.filter((m) => m.kind === 'message' && m.cues.question);
    expect(questions.every((m) => m.kind === 'message' && m.text.includes('?'))).toBe(true);
    expect(messages.filter((m) => m.kind === 'message' && m.cues.code).every((m) => m.kind === 'message' && m.text.includes('```'))).toBe(true);
  });

  it('bursts and quiet spells: with quietFactor 0 the talk comes in clusters and the mean rate drops by the duty cycle', () => {
    const l = load({ messagesPerMinute: 60, bursts: { burstMs: 60_000, quietMs: 180_000, quietFactor: 0 }, channels: [{ id: 'general', members: ['alice'], topics: ['food'] }], reactionRate: 0 });
    const messages = all(new ConversationGenerator(l, 5, 0, 24 * 3_600_000));
    const perMinute = messages.length / (24 * 60);
    expect(perMinute).toBeGreaterThan(60 * 0.25 * 0.7);
    expect(perMinute).toBeLessThan(60 * 0.25 * 1.3);
    const gaps = messages.slice(1).map((m, i) => m.at - messages[i]!.at);
    expect(gaps.filter((g) => g > 30_000).length).toBeGreaterThan(100); // quiet spells
    expect(gaps.filter((g) => g < 2_000).length).toBeGreaterThan(gaps.length / 2); // bursts
  });

  it('topic shifts move within the channel’s topics; a shift across domains is a task-domain shift', () => {
    const l = load({ topicShift: 0.2, channels: [{ id: 'mixed', members: ['alice', 'bob'], topics: ['ci', 'food', 'database'] }] });
    const messages = all(new ConversationGenerator(l, 2, 0, 3_600_000)).filter((e) => e.kind === 'message');
    let prev: string | undefined;
    let shifts = 0;
    for (const m of messages) {
      if (m.kind !== 'message') continue;
      if (prev !== undefined) expect(m.topicShift).toBe(m.topic !== prev);
      if (m.topicShift) {
        shifts++;
        expect(m.domainShift).toBe(CONVERSATION_TOPICS.get(prev!)!.domain !== m.domain);
      }
      prev = m.topic;
    }
    expect(shifts / messages.length).toBeCloseTo(0.2, 1);
    expect((messages[0] as { topic: string }).topic === 'ci' || (messages[0] as { topicShift: boolean }).topicShift).toBe(true);
  });

  it('a rate of 0 yields nothing', () => {
    expect(all(new ConversationGenerator(load({ messagesPerMinute: 0 }), 1, 0, 3_600_000))).toEqual([]);
  });
});
