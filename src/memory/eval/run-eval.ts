// `npm run eval`'s engine: runs every method on the synthetic world's held-out queries, plus the eviction
// (algorithm 4) and genome-blend (algorithm 6) experiments, and checks each algorithm against its no-op.
import type { EngramId } from '../../runtime/ids.js';
import { createHashingEmbedder, type Embedder } from '../embedder.js';
import { adapterFor, computeGenomeBlend, CONVERSATIONAL_ADAPTER } from '../genome-blend.js';
import { prepareRecall, recall, recalledEngrams } from '../recall.js';
import { generateSyntheticMemory, type SyntheticOptions, type SyntheticPersona } from '../synthetic/generate.js';
import { loadSyntheticPersona, type LoadedSyntheticPersona } from '../synthetic/load.js';
import { meanMetrics, queryMetrics, type MeanMetrics, type QueryMetrics } from './metrics.js';
import { splitCeiling, SPLIT_FRACTIONS, type SplitCeiling, type SplitSample } from './split-ceiling.js';
import { CALIBRATION_SEED } from './calibrate-confidence.js';
import { beatsByTwoSe, mean, pairedDifferences } from './stats.js';
import { MemoryError } from '../errors.js';
import { CHANNEL_FILTER, COSINE_TOP_K, evaluationMethods, NO_ALG1, NO_ALG2, NO_ALG3, NO_ALG4, RECALL } from './methods.js';

/** The seeds `npm run eval` pools by default (never `CALIBRATION_SEED`, which algorithm 1's confidence was fitted on). */
export const DEFAULT_EVAL_SEEDS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);

export interface EvalOptions {
  /** The world per seed (its `seed`, when given and `seeds` is not, is the one seed evaluated). @default 3 personas × 4,000 engrams, 40 queries */
  synthetic?: SyntheticOptions;
  /** The seeds whose worlds are pooled. @default DEFAULT_EVAL_SEEDS */
  seeds?: readonly number[];
  /** Token budget per recall. @default 240 */
  totalTokens?: number;
  /** @default createHashingEmbedder() */
  embedder?: Embedder;
  /** The eviction experiment keeps this share of each persona's engrams. @default 0.5 */
  keepShare?: number;
}

export interface MethodRow {
  readonly name: string;
  readonly metrics: MeanMetrics;
}

/** One seed's figures for an acceptance row. */
export interface SeedFigure {
  readonly seed: number;
  readonly difference: number;
  readonly twoSe: number;
  readonly pass: boolean;
}

export interface AcceptanceRow {
  readonly algorithm: string;
  readonly metric: string;
  readonly better: 'higher' | 'lower';
  readonly withIt: number;
  readonly noOp: number;
  readonly noOpName: string;
  /** The mean paired difference (per query, or per persona for eviction) must exceed 2 SE in the better direction. */
  readonly pass: boolean;
  /** Two standard errors of the mean paired difference. */
  readonly twoSe: number;
  /** How many pairs (queries or personas) the difference is over. */
  readonly pairs: number;
  /** The same test on each seed alone. */
  readonly perSeed: readonly SeedFigure[];
  /** False for rows shown for information (not the algorithm's own metric). */
  readonly counts: boolean;
}

export interface EvictionFigures {
  /** Σ salience of the kept engrams / Σ salience of all engrams. */
  salienceRetention: number;
  /** Share of the queries' relevant engrams still in the store. */
  relevantRetention: number;
  /** Share of the evicted engrams that carried a thread's content (ORIGINAL-SPEC's "quality of what gets forgotten"; lower is better). */
  contentForgotten: number;
  /** Mean recall of `recall` on the reduced store. */
  recall: number;
}

export interface EvalReport {
  readonly embedder: string;
  readonly totalTokens: number;
  readonly seeds: readonly number[];
  /** Personas over all seeds. */
  readonly personas: number;
  readonly engramsPerPersona: number;
  readonly queries: number;
  readonly rows: readonly MethodRow[];
  readonly eviction: { readonly algorithm4: EvictionFigures; readonly fifo: EvictionFigures; readonly keepShare: number };
  readonly blend: { readonly genome: number; readonly uniform: number; readonly adapters: number };
  /** Algorithm 1's ceiling here: what an oracle choosing the split per query kind could gain (docs/memory.md). */
  readonly split: SplitCeiling;
  readonly acceptance: readonly AcceptanceRow[];
}

/** A paired sample: the seed it came from and the two values compared. */
interface Pair {
  seed: number;
  a: number | undefined;
  b: number | undefined;
}

