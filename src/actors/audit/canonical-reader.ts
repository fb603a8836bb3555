// Reads a JSON text the way serde_json reads it into a `Value` and writes it back: the canonical text whose bytes
// the chain hash covers (`1.0` stays a float, `9007199254740993` stays exact). Tells a cut-off text from a bad one.
import { JsonReadError } from './read-errors.js';
import { compareCodePoints, formatSerdeFloat, hasUnpairedSurrogate, MAX_PAYLOAD_DEPTH } from './canonical-json.js';

export { JsonReadError, QuietError } from './read-errors.js';

/** One member of a top-level object: its key, where its value's text is, and that value's canonical text. */
export interface MemberSpan {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly canonical: string;
}

const U64_MAX = 18446744073709551615n;
const I64_MIN_MAGNITUDE = 9223372036854775808n;

/** An integer token as serde_json writes it back: unchanged in u64/i64 range, `-0` as `-0.0`, larger as an f64. */
function canonicalInteger(token: string): string {
  const negative = token.charCodeAt(0) === 45;
  const magnitude = negative ? token.slice(1) : token;
  if (negative && magnitude === '0') return '-0.0';
  if (magnitude.length < 19) return token;
  const n = BigInt(magnitude);
  if (negative ? n <= I64_MIN_MAGNITUDE : n <= U64_MAX) return token;
  return formatSerdeFloat(Number(token));
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Where a string literal's plain run ends: a quote, a backslash or a control character. */
const STRING_STOP = /["\\\u0000-\u001f]/g;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw new JsonReadError(false, at, reason);
  }

  end(): never {
    throw new JsonReadError(true, this.pos, 'the text ends before the JSON value does');
  }

  ws(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  value(depth: number): string {
    this.ws();
    const c = this.text.charCodeAt(this.pos);
    if (c === 34) return this.string().canonical;
    if (c === 123) return this.object(depth + 1);
    if (c === 91) return this.array(depth + 1);
    if (c === 45 || isDigit(c)) return this.number();
    if (c === 116) return this.literal('true');
    if (c === 102) return this.literal('false');
    if (c === 110) return this.literal('null');
    if (Number.isNaN(c)) this.end();
    return this.fail(`unexpected character ${JSON.stringify(this.text[this.pos])}`);
  }

  literal(word: string): string {
    const t = this.text;
    for (let i = 0; i < word.length; i++) {
      const c = t.charCodeAt(this.pos + i);
      if (Number.isNaN(c)) {
        this.pos += i;
        this.end();
      }
      if (c !== word.charCodeAt(i)) this.fail(`expected ${word}`, this.pos + i);
    }
    this.pos += word.length;
    return word;
  }

  number(): string {
    const t = this.text;
    const start = this.pos;
    let float = false;
    if (t.charCodeAt(this.pos) === 45) this.pos++;
    const first = t.charCodeAt(this.pos);
    if (first === 48) this.pos++;
    else if (isDigit(first)) while (isDigit(t.charCodeAt(this.pos))) this.pos++;
    else if (Number.isNaN(first)) this.end();
    else this.fail('a number needs a digit after "-"');
    if (t.charCodeAt(this.pos) === 46) {
      float = true;
      this.pos++;
      this.digits();
    }
    const e = t.charCodeAt(this.pos);
    if (e === 101 || e === 69) {
      float = true;
      this.pos++;
      const sign = t.charCodeAt(this.pos);
      if (sign === 43 || sign === 45) this.pos++;
      this.digits();
    }
    const token = t.slice(start, this.pos);
    if (!float) return canonicalInteger(token);
    const value = Number(token);
    if (!Number.isFinite(value)) this.fail(`number ${token} is out of range for a 64-bit float`, start);
    return formatSerdeFloat(value);
  }

  digits(): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (Number.isNaN(c)) this.end();
    if (!isDigit(c)) this.fail('expected a digit');
    while (isDigit(t.charCodeAt(this.pos))) this.pos++;
  }

  /** A string literal: its decoded value and its canonical text (serde's escapes). */
  string(): { value: string; canonical: string } {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      // jump to the next quote, backslash or control character (native search: long strings cost little)
      STRING_STOP.lastIndex = i;
      const stop = STRING_STOP.exec(t);
      if (stop === null) {
        this.pos = t.length;
        this.end();
      }
      i = stop.index;
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) this.fail('a control character must be escaped inside a string', i);
      // a backslash
      escaped = true;
      const n = t.charCodeAt(i + 1);
      if (Number.isNaN(n)) {
        this.pos = i + 1;
        this.end();
      }
      if (n === 117) {
        for (let h = 2; h < 6; h++) {
          const x = t.charCodeAt(i + h);
          if (Number.isNaN(x)) {
            this.pos = i + h;
            this.end();
          }
          if (!((x >= 48 && x <= 57) || (x >= 65 && x <= 70) || (x >= 97 && x <= 102))) this.fail('a \\u escape needs four hex digits', i);
        }
        i += 6;
        continue;
      }
      if (!(n === 34 || n === 92 || n === 47 || n === 98 || n === 102 || n === 110 || n === 114 || n === 116)) {
        this.fail(`invalid escape \\${t[i + 1]}`, i);
      }
      i += 2;
    }
    this.pos = i + 1;
    const literal = t.slice(start, this.pos);
    if (!escaped) return { value: literal.slice(1, -1), canonical: literal };
    const value = JSON.parse(literal) as string;
    if (hasUnpairedSurrogate(value)) this.fail('a \\u escape leaves an unpaired surrogate, which the original cannot read', start);
    return { value, canonical: JSON.stringify(value) };
  }

  expect(code: number, what: string): void {
    this.ws();
    const c = this.text.charCodeAt(this.pos);
    if (Number.isNaN(c)) this.end();
    if (c !== code) this.fail(`expected ${what}`);
    this.pos++;
  }

  checkDepth(depth: number): void {
    // depth 1 is the entry line's own object; a payload may nest MAX_PAYLOAD_DEPTH more
    if (depth > MAX_PAYLOAD_DEPTH + 1) this.fail(`nested deeper than the original reads (${MAX_PAYLOAD_DEPTH + 1} levels)`);
  }

  array(depth: number): string {
    this.checkDepth(depth);
    this.pos++;
    this.ws();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return '[]';
    }
    const parts: string[] = [];
    for (;;) {
      parts.push(this.value(depth));
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) break;
      if (Number.isNaN(c)) this.end();
      this.fail('expected "," or "]"');
    }
    this.pos++;
    return `[${parts.join(',')}]`;
  }

  object(depth: number): string {
    this.checkDepth(depth);
    const keys: string[] = [];
    const values: string[] = [];
    let ordered = true;
    this.members((key, canonicalKey, value) => {
      if (ordered && keys.length > 0 && compareCodePoints(keys[keys.length - 1]!, key) >= 0) ordered = false;
      keys.push(key);
      values.push(`${canonicalKey}:${value}`);
    }, depth);
    if (ordered) return `{${values.join(',')}}`;
    // serde_json's map keeps the last value of a repeated key, in key order
    const byKey = new Map<string, string>();
    keys.forEach((k, i) => byKey.set(k, values[i]!));
    const sorted = [...byKey.keys()].sort(compareCodePoints);
    return `{${sorted.map((k) => byKey.get(k)!).join(',')}}`;
  }

  /** Reads `{ "k": v, … }` from `pos` (at its `{`), calling `each` per member with the value's canonical text. */
  members(each: (key: string, canonicalKey: string, value: string, start: number, end: number) => void, depth: number): void {
    this.pos++;
    this.ws();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.end();
      if (c !== 34) this.fail('expected a string key');
      const key = this.string();
      this.expect(58, '":"');
      this.ws();
      const start = this.pos;
      const value = this.value(depth);
      each(key.value, key.canonical, value, start, this.pos);
      this.ws();
      const next = this.text.charCodeAt(this.pos);
      if (next === 44) {
        this.pos++;
        continue;
      }
      if (next === 125) break;
      if (Number.isNaN(next)) this.end();
      this.fail('expected "," or "}"');
    }
    this.pos++;
  }
}

