// recall()'s reusable working memory: candidate columns (engram, how found, six terms, scores), index orders and
// the spreading buffers, grown on demand and reused across calls, so a recall allocates little more than its result.
import type { EngramId } from '../runtime/ids.js';
import type { Engram } from './engram.js';
import type { TermColumns } from './score.js';
import { createSpreadScratch, resetSpreadScratch, type SpreadScratch } from './spreading.js';

/** How a candidate was found, as a small integer (index into `VIA_NAMES`). */
export const VIA_CHANNEL = 0;
export const VIA_HISTORY = 1;
export const VIA_SPREADING = 2;
export const VIA_WINDOW = 3;
export const VIA_NAMES = ['channel-history', 'recent-history', 'spreading', 'recent-window'] as const;

export interface RecallScratch extends TermColumns {
  /** Candidates 0..focusCount are the focus pool, focusCount..count the periphery. */
  engrams: (Engram | undefined)[];
  via: Uint8Array;
  /** The score before the structural term is known (ranks the seeds). */
  preScore: Float64Array;
  score: Float64Array;
  /** Per candidate: 1 once it seeded the spreading. */
  seeded: Uint8Array;
  /** Per spreading node: 1 when it is a focus candidate. */
  nodeIsFocus: Uint8Array;
  order: Int32Array;
  mergeBuffer: Int32Array;
  /** The focus candidate index of each recent-history entry (−1 when not in the store). */
  historyIndex: Int32Array;
  seedIds: EngramId[];
  seedScores: Float64Array;
  spread: SpreadScratch;
  /** Membership by id when a map is needed (a long history, or the recent-window periphery). */
  ids: Map<EngramId, number>;
  count: number;
  busy: boolean;
}

export function createRecallScratch(capacity = 512): RecallScratch {
  const f = () => new Float64Array(capacity);
  return {
    engrams: [], via: new Uint8Array(capacity), topical: f(), channelBias: f(), domainBias: f(), salience: f(), recency: f(), structural: f(),
    preScore: f(), score: f(), seeded: new Uint8Array(capacity), nodeIsFocus: new Uint8Array(capacity), order: new Int32Array(capacity),
    mergeBuffer: new Int32Array(capacity), historyIndex: new Int32Array(16), seedIds: [], seedScores: new Float64Array(64),
    spread: createSpreadScratch(capacity * 2), ids: new Map(), count: 0, busy: false,
  };
}

const shared = createRecallScratch();

/** The shared scratch, or a fresh one when a recall runs inside another (a `tokenCost` that recalls). */
export function acquireRecallScratch(): RecallScratch {
  if (shared.busy) return Object.assign(createRecallScratch(64), { busy: true });
  shared.busy = true;
  return shared;
}

/** Drops the references the last recall left (so evicted engrams are not kept alive) and frees the scratch. */
export function releaseRecallScratch(s: RecallScratch): void {
  s.engrams.fill(undefined, 0, s.count);
  s.count = 0;
  if (s.ids.size > 0) s.ids.clear();
  resetSpreadScratch(s.spread);
  s.busy = false;
}

function grownF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

/** Makes room for candidate index `i` in every column. */
export function ensureCandidate(s: RecallScratch, i: number): void {
  if (i < s.score.length) return;
  const n = Math.max(i + 1, s.score.length * 2);
  for (const k of ['topical', 'channelBias', 'domainBias', 'salience', 'recency', 'structural', 'preScore', 'score'] as const) s[k] = grownF64(s[k], n);
  const via = new Uint8Array(n);
  via.set(s.via);
  s.via = via;
  s.seeded = new Uint8Array(n);
  s.order = new Int32Array(n);
  s.mergeBuffer = new Int32Array(n);
}

/** Room for `n` history entries (call before filling `historyIndex`: growing drops its contents). */
export function ensureHistory(s: RecallScratch, n: number): void {
  if (n > s.historyIndex.length) s.historyIndex = new Int32Array(Math.max(n, s.historyIndex.length * 2));
}

/** Room for `n` seeds (call before filling `seedScores`). */
export function ensureSeeds(s: RecallScratch, n: number): void {
  if (n > s.seedScores.length) s.seedScores = new Float64Array(Math.max(n, s.seedScores.length * 2));
}

/** Room for a flag per spreading node. */
export function ensureNodes(s: RecallScratch, n: number): void {
  if (n > s.nodeIsFocus.length) s.nodeIsFocus = new Uint8Array(Math.max(n, s.nodeIsFocus.length * 2));
}

/** Best first: higher score, then newer `createdAt`, then smaller id (a total order: any sort gives the same result). */
function before(s: RecallScratch, score: Float64Array, a: number, b: number): boolean {
  const sa = score[a]!;
  const sb = score[b]!;
  if (sa !== sb) return sa > sb;
  const ea = s.engrams[a]!;
  const eb = s.engrams[b]!;
  if (ea.createdAt !== eb.createdAt) return ea.createdAt > eb.createdAt;
  return ea.id < eb.id;
}

/**
 * Writes candidates from..to into `s.order[0..to−from)` sorted best first by `score` (insertion-sorted runs of
 * 16, then bottom-up merges through `s.mergeBuffer`); returns the array holding the result.
 */
export function sortCandidates(s: RecallScratch, from: number, to: number, score: Float64Array): Int32Array {
  const n = to - from;
  let src = s.order;
  let dst = s.mergeBuffer;
  for (let i = 0; i < n; i++) src[i] = from + i;
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = src[i]!;
      let j = i - 1;
      while (j >= lo && before(s, score, x, src[j]!)) (src[j + 1] = src[j]!, j--);
      src[j + 1] = x;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = before(s, score, src[j]!, src[i]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
