// The shipped default scenario (what `npm start` runs): the brain's day passes every expectation, is byte-identical
// across runs, and its summary shows the must-show figures — the hit rate beside the predictor-off baseline, the
// storm's slowed hippocampus, sleep-policy's phases, the unread motor cortex slowed by yield learning.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/sim/load-scenario.js';
import { runScenario, type SimulationResult } from '../../src/sim/run-scenario.js';
import { parseJsonLines, toJsonLines } from '../../src/sim/trace.js';
import { formatSummary } from '../../src/sim/summary-table.js';
import { renderHtmlReport } from '../../src/sim/html-report.js';

const file = fileURLToPath(new URL('../../scenarios/default.json', import.meta.url));
let first: SimulationResult;
let second: SimulationResult;

describe('default scenario: a day in the life of the brain', () => {
  beforeAll(async () => {
    first = await runScenario(loadScenario(file));
    second = await runScenario(loadScenario(file));
  }, 180_000);

  it('passes every expectation and runs the four cognition regions for five personas', () => {
    expect(first.summary.expectations.filter((e) => !e.passed)).toEqual([]);
    expect(first.summary.expectations.length).toBe(first.scenario.expect!.length);
    expect(first.summary.regions.map((r) => r.region)).toEqual(['sleep-policy', 'hippocampus', 'motor-cortex', 'attention']);
    expect(first.summary.instances.length).toBe(1 + 3 * 5);
  });

  it('is byte-identical across runs (trace, summary), ordered in time, its handled windows adding up to the summary', () => {
    const a = toJsonLines(first.trace);
    expect(toJsonLines(second.trace) === a).toBe(true);
    expect(JSON.stringify(second.summary)).toBe(JSON.stringify(first.summary));
    const records = parseJsonLines(a);
    for (let i = 1; i < records.length; i++) expect(records[i]!.t).toBeGreaterThanOrEqual(records[i - 1]!.t);
    const handled = records.reduce((n, r) => n + (r.type === 'handled' ? r.handled : 0), 0);
    expect(handled).toBe(first.summary.conversation!.handled);
  });

  it('shows the hit rate at the target beside a lower predictor-off baseline on the same conversation', () => {
    const c = first.summary.conversation!;
    expect(c.predictor.hitRate).toBeGreaterThanOrEqual(0.7);
    expect(c.predictor.verdict).toBe('on-target');
    expect(c.baseline!.kind).toBe('predictor-off');
    expect(c.baseline!.content).toEqual(c.content);
    expect(c.baseline!.predictor.hitRate).toBeLessThan(c.predictor.hitRate);
    for (const p of c.personas) expect(p.prefetch.hitRate).toBeGreaterThanOrEqual(0.7);
    const table = formatSummary(first.summary);
    expect(table).toMatch(/prefetch hit rate 0\.\d\d — predictor on-target .*baseline \(predictor-off\) 0\.\d\d, gain \+0\.\d\d/);
    const html = renderHtmlReport(first);
    expect(html).toContain('<section id="conversation">');
    expect(html).toContain('baseline (predictor-off)');
    expect(html).toContain('<section id="governor">');
  });

  it('shows what the governor decided: the pressure levels, sleep-policy’s phases and the wake-up', () => {
    const g = first.summary.governor!;
    const phases = g.phaseChanges.map((p) => p.phase);
    expect(phases.slice(0, 3)).toEqual(['idle', 'sleep', 'active']);
    expect(g.phaseChanges[0]!.t).toBeGreaterThan(2_400_000); // the conversation ends at 40 min
    expect(g.levelChanges.map((l) => l.cause)).toEqual(expect.arrayContaining(['vram-high', 'system-mem-high', 'inference-queue-depth']));
    const motor = g.regions.find((r) => r.region === 'motor-cortex')!;
    expect(motor.weight!.min).toBeLessThan(0.9); // eve's unread motor cortex loses budget
  });
  it('shows deep consolidation and pruning only in sleep, per phase, in the summary and the table', () => {
    const k = first.summary.conversation!.consolidation!;
    expect(k.sleep.pruned).toBeGreaterThan(0);
    expect(k.sleep.deepPasses).toBeGreaterThan(0);
    expect([k.active.pruned, k.idle.pruned, k.active.deepPasses, k.idle.deepPasses]).toEqual([0, 0, 0, 0]);
    expect(k.active.shallowPasses).toBeGreaterThan(100);
    expect(formatSummary(first.summary)).toMatch(new RegExp(`sleep +0 +${k.sleep.deepPasses} +${k.sleep.pruned}`));
    const checked = first.summary.expectations.filter((e) => first.scenario.expect![e.index]!.type === 'consolidation');
    expect(checked.length).toBe(4);
  });
});
