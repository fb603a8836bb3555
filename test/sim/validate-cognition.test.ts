// A scenario's `cognition` options: exact paths and bounds in the validator, refused options with their reason, and
// the run (main and baseline) created with them.
import { describe, expect, it } from 'vitest';
import { scenarioProblems, validateScenario } from '../../src/sim/validate-scenario.js';
import { runScenario } from '../../src/sim/run-scenario.js';
import { scenarioCognitionOptions, SCENARIO_COGNITION_FIELDS } from '../../src/sim/validate-cognition.js';
import { NUMBER_RULES } from '../../src/sim/scenario-limits.js';
import { resolveCognitionOptions } from '../../src/actors/cognition/cognition-options.js';
import type { Scenario } from '../../src/sim/scenario-types.js';

const COGNITION = [{ id: 'hippocampus' }, { id: 'motor-cortex' }, { id: 'attention' }, { id: 'sleep-policy' }];
const chat = (untilMs: number) => ({ at: 0, type: 'load', kind: 'conversation', messagesPerMinute: 12, untilMs, channels: [{ id: 'general', members: ['alice', 'bob'], topics: ['food', 'ci'] }] });
const base = (extra: Record<string, unknown> = {}) => ({ name: 'cog', durationMs: 300_000, regions: COGNITION, personas: [{ id: 'alice' }, { id: 'bob' }], ...extra });
const paths = (value: unknown): string[] => scenarioProblems(value).map((p) => p.path);

describe('scenario cognition options', () => {
  it('accepts every settable option at its bounds; cognition accepts the same values', () => {
    const low = Object.fromEntries(SCENARIO_COGNITION_FIELDS.map((f) => [f, NUMBER_RULES.cognition[f].minimum!]));
    const high = Object.fromEntries(SCENARIO_COGNITION_FIELDS.map((f) => [f, NUMBER_RULES.cognition[f].maximum]));
    low.sleepAfterMs = 2; // after idle
    high.idleAfterMs = NUMBER_RULES.cognition.idleAfterMs.maximum - 1;
    for (const cognition of [low, high, {}]) {
      expect(paths(base({ cognition }))).toEqual([]);
      expect(() => resolveCognitionOptions(scenarioCognitionOptions(base({ cognition }) as Scenario, true))).not.toThrow();
    }
  });

  it('reports each bad option at its exact path, with what is allowed', () => {
    const ps = scenarioProblems(base({ cognition: { memoryMax: 0, confidenceThreshold: 1.5, prunePerPass: 2.5, idleAfterMs: '1m', recallToken: 10, predictor: false, embedder: {} } }));
    expect(ps.map((p) => p.path).sort()).toEqual(['$.cognition.confidenceThreshold', '$.cognition.embedder', '$.cognition.idleAfterMs', '$.cognition.memoryMax', '$.cognition.predictor', '$.cognition.prunePerPass', '$.cognition.recallToken'].sort());
    const at = (p: string) => ps.find((x) => x.path === p)!.message;
    expect(at('$.cognition.memoryMax')).toMatch(/integer/);
    expect(at('$.cognition.confidenceThreshold')).toMatch(/1/);
    expect(at('$.cognition.recallToken')).toMatch(/unknown field; expected one of .*"recallTokens"/);
    expect(at('$.cognition.predictor')).toMatch(/"baseline": "predictor-off"/);
    expect(paths(base({ cognition: [] }))).toEqual(['$.cognition']);
  });

  it('sleep must come after idle, defaults included; and the options need a cognition region', () => {
    expect(paths(base({ cognition: { idleAfterMs: 5_000, sleepAfterMs: 5_000 } }))).toEqual(['$.cognition.sleepAfterMs']);
    expect(scenarioProblems(base({ cognition: { sleepAfterMs: 30_000 } }))[0]!.message).toMatch(/60000, the default/);
    expect(paths(base({ cognition: { idleAfterMs: 700_000 } }))).toEqual(['$.cognition.idleAfterMs']);
    expect(paths({ ...base({ cognition: { idleAfterMs: 1000, sleepAfterMs: 2000 } }), regions: [{ id: 'heartbeat' }] })).toEqual(['$.cognition']);
  });

  it('the run (and its baseline) uses them: short quiet thresholds reach sleep in a short run; the defaults do not', async () => {
    const expect_ = [{ type: 'phase-reached', equals: 'idle' }, { type: 'phase-reached', equals: 'sleep' }, { type: 'conversation', metric: 'handled', run: 'baseline', min: 1 }];
    const scenario = (cognition?: Record<string, unknown>) => validateScenario(base({ seed: 5, baseline: 'predictor-off', timeline: [chat(60_000)], expect: expect_, trace: { level: 'off' }, ...(cognition ? { cognition } : {}) }));
    const short = await runScenario(scenario({ idleAfterMs: 10_000, sleepAfterMs: 40_000 }));
    expect(short.summary.expectations.map((e) => e.passed)).toEqual([true, true, true]);
    const sleepAt = short.summary.governor!.phaseChanges.find((p) => p.phase === 'sleep')!.t;
    expect(sleepAt).toBeGreaterThanOrEqual(60_000 + 40_000 - 10_000); // the last message came before 60 s
    expect(sleepAt).toBeLessThan(60_000 + 40_000 + 5_000);
    const defaults = await runScenario(scenario());
    expect(defaults.summary.expectations.map((e) => e.passed)).toEqual([true, false, true]); // idle after 1 min, no sleep in 4 quiet min
    // the baseline run is made with the same options and the predictor off
    expect(scenarioCognitionOptions(scenario({ idleAfterMs: 10_000, sleepAfterMs: 40_000 }), false)).toEqual({ idleAfterMs: 10_000, sleepAfterMs: 40_000, predictor: false });
  }, 60_000);
});
