// The example regions' scenario's (examples-default.json, the former default) memory spike reaches echo-prefetch (it responds to system-mem-high) even though the
// step change from vram-high's step 1 to step 2 keeps the level at moderate — and releases it when memory is freed.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/sim/load-scenario.js';
import { runScenario } from '../../src/sim/run-scenario.js';

const file = fileURLToPath(new URL('../../scenarios/examples-default.json', import.meta.url));

describe('examples-default scenario: pressure reaches the regions that must hear it', () => {
  it('throttles echo-prefetch during the memory spike and releases it after', async () => {
    const { trace } = await runScenario(loadScenario(file));
    const levels = trace
      .filter((r) => r.type === 'signal' && (r as { key: string }).key === 'echo-prefetch@alice')
      .map((r) => (r as unknown as { t: number; signal: { kind: string; level?: string } }))
      .filter((r) => r.signal.kind === 'system-pressure-changed')
      .map((r) => [r.t, r.signal.level]);
    expect(levels).toEqual([[640_000, 'moderate'], [900_000, 'nominal']]);
  });
});
