// Algorithm 5's predictor: per active channel, a predicted query from the centroid of the recent messages, the task
// domain and the intent cues, with a confidence the hippocampus gates pre-staging on. Or, switched off, the no-op
// baseline: the last message alone (a persistence forecast), no cues, no gate.
import { cosine } from '../../memory/vector.js';
import type { Engram } from '../../memory/engram.js';
import type { EngramId } from '../../runtime/ids.js';
import { domainFromCues, intentCues, NO_INTENTS, type IntentCues } from '../cognition/intent-cues.js';
import { forEachTerm } from '../cognition/topic-terms.js';

/** The original's `PredictedQuery` (persona and channel are the caller's). */
export interface PredictedQuery {
  readonly embedding: Float32Array;
  readonly taskDomain: string;
  readonly confidence: number;
  readonly intents: IntentCues;
  readonly terms: ReadonlySet<string>;
  readonly recentHistory: readonly EngramId[];
}

export interface PredictorSettings {
  /** false: the no-op baseline (last message only). */
  enabled: boolean;
  window: number;
  maxTerms: number;
}

/**
 * Confidence = 0.5·coherence + 0.3·fill + 0.2·cue, in [0, 1]: coherence is the mean cosine of the window's messages to
 * their centroid (one topic → near 1, scattered → near 0); fill is how much of the window is there (n / window); cue
 * is 1 when the newest message carries an intent cue (a question, a code block, a deadline, a tense shift) — such a
 * message is the one a reply will follow.
 */
export function predictionConfidence(coherence: number, n: number, window: number, cues: IntentCues): number {
  const cue = cues.question || cues.codeBlock || cues.deadline || cues.tenseShift ? 1 : 0;
  const c = 0.5 * Math.max(0, coherence) + 0.3 * Math.min(1, n / window) + 0.2 * cue;
  return c > 1 ? 1 : c;
}

/** Terms of the texts, weighted by recency (newest counts most), the `max` heaviest (ties: first seen). */
function weightedTerms(texts: readonly string[], max: number): Set<string> {
  const weight = new Map<string, number>();
  for (let i = 0; i < texts.length; i++) {
    const w = 1 + i / texts.length;
    forEachTerm(texts[i]!, (t) => {
      weight.set(t, (weight.get(t) ?? 0) + w);
    });
  }
  const ranked = [...weight].sort((a, b) => b[1] - a[1]);
  return new Set(ranked.slice(0, max).map(([t]) => t));
}

/**
 * Predicts the channel's next query from its newest engrams (oldest first, already embedded by consolidation).
 * `undefined` when the channel has none.
 */
export function predictQuery(engrams: readonly Engram[], lastDomain: string, settings: PredictorSettings): PredictedQuery | undefined {
  const n = engrams.length;
  if (n === 0) return undefined;
  const latest = engrams[n - 1]!;
  if (!settings.enabled) {
    return {
      embedding: latest.embedding, taskDomain: latest.taskDomain, confidence: 1, intents: NO_INTENTS,
      terms: weightedTerms([latest.text], settings.maxTerms), recentHistory: [latest.id],
    };
  }
  const window = engrams.slice(Math.max(0, n - settings.window));
  const dim = latest.embedding.length;
  const centroid = new Float32Array(dim);
  for (const e of window) for (let i = 0; i < dim; i++) centroid[i]! += e.embedding[i]!;
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += centroid[i]! * centroid[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dim; i++) centroid[i]! /= norm;
  let coherence = 0;
  for (const e of window) coherence += cosine(e.embedding, centroid);
  coherence /= window.length;
  const previous = window.length > 1 ? window[window.length - 2]!.text : undefined;
  const intents = intentCues(latest.text, previous);
  const taskDomain = domainFromCues(intents) ?? lastDomain;
  return {
    embedding: norm > 0 ? centroid : latest.embedding,
    taskDomain,
    confidence: predictionConfidence(coherence, window.length, settings.window, intents),
    intents,
    terms: weightedTerms(window.map((e) => e.text), settings.maxTerms),
    recentHistory: window.slice(-3).map((e) => e.id),
  };
}
