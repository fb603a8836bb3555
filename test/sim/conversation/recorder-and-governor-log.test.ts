// The streaming aggregates: the recorder's handled windows and counters (hit rate of §2 algorithm 5, ages, errors
// kept bounded) and the governor log (phase entries count real changes only; lists are bounded).
import { describe, expect, it } from 'vitest';
import { ConversationRecorder, MAX_KEPT_ERRORS, type HandledTraceRecord } from '../../../src/sim/conversation/conversation-recorder.js';
import { GovernorLog, MAX_LISTED_CHANGES } from '../../../src/sim/conversation/governor-log.js';
import { conversationSummary } from '../../../src/sim/conversation/conversation-summary.js';
import { hitRate } from '../../../src/sim/conversation/handle-counters.js';
import type { HandleResult, ReadOutcome } from '../../../src/actors/cognition/handle-contract.js';
import type { SubstrateEvent } from '../../../src/actors/governor/events.js';

const result = (outcome: ReadOutcome, ageMs?: number): HandleResult => ({
  personaId: 'alice', channelId: 'general', at: 0,
  prefetch: { outcome, engrams: [], ...(ageMs !== undefined ? { stagedAt: 0, ageMs } : {}) },
  candidate: { outcome, reply: { text: '', score: 0, basis: [] } },
  blend: { outcome, adapters: {} },
  degraded: outcome === 'miss',
});

describe('ConversationRecorder', () => {
  it('emits one handled record per persona × channel per window, with outcomes, degraded and the mean prefetch age', () => {
    const records: HandledTraceRecord[] = [];
    const r = new ConversationRecorder((x) => records.push(x), 1000);
    r.onResult(100, 'alice', 'general', result('hit', 200));
    r.onResult(200, 'alice', 'general', result('partial', 400));
    r.onResult(300, 'alice', 'code', result('miss'));
    r.onResult(400, 'bob', 'general', result('hit', 50));
    r.flush(1000);
    r.flush(2000); // an empty window writes nothing
    r.onResult(2500, 'alice', 'general', result('hit', 10));
    r.flush(3000);
    expect(records.map((x) => [x.t, x.from, x.persona, x.channel, x.handled, x.prefetch, x.degraded, x.prefetchAgeMs])).toEqual([
      [1000, 0, 'alice', 'general', 2, [1, 1, 0], 0, 300],
      [1000, 0, 'alice', 'code', 1, [0, 0, 1], 1, null],
      [1000, 0, 'bob', 'general', 1, [1, 0, 0], 0, 50],
      [3000, 2000, 'alice', 'general', 1, [1, 0, 0], 0, 10],
    ]);
    const s = conversationSummary(r);
    expect(s.handled).toBe(5);
    expect(s.buffers.prefetch).toMatchObject({ hit: 3, partial: 1, miss: 1, reads: 5, hitRate: 0.7 }); // (3 + 0.5) / 5
    expect(s.personas.map((p) => [p.persona, p.prefetch.hitRate, p.predictor])).toEqual([['alice', hitRate({ hit: 2, partial: 1, miss: 1 }), 'below-target'], ['bob', 1, 'on-target']]);
  });

  it('keeps at most a few distinct errors, counting them all', () => {
    const r = new ConversationRecorder(() => {}, 1000);
    for (let i = 0; i < 20; i++) r.onError('alice', 'general', new Error(`boom ${i % 8}`));
    const s = conversationSummary(r);
    expect(s.errors).toBe(20);
    expect(s.errorsSeen).toHaveLength(MAX_KEPT_ERRORS);
    expect(s.content.deliveries).toBe(20);
  });

  it('hit rate is 0 with no reads and the predictor verdict says no-reads', () => {
    const s = conversationSummary(new ConversationRecorder(() => {}, 1000));
    expect(s.predictor).toMatchObject({ verdict: 'no-reads', hitRate: 0 });
  });
});

describe('GovernorLog', () => {
  const phase = (at: number, p: 'active' | 'idle' | 'sleep'): SubstrateEvent => ({ type: 'phase', at, phase: p });
  it('counts phase entries on real changes only and bounds the listed changes', () => {
    const g = new GovernorLog(0, 1000, 16);
    g.onEvent(phase(1, 'active')); // no change
    g.onEvent(phase(2, 'idle'));
    g.onEvent(phase(3, 'idle'));
    g.onEvent(phase(4, 'sleep'));
    g.onEvent(phase(5, 'active'));
    expect(g.summary().phaseChanges).toEqual([{ t: 2, phase: 'idle' }, { t: 4, phase: 'sleep' }, { t: 5, phase: 'active' }]);
    expect(g.phaseEntries).toEqual({ active: 1, idle: 1, sleep: 1 });
    for (let i = 0; i < MAX_LISTED_CHANGES * 2; i++) g.onEvent(phase(10 + i, i % 2 === 0 ? 'idle' : 'active'));
    expect(g.summary().phaseChanges).toHaveLength(MAX_LISTED_CHANGES);
    expect(g.summary().unlisted.phase).toBe(3 + MAX_LISTED_CHANGES * 2 - MAX_LISTED_CHANGES);
  });

  it('per region: decisions by hint, budget weight range and latest mean, a bounded interval series', () => {
    const g = new GovernorLog(0, 1000, 4);
    const decision = (at: number, key: string, hint: 'faster' | 'slower', weight: number, intervalMs: number): SubstrateEvent => ({ type: 'decision', at, key, hint, passes: 1, weight, intervalMs, nextDueAt: undefined });
    for (let t = 0; t < 10_000; t += 500) {
      g.onEvent(decision(t, 'motor-cortex@alice', 'faster', 1.2, 100));
      g.onEvent(decision(t, 'motor-cortex@eve', 'slower', 0.8, 300));
    }
    const [m] = g.summary().regions;
    expect(m!.region).toBe('motor-cortex');
    expect(m!.decisions).toEqual({ faster: 20, hold: 0, slower: 20, sleep: 0 });
    expect(m!.weight).toEqual({ min: 0.8, max: 1.2, last: 1 });
    expect(m!.series.length).toBeLessThanOrEqual(4);
    expect(m!.series.every(([, interval, weight]) => interval === 200 && weight === 1)).toBe(true);
  });
});