/** Runs the whole evaluation over every seed's world. Deterministic for the same options. */
export function runMemoryEvaluation(options: EvalOptions = {}): EvalReport {
  const seeds = options.seeds ?? (options.synthetic?.seed !== undefined ? [options.synthetic.seed] : DEFAULT_EVAL_SEEDS);
  if (!Array.isArray(seeds) || seeds.length === 0) throw new MemoryError('invalid-option', 'the evaluation needs at least one seed', {});
  if (seeds.includes(CALIBRATION_SEED)) {
    throw new MemoryError('invalid-option', `seed ${CALIBRATION_SEED} is the calibration seed of algorithm 1's confidence: evaluate on other seeds`, { seeds });
  }
  const embedder = options.embedder ?? createHashingEmbedder();
  const totalTokens = options.totalTokens ?? 240;
  const keepShare = options.keepShare ?? 0.5;
  const methods = evaluationMethods();
  const perMethod = new Map<string, QueryMetrics[]>(methods.map((m) => [m.name, []]));
  const querySeed: number[] = [];
  const genomeWeights: number[] = [];
  const eviction = { algorithm4: [] as EvictionFigures[], fifo: [] as EvictionFigures[], seed: [] as number[] };
  const splitSamples: SplitSample[] = [];
  const plain = prepareRecall();
  let personas = 0;
  let engramsPerPersona = 0;
  let domains: readonly string[] = [];

  for (const seed of seeds) {
    const world = generateSyntheticMemory({ personas: 3, engrams: 4_000, queries: 40, ...options.synthetic, seed });
    domains = world.domains;
    const adapters = world.domains.filter((d) => d !== CONVERSATIONAL_ADAPTER).map((d) => adapterFor(`${d}-lora`, [d]));
    const adapterOf = (domain: string): string => adapters.find((a) => a.matchesDomain(domain))?.id ?? CONVERSATIONAL_ADAPTER;
    engramsPerPersona = world.personas[0]?.engrams.length ?? 0;
    for (const persona of world.personas) {
      personas++;
      const loaded = loadSyntheticPersona(persona, embedder);
      const { store, graph } = loaded.memory;
      const channelOf = (id: EngramId) => store.get(id)?.channelId;
      for (const q of persona.queries) {
        querySeed.push(seed);
        const query = { personaId: persona.personaId, channelId: q.channelId, embedding: embedder.embed(q.text), taskDomain: q.taskDomain, recentHistory: q.recentHistory };
        const relevant = new Set(q.relevant);
        const precisionAt = (focusFraction: number): number => {
          const ids = recalledEngrams(recall(query, store, graph, { totalTokens, focusFraction }, plain));
          return ids.length === 0 ? 0 : ids.filter((x) => relevant.has(x.engram.id)).length / ids.length;
        };
        const confidence = recall(query, store, graph, { totalTokens }, plain).confidence;
        splitSamples.push({ kind: q.kind, confidence, precision: SPLIT_FRACTIONS.map(precisionAt) });
        for (const m of methods) {
          const r = m.run({ store, graph, query, totalTokens });
          perMethod.get(m.name)!.push(queryMetrics(r, relevant, q.channelId, channelOf, totalTokens));
          if (m.name === RECALL && r.result) {
            const blend = computeGenomeBlend(recalledEngrams(r.result), adapters);
            genomeWeights.push(blend.get(adapterOf(q.taskDomain)) ?? 0);
          }
        }
      }
      const max = Math.max(1, Math.floor(persona.engrams.length * keepShare));
      eviction.algorithm4.push(evictionFigures(persona, loaded, loadSyntheticPersona(persona, embedder, { max }), embedder, totalTokens));
      eviction.fifo.push(evictionFigures(persona, loaded, loadSyntheticPersona(persona, embedder, { max, salienceFloor: 1, decay: { salienceExponent: 0 } }), embedder, totalTokens));
      eviction.seed.push(seed);
    }
  }

  const rows = methods.map((m) => ({ name: m.name, metrics: meanMetrics(perMethod.get(m.name)!) }));
  const row = (name: string): MeanMetrics => rows.find((r) => r.name === name)!.metrics;
  const avg = (xs: EvictionFigures[]): EvictionFigures => ({
    salienceRetention: mean(xs.map((x) => x.salienceRetention)),
    relevantRetention: mean(xs.map((x) => x.relevantRetention)),
    contentForgotten: mean(xs.map((x) => x.contentForgotten)),
    recall: mean(xs.map((x) => x.recall)),
  });
  const ev = { algorithm4: avg(eviction.algorithm4), fifo: avg(eviction.fifo), keepShare };
  const uniform = 1 / (domains.filter((d) => d !== CONVERSATIONAL_ADAPTER).length + 1);
  const blend = { genome: mean(genomeWeights), uniform, adapters: Math.round(1 / uniform) };
  const full = row(RECALL);
  const queryPairs = (name: string, key: 'precision' | 'noise' | 'crossRecall' | 'crossPrecision'): Pair[] =>
    perMethod.get(RECALL)!.map((m, i) => ({ seed: querySeed[i]!, a: m[key], b: perMethod.get(name)![i]![key] }));
  const evictionPairs = (key: 'salienceRetention' | 'contentForgotten'): Pair[] =>
    eviction.algorithm4.map((x, i) => ({ seed: eviction.seed[i]!, a: x[key], b: eviction.fifo[i]![key] }));
  const blendPairs: Pair[] = genomeWeights.map((w, i) => ({ seed: querySeed[i]!, a: w, b: uniform }));
  const acceptance: AcceptanceRow[] = [
    accept('1 two-pool budget', 'precision (recall coherence)', 'higher', full.precision, row(NO_ALG1).precision, NO_ALG1, true, seeds, queryPairs(NO_ALG1, 'precision')),
    accept('2 channel as bias', 'channel-noise rate', 'lower', full.noise, row(NO_ALG2).noise, NO_ALG2, true, seeds, queryPairs(NO_ALG2, 'noise')),
    accept('2 channel as bias', 'cross-channel precision', 'higher', full.crossPrecision, row(NO_ALG2).crossPrecision, NO_ALG2, true, seeds, queryPairs(NO_ALG2, 'crossPrecision')),
    accept('3 activation spreading', 'cross-channel recall', 'higher', full.crossRecall, row(NO_ALG3).crossRecall, NO_ALG3, true, seeds, queryPairs(NO_ALG3, 'crossRecall')),
    accept('4 salience-modulated decay', 'salience-weighted retention', 'higher', ev.algorithm4.salienceRetention, ev.fifo.salienceRetention, 'FIFO eviction', true, seeds, evictionPairs('salienceRetention')),
    accept('4 salience-modulated decay', 'thread content among the forgotten', 'lower', ev.algorithm4.contentForgotten, ev.fifo.contentForgotten, 'FIFO eviction', true, seeds, evictionPairs('contentForgotten')),
    accept('4 salience-modulated decay', 'precision (for information)', 'higher', full.precision, row(NO_ALG4).precision, NO_ALG4, false, seeds, queryPairs(NO_ALG4, 'precision')),
    accept('6 genome blend', 'weight on the task\'s adapter', 'higher', blend.genome, blend.uniform, 'uniform blend', true, seeds, blendPairs),
  ];
  return {
    embedder: embedder.name,
    totalTokens,
    seeds: [...seeds],
    personas,
    engramsPerPersona,
    queries: querySeed.length,
    rows,
    eviction: ev,
    blend,
    split: splitCeiling(splitSamples),
    acceptance,
  };
}

