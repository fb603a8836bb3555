// The one tokenizer of src/memory: what an engram's token cost is, and the words the embedders see.

/**
 * Cost of a text in tokens, the unit of every recall budget: the number of words (maximal runs of letters,
 * digits, `'` and `_` — so `don't`, `snake_case` and `2024` are one each) plus one per other visible
 * character (punctuation, symbols, emoji), and at least 1 for any text. It is a documented approximation
 * of a model's tokenizer (English prose counts ~1.3× fewer tokens here than with BPE tokenizers), chosen
 * because it needs no vocabulary and is the same everywhere. Allocates nothing.
 *
 * @example
 * countTokens('Ship it, today!') // 5: "Ship", "it", ",", "today", "!"
 */
export function countTokens(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordCode(c, text, i)) {
      if (!inWord) count++;
      inWord = true;
    } else {
      inWord = false;
      if (!isSpaceCode(c) && !isLowSurrogate(c)) count++;
    }
  }
  return Math.max(1, count);
}

/**
 * Calls `visit(start, end)` for each word of `text` (the same words `countTokens` counts), in order.
 * Callers lower-case first when they want case-insensitive words.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const word = isWordCode(text.charCodeAt(i), text, i);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      visit(start, i);
      start = -1;
    }
  }
  if (start >= 0) visit(start, text.length);
}

/** The words of `text`, lower-cased (allocates; for embedders keyed by word, such as word vectors). */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  forEachWord(lower, (s, e) => out.push(lower.slice(s, e)));
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}'_]/u;

function isWordCode(c: number, text: string, i: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 39) return true;
  if (c < 128) return false;
  if (isLowSurrogate(c)) {
    const hi = i > 0 ? text.charCodeAt(i - 1) : 0;
    return hi >= 0xd800 && hi <= 0xdbff && WORD_CHAR.test(text.slice(i - 1, i + 1));
  }
  const ch = c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text[i]!;
  return WORD_CHAR.test(ch);
}

const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
