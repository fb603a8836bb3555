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
import { CHANNEL_FILTER, COSINE_TOP_K, evaluationMethods, NO_ALG1, NO_ALG2, NO_ALG3, NO_ALG4, RECALL } from './methods.js';

export interface EvalOptions {
  synthetic?: SyntheticOptions;
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

export interface AcceptanceRow {
  readonly algorithm: string;
  readonly metric: string;
  readonly better: 'higher' | 'lower';
  readonly withIt: number;
  readonly noOp: number;
  readonly noOpName: string;
  readonly pass: boolean;
  /** Two standard errors of the paired per-query difference (undefined for per-persona experiments). */
  readonly twoSe?: number;
  /** False for rows shown for information (not the algorithm's own metric). */
  readonly counts: boolean;
}

export interface EvictionFigures {
  /** Σ salience of the kept engrams / Σ salience of all engrams. */
  salienceRetention: number;
  /** Share of the queries' relevant engrams still in the store. */
  relevantRetention: number;
  /** Mean recall of `recall` on the reduced store. */
  recall: number;
}

export interface EvalReport {
  readonly embedder: string;
  readonly totalTokens: number;
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

/** Runs the whole evaluation. Deterministic for the same options. */
export function runMemoryEvaluation(options: EvalOptions = {}): EvalReport {
  const world = generateSyntheticMemory({ personas: 3, engrams: 4_000, queries: 40, ...options.synthetic });
  const embedder = options.embedder ?? createHashingEmbedder();
  const totalTokens = options.totalTokens ?? 240;
  const keepShare = options.keepShare ?? 0.5;
  const methods = evaluationMethods();
  const perMethod = new Map<string, QueryMetrics[]>(methods.map((m) => [m.name, []]));
  const adapters = world.domains.filter((d) => d !== CONVERSATIONAL_ADAPTER).map((d) => adapterFor(`${d}-lora`, [d]));
  const adapterOf = (domain: string): string => adapters.find((a) => a.matchesDomain(domain))?.id ?? CONVERSATIONAL_ADAPTER;
  const genomeWeights: number[] = [];
  const eviction = { algorithm4: [] as EvictionFigures[], fifo: [] as EvictionFigures[] };
  const splitSamples: SplitSample[] = [];
  const plain = prepareRecall();
  let queries = 0;

  for (const persona of world.personas) {
    const loaded = loadSyntheticPersona(persona, embedder);
    const { store, graph } = loaded.memory;
    const channelOf = (id: EngramId) => store.get(id)?.channelId;
    for (const q of persona.queries) {
      queries++;
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
  }

  const rows = methods.map((m) => ({ name: m.name, metrics: meanMetrics(perMethod.get(m.name)!) }));
  const row = (name: string): MeanMetrics => rows.find((r) => r.name === name)!.metrics;
  const avg = (xs: EvictionFigures[]): EvictionFigures => ({
    salienceRetention: mean(xs.map((x) => x.salienceRetention)),
    relevantRetention: mean(xs.map((x) => x.relevantRetention)),
    recall: mean(xs.map((x) => x.recall)),
  });
  const ev = { algorithm4: avg(eviction.algorithm4), fifo: avg(eviction.fifo), keepShare };
  const blend = { genome: mean(genomeWeights), uniform: 1 / (adapters.length + 1), adapters: adapters.length + 1 };
  const full = row(RECALL);
  const paired = (name: string, key: 'precision' | 'noise' | 'crossRecall' | 'crossPrecision'): number => twoSe(perMethod.get(RECALL)!, perMethod.get(name)!, key);
  const acceptance: AcceptanceRow[] = [
    accept('1 two-pool budget', 'precision (recall coherence)', 'higher', full.precision, row(NO_ALG1).precision, NO_ALG1, true, paired(NO_ALG1, 'precision')),
    accept('2 channel as bias', 'channel-noise rate', 'lower', full.noise, row(NO_ALG2).noise, NO_ALG2, true, paired(NO_ALG2, 'noise')),
    accept('2 channel as bias', 'cross-channel precision', 'higher', full.crossPrecision, row(NO_ALG2).crossPrecision, NO_ALG2, true, paired(NO_ALG2, 'crossPrecision')),
    accept('3 activation spreading', 'cross-channel recall', 'higher', full.crossRecall, row(NO_ALG3).crossRecall, NO_ALG3, true, paired(NO_ALG3, 'crossRecall')),
    accept('4 salience-modulated decay', 'salience-weighted retention', 'higher', ev.algorithm4.salienceRetention, ev.fifo.salienceRetention, 'FIFO eviction', true),
    accept('4 salience-modulated decay', 'precision (for information)', 'higher', full.precision, row(NO_ALG4).precision, NO_ALG4, false, paired(NO_ALG4, 'precision')),
    accept('6 genome blend', 'weight on the task\'s adapter', 'higher', blend.genome, blend.uniform, 'uniform blend', true),
  ];
  return {
    embedder: embedder.name,
    totalTokens,
    personas: world.personas.length,
    engramsPerPersona: world.personas[0]?.engrams.length ?? 0,
    queries,
    rows,
    eviction: ev,
    blend,
    split: splitCeiling(splitSamples),
    acceptance,
  };
}

/** The methods the README table must show beside recall. */
export const BASELINES = [CHANNEL_FILTER, COSINE_TOP_K] as const;

function accept(algorithm: string, metric: string, better: 'higher' | 'lower', withIt: number, noOp: number, noOpName: string, counts: boolean, se?: number): AcceptanceRow {
  const pass = better === 'higher' ? withIt > noOp : withIt < noOp;
  return se === undefined ? { algorithm, metric, better, withIt, noOp, noOpName, pass, counts } : { algorithm, metric, better, withIt, noOp, noOpName, pass, counts, twoSe: se };
}

/** 2 × the standard error of the mean paired difference a − b over the queries where both are defined. */
function twoSe(a: readonly QueryMetrics[], b: readonly QueryMetrics[], key: 'precision' | 'noise' | 'crossRecall' | 'crossPrecision'): number {
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i]![key];
    const y = b[i]![key];
    if (x !== undefined && y !== undefined) d.push(x - y);
  }
  if (d.length < 2) return 0;
  const m = mean(d);
  const variance = d.reduce((s, x) => s + (x - m) ** 2, 0) / (d.length - 1);
  return 2 * Math.sqrt(variance / d.length);
}

function evictionFigures(persona: SyntheticPersona, full: LoadedSyntheticPersona, reduced: LoadedSyntheticPersona, embedder: Embedder, totalTokens: number): EvictionFigures {
  let all = 0;
  let kept = 0;
  for (const e of persona.engrams) {
    const s = full.memory.store.get(e.id)?.salience ?? 0;
    all += s;
    if (reduced.memory.store.has(e.id)) kept += s;
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
  return { salienceRetention: all === 0 ? 0 : kept / all, relevantRetention: relevant === 0 ? 0 : relevantKept / relevant, recall: mean(recalls) };
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