/** The methods the README table must show beside recall. */
export const BASELINES = [CHANNEL_FILTER, COSINE_TOP_K] as const;

function accept(
  algorithm: string, metric: string, better: 'higher' | 'lower', withIt: number, noOp: number, noOpName: string, counts: boolean, seeds: readonly number[], pairs: readonly Pair[],
): AcceptanceRow {
  const differences = (ps: readonly Pair[]) => pairedDifferences(ps.map((p) => p.a), ps.map((p) => p.b));
  const all = differences(pairs);
  const { twoSe, pass } = beatsByTwoSe(all, better);
  const perSeed = seeds.map((seed) => {
    const r = beatsByTwoSe(differences(pairs.filter((p) => p.seed === seed)), better);
    return { seed, difference: r.difference, twoSe: r.twoSe, pass: r.pass };
  });
  return { algorithm, metric, better, withIt, noOp, noOpName, pass, twoSe, pairs: all.length, perSeed, counts };
}

function evictionFigures(persona: SyntheticPersona, full: LoadedSyntheticPersona, reduced: LoadedSyntheticPersona, embedder: Embedder, totalTokens: number): EvictionFigures {
  let all = 0;
  let kept = 0;
  for (const e of persona.engrams) {
    const s = full.memory.store.get(e.id)?.salience ?? 0;
    all += s;
    if (reduced.memory.store.has(e.id)) kept += s;
  }
  let evicted = 0;
  let contentEvicted = 0;
  for (const e of persona.engrams) {
    if (reduced.memory.store.has(e.id)) continue;
    evicted++;
    if (e.thread >= 0) contentEvicted++;
  }
  let relevant = 0;
  let relevantKept = 0;
  const recalls: number[] = [];
  for (const q of persona.queries) {
    for (const id of q.relevant) {
      relevant++;
      if (reduced.memory.store.has(id)) relevantKept++;
    }
    const r = recall({ personaId: persona.personaId, channelId: q.channelId, embedding: embedder.embed(q.text), taskDomain: q.taskDomain, recentHistory: q.recentHistory }, reduced.memory.store, reduced.memory.graph, { totalTokens });
    const set = new Set(q.relevant);
    recalls.push(q.relevant.length === 0 ? 0 : recalledEngrams(r).filter((x) => set.has(x.engram.id)).length / q.relevant.length);
  }
  return {
    salienceRetention: all === 0 ? 0 : kept / all,
    relevantRetention: relevant === 0 ? 0 : relevantKept / relevant,
    contentForgotten: evicted === 0 ? 0 : contentEvicted / evicted,
    recall: mean(recalls),
  };
}
