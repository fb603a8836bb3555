// The realistic run (issue #17): 1,000 personas with the four cognition regions under a conversation load for 10
// simulated minutes — region ticks per wall second, wall time and peak heap — beside the bare substrate running the
// same regions and personas with nobody talking (what the conversation, the handler path and the simulator add).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchEntry } from './harness.js';
import { measureRun, substrateAlone } from './sim-measure.js';
import { loadScenario } from '../src/sim/load-scenario.js';
import type { Scenario } from '../src/sim/scenario-types.js';
import type { ConversationChannel } from '../src/sim/conversation/conversation-load-event.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PERSONAS = 1000;
const CHANNELS = 50;
const DURATION_MS = 600_000;

/** The default scenario's regions and governor, with 1,000 personas in 50 channels of 20, chatting for 10 minutes. */
function brainAtScale(): Scenario {
  const base = loadScenario(join(ROOT, 'scenarios', 'default.json'));
  const personas = Array.from({ length: PERSONAS }, (_, i) => ({ id: `p${i}` }));
  const topics = [['ci', 'database', 'api'], ['food', 'travel', 'hiring'], ['brand', 'research', 'incidents']];
  const channels: ConversationChannel[] = Array.from({ length: CHANNELS }, (_, c) => ({
    id: `ch${c}`,
    members: personas.slice(c * (PERSONAS / CHANNELS), (c + 1) * (PERSONAS / CHANNELS)).map((p) => p.id),
    topics: topics[c % topics.length]!,
  }));
  const { baseline: _baseline, ...rest } = base;
  return {
    ...rest,
    name: 'brain-x1000',
    durationMs: DURATION_MS,
    personas,
    timeline: [{ at: 0, type: 'load', kind: 'conversation', messagesPerMinute: 4, topicShift: 0.04, reactionRate: 0.2, channels }],
    expect: [],
  } as Scenario;
}

export const benches: BenchEntry[] = [
  {
    name: 'simulate: the brain at scale — 1,000 personas × 4 cognition regions, conversation load, 10 simulated min, trace decisions: region ticks/s vs the substrate alone (nobody talking)',
    measure: async () => {
      const scenario = brainAtScale();
      const run = await measureRun(scenario, 'decisions');
      const alone = await substrateAlone({ ...scenario, timeline: [] });
      return {
        opsPerSec: (run.ticks * 1000) / run.wallMs,
        baselineOpsPerSec: alone,
        extra: { ticks: run.ticks, wallS: Math.round(run.wallMs / 100) / 10, peakHeapMb: Math.round(run.peakHeapMb), traceMb: Math.round(run.traceMb * 10) / 10 },
      };
    },
  },
];
