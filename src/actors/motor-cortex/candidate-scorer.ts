// The motor cortex's deterministic candidate-reply pre-scorer. No language model is loaded here: candidates are
// templates filled from the prefetched engrams, scored by recall score, topic coverage, intent fit and salience.
import type { CandidateUtterance } from '../cognition/handle-contract.js';
import type { EngramPrefetch, SalienceSnapshot } from '../cognition/prefetch-types.js';
import { topicTerms } from '../cognition/topic-terms.js';

/** Candidates staged per channel at most. */
export const CANDIDATES_PER_CHANNEL = 3;
/** Characters of an engram quoted in a candidate at most. */
const SNIPPET_CHARS = 96;

const snippet = (text: string): string => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= SNIPPET_CHARS ? t : `${t.slice(0, SNIPPET_CHARS - 1)}…`;
};

function template(prefetch: EngramPrefetch, topic: string, quote: string): { text: string; fit: number } {
  const i = prefetch.intents;
  if (i.codeBlock) return { text: `Looking at the code around ${topic}: "${quote}"`, fit: 1 };
  if (i.question) return { text: `About ${topic} — from what I remember: "${quote}"`, fit: 1 };
  if (i.deadline) return { text: `On the deadline for ${topic}: "${quote}"`, fit: 1 };
  return { text: `Picking up ${topic}: "${quote}"`, fit: 0.5 };
}

/**
 * Scores candidate replies from a prefetch: one per top engram (up to 3) plus a plain acknowledgement, each
 * `0.55·recall score + 0.25·coverage + 0.15·intent fit + 0.05·salient`, where coverage is the share of the prediction's
 * topic terms (up to 8) the engram mentions and salient is 1 when attention lists the engram among the hottest.
 * Best first, ties by text. Deterministic: the same prefetch and snapshot give the same candidates.
 */
export function scoreCandidates(prefetch: EngramPrefetch, salience: SalienceSnapshot | undefined): CandidateUtterance[] {
  const predicted = [...prefetch.terms];
  const topicWords = predicted.slice(0, 3);
  const topic = topicWords.length ? topicWords.join(', ') : 'that';
  const hot = new Set(salience?.top.map((t) => t.id) ?? []);
  const out: CandidateUtterance[] = [];
  const considered = predicted.slice(0, 8);
  for (const r of prefetch.engrams.slice(0, CANDIDATES_PER_CHANNEL)) {
    const words = new Set(topicTerms(r.engram.text));
    let covered = 0;
    for (const t of considered) if (words.has(t)) covered++;
    const coverage = considered.length ? covered / considered.length : 0;
    const { text, fit } = template(prefetch, topic, snippet(r.engram.text));
    const score = 0.55 * r.score + 0.25 * coverage + 0.15 * fit + 0.05 * (hot.has(r.engram.id) ? 1 : 0);
    out.push({ text, score, basis: [r.engram.id] });
  }
  out.push({ text: `Noted — ${topic}.`, score: 0.2, basis: [] });
  out.sort((a, b) => b.score - a.score || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return out.slice(0, CANDIDATES_PER_CHANNEL);
}
