// The evaluation on a small seeded world: metrics are well formed, the baselines behave as their definitions
// say (a channel filter has no noise and no cross-channel recall; cosine scans every engram), recall scores a
// bounded number of engrams, and the algorithms with a clear effect beat their no-op.
import { describe, expect, it } from 'vitest';
import { channelId, engramId } from '../../src/runtime/ids.js';
import { meanMetrics, queryMetrics } from '../../src/memory/eval/metrics.js';
import { formatEvaluation } from '../../src/memory/eval/format.js';
import { DEFAULT_EVAL_SEEDS, runMemoryEvaluation } from '../../src/memory/eval/run-eval.js';
import { CALIBRATION_SEED } from '../../src/memory/eval/calibrate-confidence.js';
import { CHANNEL_FILTER, COSINE_TOP_K, RECALL } from '../../src/memory/eval/methods.js';

describe('queryMetrics', () => {
  it('computes recall, precision, cross-channel figures, noise and budget use', () => {
    const here = channelId('here');
    const there = channelId('there');
    const ch = new Map([[engramId('a'), here], [engramId('b'), there], [engramId('c'), there], [engramId('d'), there]]);
    const m = queryMetrics({ ids: [engramId('a'), engramId('b'), engramId('c')], tokens: 30, scored: 10 }, new Set([engramId('a'), engramId('b'), engramId('d')]), here, (id) => ch.get(id), 40);
    expect(m).toEqual({ recall: 2 / 3, precision: 2 / 3, crossRecall: 1 / 2, crossPrecision: 1 / 2, noise: 1 / 3, budgetUse: 0.75, k: 3, scored: 10 });
    const empty = queryMetrics({ ids: [], tokens: 0, scored: 0 }, new Set([engramId('a')]), here, (id) => ch.get(id), 0);
    expect(empty).toMatchObject({ recall: 0, precision: 0, crossRecall: undefined, crossPrecision: undefined, noise: 0, budgetUse: 0 });
    expect(meanMetrics([m, empty])).toMatchObject({ recall: 1 / 3, crossRecall: 1 / 2, queries: 2 });
  });
});

describe('runMemoryEvaluation seeds', () => {
  it('refuses the calibration seed and pools several seeds', () => {
    expect(() => runMemoryEvaluation({ seeds: [1, CALIBRATION_SEED] })).toThrow(expect.objectContaining({ kind: 'invalid-option' }));
    expect(() => runMemoryEvaluation({ seeds: [] })).toThrow(expect.objectContaining({ kind: 'invalid-option' }));
    const pooled = runMemoryEvaluation({ seeds: [3, 4], synthetic: { personas: 1, engrams: 400, queries: 4 } });
    expect(pooled).toMatchObject({ seeds: [3, 4], personas: 2, queries: 8 });
    expect(pooled.acceptance[0]!.perSeed.map((x) => x.seed)).toEqual([3, 4]);
    expect(DEFAULT_EVAL_SEEDS).not.toContain(CALIBRATION_SEED);
  });
});

describe('runMemoryEvaluation (small world)', () => {
  const report = runMemoryEvaluation({ synthetic: { seed: 2, personas: 3, engrams: 1_000, queries: 10 } });
  const row = (name: string) => report.rows.find((r) => r.name === name)!.metrics;

  it('runs every method on every query and formats the tables', () => {
    expect(report.queries).toBe(30);
    for (const r of report.rows) expect(r.metrics.queries).toBe(30);
    const text = formatEvaluation(report);
    expect(text).toContain('| recall (algorithms 1–4)');
    expect(text).toContain('baseline: cosine top-k, whole store');
    expect(text).toContain('salience-weighted retention');
    expect(text).toContain("Algorithm 1's ceiling");
  });

  it('keeps the baselines to their definitions', () => {
    expect(row(CHANNEL_FILTER).noise).toBe(0);
    expect(row(CHANNEL_FILTER).crossRecall).toBe(0);
    expect(row(COSINE_TOP_K).scored).toBe(1_000);
    expect(row(RECALL).scored).toBeLessThan(600);
    for (const r of report.rows) expect(r.metrics.budgetUse).toBeLessThanOrEqual(1);
  });

  it('has algorithms 2, 3, 4 (retention) and 6 beat their no-op on their own metric', () => {
    const byAlg = (prefix: string) => report.acceptance.filter((a) => a.counts && a.algorithm.startsWith(prefix));
    for (const prefix of ['2', '3', '4', '6']) for (const a of byAlg(prefix)) expect(a.pass, `${a.algorithm}: ${a.metric}`).toBe(true);
  });

  it('counts a row as a win only beyond two standard errors, and reports each seed', () => {
    for (const a of report.acceptance) {
      expect(a.perSeed.map((x) => x.seed)).toEqual([2]);
      expect(a.twoSe).toBeGreaterThanOrEqual(0);
      // precision and noise are defined on every query, so the difference of the means is the mean paired difference
      if (!/precision \(|noise/.test(a.metric) || a.metric.includes('cross')) continue;
      const gain = a.better === 'higher' ? a.withIt - a.noOp : a.noOp - a.withIt;
      if (Math.abs(gain - a.twoSe) > 1e-9) expect(a.pass, `${a.algorithm}: ${a.metric}`).toBe(gain > a.twoSe);
    }
    expect(report.acceptance.find((a) => a.metric === 'salience-weighted retention')!.pairs).toBe(3);
  });

  it('is deterministic', () => {
    const again = runMemoryEvaluation({ synthetic: { seed: 2, personas: 3, engrams: 1_000, queries: 10 } });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});
