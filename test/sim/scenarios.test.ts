import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../src/sim/load-scenario.js';
import { runScenario } from '../../src/sim/run-scenario.js';
import { parseJsonLines, toJsonLines } from '../../src/sim/trace.js';

const dir = join(import.meta.dirname, '../../scenarios');
const all = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
/** Scenarios too long to run twice in a test (the simulate bench runs them from the CLI). */
const LONG = ['week-heartbeat.json'];
const shipped = all.filter((f) => !LONG.includes(f));
// default.json (the brain's day, ~10 s a run with its baseline) has the same checks in default-scenario.test.ts
const looped = shipped.filter((f) => f !== 'default.json');

describe('shipped scenarios', () => {
  it('include the default and the focused ones', () => {
    expect(shipped).toEqual(expect.arrayContaining(['default.json', 'examples-default.json', 'pressure-storm.json', 'persona-churn.json', 'crash-loop.json']));
  });

  for (const file of looped) {
    it(`${file}: every expectation passes and the trace is byte-identical across runs`, async () => {
      const scenario = loadScenario(join(dir, file));
      const first = await runScenario(scenario);
      const failed = first.summary.expectations.filter((e) => !e.passed);
      expect(failed).toEqual([]);
      expect(first.summary.expectations.length).toBe(scenario.expect?.length ?? 0);
      const again = await runScenario(loadScenario(join(dir, file)));
      const a = toJsonLines(first.trace);
      expect(toJsonLines(again.trace) === a).toBe(true);
      expect(JSON.stringify(again.summary)).toBe(JSON.stringify(first.summary));

      const records = parseJsonLines(a);
      expect(records[0]!.type).toBe('scenario');
      expect(records.at(-1)!.type).toBe('end');
      for (let i = 1; i < records.length; i++) expect(records[i]!.t).toBeGreaterThanOrEqual(records[i - 1]!.t);
      // aggregated reads in the trace add up to the reads in the summary
      const traced = records.reduce((n, r) => n + (r.type === 'reads' ? r.reads : 0), 0);
      expect(traced).toBe(first.summary.instances.reduce((n, i) => n + i.reads.total, 0));
    }, 30_000);
  }

  it('the long ones are valid scenarios; the week runs the heartbeat alone for 7 days at trace level decisions', () => {
    expect(all).toEqual(expect.arrayContaining(LONG));
    const week = loadScenario(join(dir, 'week-heartbeat.json'));
    expect(week.durationMs).toBe(7 * 86_400_000);
    expect(week.regions.map((r) => r.id)).toEqual(['heartbeat']);
    expect(week.trace?.level).toBe('decisions');
  });

  it('a different seed gives a different trace', async () => {
    const scenario = loadScenario(join(dir, 'crash-loop.json'));
    const a = toJsonLines((await runScenario(scenario, { seed: 1 })).trace);
    const b = toJsonLines((await runScenario(scenario, { seed: 2 })).trace);
    expect(a).not.toBe(b);
  });
});
