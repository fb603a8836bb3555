// Calibrates algorithm 1's confidence (pool-confidence.ts) on the calibration seed only: for each held-out query,
// its pools' scores and its precision at every focus budget, then a grid search for the rule that gains most over 70/30.
import { createHashingEmbedder, type Embedder } from '../embedder.js';
import { DEFAULT_FIXED_FOCUS_FRACTION, focusFraction, type ConfidenceScale } from '../budget.js';
import { MemoryError } from '../errors.js';
import { poolConfidenceRaw, scaleConfidence, type PoolConfidenceOptions } from '../pool-confidence.js';
import { prepareRecall, recall, recalledEngrams } from '../recall.js';
import { generateSyntheticMemory, type SyntheticOptions } from '../synthetic/generate.js';
import { loadSyntheticPersona } from '../synthetic/load.js';
import { mean, twoStandardErrors } from './stats.js';

/** The one seed the confidence is fitted on; the evaluation refuses it. */
export const CALIBRATION_SEED = 99;

/** The grid the calibration searches (the scale's ends on a 0.01 grid inside the raw values' 2–98 % range). */
export const CALIBRATION_GRID = {
  topK: [3, 5, 8, 10],
  spreadWeight: [0, 0.25, 0.5, 1],
  gapWeight: [0, 0.5, 1, 2],
  /** The scale is at least this wide, so the rule stays a slope rather than a step fitted to single queries. */
  minWidth: 0.05,
} as const;

export interface CalibrationOptions {
  /** @default { seed: CALIBRATION_SEED, personas: 12, engrams: 4_000, queries: 40 } */
  synthetic?: SyntheticOptions;
  /** @default 240 */
  totalTokens?: number;
  embedder?: Embedder;
}

export interface CalibrationResult {
  readonly seed: number;
  readonly queries: number;
  readonly best: PoolConfidenceOptions;
  /** Mean precision gain of `best` over the fixed 70/30 split on the calibration queries, and 2 SE. */
  readonly gain: number;
  readonly twoSe: number;
  /** Every rule tried with its best scale, best first. */
  readonly tried: readonly { readonly options: PoolConfidenceOptions; readonly gain: number }[];
}

interface Sample {
  focus: number[];
  periphery: number[];
  /** Precision by focus tokens (index = focus tokens), 0..totalTokens. */
  precisionAt: Float64Array;
}

/** Runs the calibration (about half a minute on this machine for the default 480 queries). Deterministic. */
export function calibrateConfidence(options: CalibrationOptions = {}): CalibrationResult {
  const synthetic = { seed: CALIBRATION_SEED, personas: 12, engrams: 4_000, queries: 40, ...options.synthetic };
  const embedder = options.embedder ?? createHashingEmbedder();
  const total = options.totalTokens ?? 240;
  const world = generateSyntheticMemory(synthetic);
  const plain = prepareRecall();
  const lo = Math.floor(total * focusFraction(0));
  const hi = Math.floor(total * focusFraction(1));
  const samples: Sample[] = [];
  for (const persona of world.personas) {
    const { store, graph } = loadSyntheticPersona(persona, embedder).memory;
    for (const q of persona.queries) {
      const query = { personaId: persona.personaId, channelId: q.channelId, embedding: embedder.embed(q.text), taskDomain: q.taskDomain, recentHistory: q.recentHistory };
      const relevant = new Set(q.relevant);
      const everything = recall(query, store, graph, { totalTokens: 1_000_000_000, focusFraction: 0.5 }, plain);
      const precisionAt = new Float64Array(total + 1);
      for (let t = lo; t <= hi; t++) {
        const ids = recalledEngrams(recall(query, store, graph, { totalTokens: total, focusFraction: (t + 0.5) / total }, plain));
        precisionAt[t] = ids.length === 0 ? 0 : ids.filter((x) => relevant.has(x.engram.id)).length / ids.length;
      }
      samples.push({ focus: everything.focus.map((r) => r.score), periphery: everything.periphery.map((r) => r.score), precisionAt });
    }
  }
  if (samples.length < 2) throw new MemoryError('invalid-option', 'calibration needs at least two held-out queries', {});
  const fixedAt = Math.floor(total * DEFAULT_FIXED_FOCUS_FRACTION);
  const gainsOf = (raws: readonly number[], scale: ConfidenceScale): number[] =>
    samples.map((s, i) => s.precisionAt[Math.min(total, Math.floor(total * focusFraction(scaleConfidence(raws[i]!, scale))))]! - s.precisionAt[fixedAt]!);
  const tried: { options: PoolConfidenceOptions; gain: number }[] = [];
  let bestRaws: number[] = [];
  for (const topK of CALIBRATION_GRID.topK) {
    for (const spreadWeight of CALIBRATION_GRID.spreadWeight) {
      for (const gapWeight of CALIBRATION_GRID.gapWeight) {
        const raws = samples.map((s) => poolConfidenceRaw(s.focus, s.periphery, { topK, spreadWeight, gapWeight }));
        const sorted = [...raws].sort((a, b) => a - b);
        const from = Math.ceil(sorted[Math.floor(0.02 * (sorted.length - 1))]! * 100);
        const to = Math.floor(sorted[Math.ceil(0.98 * (sorted.length - 1))]! * 100);
        let best: { options: PoolConfidenceOptions; gain: number } | undefined;
        for (let a = from; a <= to; a++) {
          for (let b = a + Math.round(CALIBRATION_GRID.minWidth * 100); b <= to; b++) {
            const scale = { low: a / 100, high: b / 100 };
            const gain = mean(gainsOf(raws, scale));
            if (!best || gain > best.gain + 1e-12) best = { options: { topK, spreadWeight, gapWeight, scale }, gain };
          }
        }
        if (best) {
          if (tried.every((t) => best.gain > t.gain + 1e-12)) bestRaws = raws;
          tried.push(best);
        }
      }
    }
  }
  tried.sort((x, y) => y.gain - x.gain);
  if (tried.length === 0) throw new MemoryError('invalid-option', 'calibration found no scale to try: the raw values do not vary', {});
  const best = tried[0]!.options;
  const g = gainsOf(bestRaws, best.scale);
  return { seed: synthetic.seed, queries: samples.length, best, gain: mean(g), twoSe: twoStandardErrors(g), tried };
}
