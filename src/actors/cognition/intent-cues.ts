// Algorithm 5's intent heuristics over recent messages: a question, a code block, a deadline reference, a verb-tense
// shift (past → future or back). Deterministic text rules; they move the predicted query's domain and confidence.

export interface IntentCues {
  readonly question: boolean;
  readonly codeBlock: boolean;
  readonly deadline: boolean;
  readonly tenseShift: boolean;
}

export const NO_INTENTS: IntentCues = Object.freeze({ question: false, codeBlock: false, deadline: false, tenseShift: false });

const QUESTION_START = /^\s*(who|what|when|where|why|how|which|can|could|should|would|is|are|do|does|did|will)\b/i;
const DEADLINE = /\b(deadline|due|by (tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|eod|end of (day|week))|eod|asap|before (the )?(release|launch|demo))\b/i;
const FUTURE = /\b(will|going to|gonna|plan to|next (week|sprint|time)|tomorrow)\b/i;
const PAST = /\b(was|were|did|had|yesterday|last (week|time|sprint)|already)\b/i;

/** Only the first this many characters of a message are scanned for cues. */
const CUE_SCAN_CHARS = 2048;

export type Tense = 'past' | 'future' | 'none';

export function tenseOf(text: string): Tense {
  const t = text.length > CUE_SCAN_CHARS ? text.slice(0, CUE_SCAN_CHARS) : text;
  const f = FUTURE.test(t);
  const p = PAST.test(t);
  return f && !p ? 'future' : p && !f ? 'past' : 'none';
}

/** The cues of the newest message, with the tense shift measured against the message before it. */
export function intentCues(latest: string, previous: string | undefined): IntentCues {
  const t = latest.length > CUE_SCAN_CHARS ? latest.slice(0, CUE_SCAN_CHARS) : latest;
  const question = t.includes('?') || QUESTION_START.test(t);
  const codeBlock = t.includes('```') || /^( {4}|\t)\S/m.test(t);
  const deadline = DEADLINE.test(t);
  let tenseShift = false;
  if (previous !== undefined) {
    const a = tenseOf(previous);
    const b = tenseOf(t);
    tenseShift = a !== 'none' && b !== 'none' && a !== b;
  }
  return { question, codeBlock, deadline, tenseShift };
}

/** The task domain the cues imply, or `undefined` when they imply none (`code` for a code block, `planning` for a deadline). */
export function domainFromCues(cues: IntentCues): string | undefined {
  if (cues.codeBlock) return 'code';
  if (cues.deadline) return 'planning';
  return undefined;
}
