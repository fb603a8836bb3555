// Topic terms: the content words of a text (lower-cased, ≥ 3 characters, no stop-words), bounded so the handler's
// topic check costs the same for any message. What "fresh for the message's topic" is measured with (hit vs partial).
import { DEFAULT_STOPWORDS } from '../../memory/embedder.js';

/** Only the first this many characters of a message are read for its topic terms (the handler's cost bound). */
export const TOPIC_SCAN_CHARS = 1024;
/** At most this many terms are taken from one text. */
export const MAX_TERMS_PER_TEXT = 48;

const STOP: ReadonlySet<string> = new Set([
  ...DEFAULT_STOPWORDS,
  'about', 'again', 'also', 'any', 'been', 'did', 'does', 'got', 'had', 'here', 'how', 'just', 'like', 'more', 'now', 'one', 'out', 'some', 'than',
  'them', 'they', 'too', 'very', 'want', 'which', 'who', 'why', 'would', 'yes', 'yeah', 'okay', 'sure', 'thanks', 'please', 'going', 'should', 'could',
]);

const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;

/**
 * Calls `visit(term)` for each content word of the first `TOPIC_SCAN_CHARS` characters of `text`, at most
 * `MAX_TERMS_PER_TEXT` times; stops early when `visit` returns true.
 */
export function forEachTerm(text: string, visit: (term: string) => boolean | void): void {
  const end = text.length < TOPIC_SCAN_CHARS ? text.length : TOPIC_SCAN_CHARS;
  let start = -1;
  let taken = 0;
  for (let i = 0; i <= end; i++) {
    const word = i < end && isWordCode(text.charCodeAt(i));
    if (word) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (i - start >= 3) {
        const term = text.slice(start, i).toLowerCase();
        if (!STOP.has(term)) {
          if (visit(term) === true) return;
          if (++taken >= MAX_TERMS_PER_TEXT) return;
        }
      }
      start = -1;
    }
  }
}

/** The content words of `text`, in order of first appearance, without repeats. */
export function topicTerms(text: string): string[] {
  const seen = new Set<string>();
  forEachTerm(text, (t) => {
    seen.add(t);
  });
  return [...seen];
}

/**
 * How a message relates to a staged topic: `'same'` — it shares a term (or has none, e.g. "ok 👍"); `'other'` — it
 * shares none. The handler's hot path: lower-cases the scanned prefix once, stops at the first shared term.
 */
export function topicRelation(text: string, staged: ReadonlySet<string>): 'same' | 'other' {
  const end = text.length < TOPIC_SCAN_CHARS ? text.length : TOPIC_SCAN_CHARS;
  const lower = (end === text.length ? text : text.slice(0, end)).toLowerCase();
  let start = -1;
  let taken = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && isWordCode(lower.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      if (i - start >= 3) {
        const term = lower.slice(start, i);
        if (!STOP.has(term)) {
          if (staged.has(term)) return 'same';
          if (++taken >= MAX_TERMS_PER_TEXT) break;
        }
      }
      start = -1;
    }
  }
  return taken === 0 ? 'same' : 'other';
}