/**
 * Reads a text holding one JSON object (whitespace around it is allowed) and returns its members in order, each with
 * the canonical text serde_json would write for its value.
 *
 * @throws {JsonReadError} with `incomplete: true` when the text is a prefix of a JSON object, else `false`.
 */
export function readObjectMembers(text: string): MemberSpan[] {
  const reader = new Reader(text);
  reader.ws();
  const c = text.charCodeAt(reader.pos);
  if (Number.isNaN(c)) reader.end();
  if (c !== 123) reader.fail('a log line must be a JSON object');
  const members: MemberSpan[] = [];
  reader.members((key, _canonicalKey, canonical, start, end) => void members.push({ key, start, end, canonical }), 1);
  reader.ws();
  if (reader.pos < text.length) reader.fail('unexpected text after the JSON object');
  return members;
}

/**
 * The canonical text of one JSON value (any type), as serde_json reads and writes it.
 *
 * @throws {JsonReadError} when `text` is not one JSON value.
 * @example
 * canonicalizeJsonText('{ "b": 1.0, "a": 2 }'); // '{"a":2,"b":1.0}'
 */
export function canonicalizeJsonText(text: string): string {
  const reader = new Reader(text);
  const canonical = reader.value(1);
  reader.ws();
  if (reader.pos < text.length) reader.fail('unexpected text after the JSON value');
  return canonical;
}
