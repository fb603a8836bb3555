// Algorithm 6, the LoRA genome as an attention prior: recall scores → task-domain weights → adapter blend.
import type { TaskDomain } from './engram.js';
import { MemoryError, checkInteger, checkNumber } from './errors.js';

/** The adapter every domain without its own falls back to (the original's `AdapterId::CONVERSATIONAL`). */
export const CONVERSATIONAL_ADAPTER = 'conversational';
/** The blend keeps at most this many adapters; the rest are 0 (paged out). The original leaves N open. */
export const DEFAULT_BLEND_TOP_N = 3;
/** Adapters weighing more than this are paged in (`adaptersToPageIn`). */
export const DEFAULT_PAGE_IN_THRESHOLD = 0.1;

/** A LoRA adapter and the task domains it serves. */
export interface GenomeAdapter {
  readonly id: string;
  /** True when this adapter serves the domain (the original's `matches_domain`). */
  matchesDomain(domain: TaskDomain): boolean;
}

/** An adapter serving a fixed list of domains. */
export const adapterFor = (id: string, domains: readonly TaskDomain[]): GenomeAdapter => ({ id, matchesDomain: (d) => domains.includes(d) });

/** Adapter → weight, summing to 1, at most `topN` entries, heaviest first (ties by id). */
export type GenomeBlend = ReadonlyMap<string, number>;

/** What the blend reads of a recalled engram: its task domain and recall score (finite, ≥ 0). */
export interface ScoredDomain {
  readonly engram: { readonly taskDomain: TaskDomain };
  readonly score: number;
}

export interface GenomeBlendOptions {
  /** @default DEFAULT_BLEND_TOP_N (3) */
  topN?: number;
}

/**
 * `compute_genome_blend`: total = Σ score; each engram adds score/total to its domain; each domain goes to the
 * first adapter that matches it, else to `conversational` (weights on one adapter accumulate); normalize; keep
 * the top N and normalize again. A zero total (nothing recalled, or all scores 0) is guarded: the blend is
 * `{ conversational: 1 }`, the prior when memory says nothing. Throws `invalid-weight` for a negative or
 * non-finite score.
 *
 * @example
 * computeGenomeBlend([{ engram: { taskDomain: 'code' }, score: 3 }, { engram: { taskDomain: 'chat' }, score: 1 }],
 *   [adapterFor('coder', ['code'])]) // Map { coder → 0.75, conversational → 0.25 }
 */
export function computeGenomeBlend(recalled: readonly ScoredDomain[], adapters: readonly GenomeAdapter[], options: GenomeBlendOptions = {}): GenomeBlend {
  const topN = checkInteger('topN', options.topN ?? DEFAULT_BLEND_TOP_N, 1, 1_000);
  let total = 0;
  for (const r of recalled) {
    const s = r.score;
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) throw new MemoryError('invalid-weight', `a recall score must be a finite number ≥ 0, got ${String(s)}`, {});
    total += s;
  }
  if (total <= 0) return new Map([[CONVERSATIONAL_ADAPTER, 1]]);
  const domains = new Map<TaskDomain, number>();
  for (const r of recalled) domains.set(r.engram.taskDomain, (domains.get(r.engram.taskDomain) ?? 0) + r.score / total);
  const raw = new Map<string, number>();
  for (const [domain, w] of domains) {
    const adapter = adapters.find((a) => a.matchesDomain(domain))?.id ?? CONVERSATIONAL_ADAPTER;
    raw.set(adapter, (raw.get(adapter) ?? 0) + w);
  }
  return normalizeTop(raw, topN);
}

/** The adapters to page in: weight strictly above `threshold`, heaviest first. */
export function adaptersToPageIn(blend: GenomeBlend, threshold = DEFAULT_PAGE_IN_THRESHOLD): string[] {
  checkNumber('threshold', threshold, 0, 1);
  return [...blend].filter(([, w]) => w > threshold).map(([id]) => id);
}

function normalizeTop(raw: Map<string, number>, topN: number): GenomeBlend {
  const ranked = [...raw].sort((a, b) => (b[1] !== a[1] ? b[1] - a[1] : a[0] < b[0] ? -1 : 1)).slice(0, topN);
  const sum = ranked.reduce((s, [, w]) => s + w, 0);
  if (sum <= 0) return new Map([[CONVERSATIONAL_ADAPTER, 1]]);
  return new Map(ranked.map(([id, w]) => [id, w / sum]));
}
