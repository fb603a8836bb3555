// The blend the genome region consumes (algorithm 6's `GenomeBlend`: adapter id → weight), where it is read from,
// how adapters are chosen from it, and the resident blend the region publishes for handlers.
import { OPAQUE_ID_PATTERN } from '../../runtime/ids.js';
import { describeValue } from '../../runtime/describe.js';

/**
 * Algorithm 6's output: adapter (or layer) id → weight. Weights are ≥ 0; the producer normalizes them to sum to 1
 * and bounds the blend to its top N (the rest are absent, i.e. 0). The consumer re-normalizes defensively.
 *
 * @example
 * const blend: GenomeBlend = { weights: { 'code-adapter': 0.6, conversational: 0.3, 'math-adapter': 0.1 } };
 */
export interface GenomeBlend {
  readonly weights: Readonly<Record<string, number>>;
}

/** The region whose buffer holds the persona's blend: the hippocampus publishes it there (algorithm 6). */
export const GENOME_BLEND_SOURCE_REGION = 'hippocampus';
/** The key of the blend in that buffer. */
export const GENOME_BLEND_KEY = 'genome-blend';
/** The genome region's id, and the key of the resident blend in its own buffer. */
export const GENOME_REGION_ID = 'genome';
export const RESIDENT_BLEND_KEY = 'resident-blend';
/** Algorithm 6's fallback adapter (`AdapterId::CONVERSATIONAL`) for domains no adapter matches. */
export const CONVERSATIONAL_ADAPTER = 'conversational';

/** Adapters with a weight strictly above this are paged in ("weight > threshold"). @default 0.1 */
export const DEFAULT_PAGE_IN_THRESHOLD = 0.1;
/** At most this many adapters are paged in per blend (the heaviest). @default 4 */
export const DEFAULT_MAX_ADAPTERS = 4;

/** One adapter the region wanted resident. */
export interface SelectedAdapter {
  readonly adapter: string;
  readonly weight: number;
}

/** What the genome region publishes under `RESIDENT_BLEND_KEY`: what the handler can blend right now. */
export interface ResidentBlend {
  /** The resident adapters' weights, re-normalized to sum to 1 (empty when none is resident). */
  readonly weights: Readonly<Record<string, number>>;
  /** Adapters the blend selected (weight > threshold, top N), heaviest first. */
  readonly selected: readonly string[];
  /** Selected adapters that could not be made resident, with why. */
  readonly missing: ReadonlyArray<{ readonly adapter: string; readonly reason: string }>;
  /** The manager's turn this blend was resolved in. */
  readonly turn: number;
  /** Page faults taken to resolve it. */
  readonly faults: number;
}

/** Checks a blend read from a peer buffer and returns it with weights normalized to sum to 1, or the problem. */
export function parseGenomeBlend(value: unknown): GenomeBlend | string {
  const weights = (value as { weights?: unknown } | null)?.weights;
  if (typeof value !== 'object' || value === null || typeof weights !== 'object' || weights === null || Array.isArray(weights)) {
    return `a genome blend must be { weights: { [adapterId]: weight } }, got ${describeValue(value)}`;
  }
  let total = 0;
  for (const [adapter, w] of Object.entries(weights)) {
    if (!OPAQUE_ID_PATTERN.test(adapter)) return `adapter id ${describeValue(adapter)} is empty or has whitespace`;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) return `weight of ${describeValue(adapter)} must be a finite number ≥ 0, got ${describeValue(w)}`;
    total += w;
  }
  return { weights: normalizeWeights(weights as Record<string, number>, total) };
}

/** Weights divided by their sum (guarded: an all-zero or empty blend stays as it is). */
export function normalizeWeights(weights: Readonly<Record<string, number>>, total = Object.values(weights).reduce((a, b) => a + b, 0)): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, w] of Object.entries(weights)) out[k] = total > 0 ? w / total : w;
  return out;
}

/** The adapters to page in: weight strictly above `threshold`, heaviest first (ties by id), at most `maxAdapters`. */
export function selectAdapters(blend: GenomeBlend, threshold: number, maxAdapters: number): SelectedAdapter[] {
  return Object.entries(blend.weights)
    .filter(([, w]) => w > threshold)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxAdapters)
    .map(([adapter, weight]) => ({ adapter, weight }));
}
