// A short scenario for the inspector's tests: the three catalogue regions, two personas, a pressure spike, a
// recovered fault and an idle phase within one simulated minute.
import type { Scenario } from '../../src/sim/scenario-types.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';

export const shortScenario = (): Scenario => validateScenario({
  name: 'inspector-short',
  seed: 7,
  durationMs: 60_000,
  governor: { minTimeInStepMs: 0 }, // a pressure injected from the page applies at once
  regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch' }, { id: 'slow-consolidator', workMs: 250 }],
  personas: [{ id: 'alice' }, { id: 'bob' }],
  timeline: [
    { at: 0, type: 'load', region: 'echo-prefetch', persona: 'alice', key: 'general', readsPerSecond: 3 },
    { at: 20_000, type: 'pressure', signal: { kind: 'vram-high', usedPct: 95 } },
    { at: 30_000, type: 'fault', region: 'echo-prefetch', persona: 'bob', ticks: 2 },
    { at: 40_000, type: 'sleep', phase: 'idle' },
  ],
});

/** The brain's day in small: the four cognition regions, two personas chatting on two channels for a minute. */
export const cognitionScenario = (): Scenario => validateScenario({
  name: 'inspector-cognition',
  seed: 7,
  durationMs: 60_000,
  regions: [{ id: 'hippocampus' }, { id: 'motor-cortex' }, { id: 'attention' }, { id: 'sleep-policy' }],
  personas: [{ id: 'alice' }, { id: 'bob' }],
  timeline: [
    { at: 0, type: 'load', kind: 'conversation', messagesPerMinute: 12, channels: [
      { id: 'general', members: ['alice', 'bob'], topics: ['food', 'travel'] },
      { id: 'engineering', members: ['alice', 'bob'], topics: ['ci', 'database'] },
    ] },
  ],
  governor: { basePassMs: { active: 250 } },
});
