// A scenario with `load` events of kind `inference`, through the ordinary runner: validated, driven on the
// simulated clock, its figures in the summary and the terminal table, byte-identical for a seed.
import { describe, expect, it } from 'vitest';
import { formatSummary, runScenario, scenarioProblems, toJsonLines, validateScenario } from '../../src/sim/index.js';

const scenario = {
  name: 'inference-storm',
  description: "Alice replies from pre-staged candidates; Bob's handlers need inference and flood the queue for 20 s.",
  seed: 5,
  durationMs: 60_000,
  regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch' }, { id: 'slow-consolidator' }],
  personas: [{ id: 'alice' }, { id: 'bob' }],
  timeline: [
    { at: 0, type: 'load', kind: 'inference', persona: 'alice', requestsPerSecond: 3, promptTokens: 120, outputTokens: 16, candidate: { region: 'echo-prefetch', key: 'general' } },
    { at: 5_000, type: 'load', kind: 'inference', persona: 'bob', requestsPerSecond: 10, promptTokens: 400, outputTokens: 48, untilMs: 25_000 },
  ],
  expect: [
    { at: 20_000, type: 'level', equals: 'moderate' },
    { type: 'level', equals: 'nominal' },
  ],
};

describe('a scenario with an inference load', () => {
  it('runs: the storm raises the pressure level and it recovers; the summary carries the inference figures', async () => {
    const result = await runScenario(validateScenario(scenario));
    expect(result.summary.passed).toBe(true);
    const inference = result.summary.inference!;
    expect(inference.queueDepth.max).toBeGreaterThan(16);
    expect(inference.pressure.map((p) => p.depth > 16)).toEqual([true, false]);
    expect(inference.candidateHits).toBeGreaterThan(0);
    expect(inference.ttftWithoutCandidateMs.count).toBe(inference.started);
    expect(formatSummary(result.summary)).toContain('time to first token (ms)');
  });

  it('gives the same trace and summary for the same seed', async () => {
    const a = await runScenario(validateScenario(scenario));
    const b = await runScenario(validateScenario(scenario));
    expect(toJsonLines(b.trace)).toBe(toJsonLines(a.trace));
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
  });

  it('reports a bad inference load at its path, and an unknown persona', () => {
    const bad = structuredClone(scenario) as { timeline: Array<Record<string, unknown>> };
    bad.timeline[1]!.outputTokens = 0;
    bad.timeline[1]!.persona = 'carol';
    bad.timeline[0]!.candidate = { region: 'motor-cortex', key: 'general' };
    const paths = scenarioProblems(bad).map((p) => p.path).sort();
    expect(paths).toEqual(['$.timeline[0].candidate.region', '$.timeline[1].outputTokens', '$.timeline[1].persona']);
  });

  it('leaves scenarios without an inference load as they were', async () => {
    const plain = { ...scenario, timeline: [], expect: [] };
    const result = await runScenario(validateScenario(plain));
    expect(result.summary.inference).toBeUndefined();
    expect(formatSummary(result.summary)).not.toContain('time to first token');
  });
});
