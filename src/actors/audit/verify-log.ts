// Replays an audit log and checks every link (the original's `read_audit_log`, with more failure kinds): returns the
// entries, or the first failure with its line — a broken chain, a gap, time going back, a bad line, a cut-off tail.
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { describeError } from '../../runtime/describe.js';
import { GENESIS_HASH, isAuditEntryKind, type AuditEntry, type AuditEntryKind } from './audit-entry.js';
import { JsonReadError, QuietError, readObjectMembers, type MemberSpan } from './canonical-reader.js';
import { computeChainHash } from './chain-hash.js';

/** The ways a log fails to verify. `line` is 1-based and counts blank lines; `message` says what to do. */
export type AuditLogFailure =
  | { kind: 'chain-broken'; line: number; seq: number; expected: string; got: string; message: string }
  | { kind: 'sequence-gap'; line: number; expected: number; got: number; message: string }
  | { kind: 'timestamp-went-backward'; line: number; seq: number; prev: number; current: number; message: string }
  | { kind: 'malformed-line'; line: number; reason: string; message: string }
  | {
      kind: 'truncated-tail';
      line: number;
      /** Byte offset where the cut-off line starts (what repair truncates to, when `complete` is false). */
      offset: number;
      /** True when the line holds a whole, valid entry and only its newline is missing. */
      complete: boolean;
      message: string;
    }
  | { kind: 'unreadable'; code: string | undefined; message: string };
export type AuditLogFailureKind = AuditLogFailure['kind'];

/** What verification found. `entries` are the verified ones, in order (only the last `keep` when asked). */
export type AuditVerifyResult = ({ ok: true } | { ok: false; failure: AuditLogFailure }) & {
  entries: AuditEntry[];
  /** With `withLines`: the kept entries' lines as written (without the newline). */
  lines?: string[];
  /** Entries verified (all of them, also when only the last `keep` are in `entries`). */
  count: number;
  last: AuditEntry | undefined;
  /** Length of the log in bytes. */
  bytes: number;
  /** False for a missing file (an empty, valid log). */
  exists: boolean;
};

export interface VerifyOptions {
  /** Keep only the last `keep` entries in the result (0: none; the count is still exact). @default all */
  keep?: number;
  /** Also return each kept entry's line exactly as in the log (`lines`, aligned with `entries`). @default false */
  withLines?: boolean;
}

const FIELDS = ['seq', 'timestampMs', 'kind', 'payload', 'chainHash', 'prevChainHash'] as const;
const WHOLE = /^(0|[1-9][0-9]*)$/;
/** Rust's `str::trim` whitespace (Unicode White_Space): a line of only these is skipped, as the original skips it. */
const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** A line that is JSON but not an entry (no stack trace: an expected outcome, see JsonReadError). */
class LineProblem extends QuietError {}

function wholeNumber(span: MemberSpan, field: string): number {
  if (!WHOLE.test(span.canonical)) throw new LineProblem(`${field} must be a whole number ≥ 0, got ${span.canonical}`);
  const n = Number(span.canonical);
  if (!Number.isSafeInteger(n)) throw new LineProblem(`${field} ${span.canonical} is beyond 2^53, which this reader does not support`);
  return n;
}

function stringValue(span: MemberSpan, field: string): string {
  const c = span.canonical;
  if (c.charCodeAt(0) !== 34) throw new LineProblem(`${field} must be a string, got ${c.slice(0, 40)}`);
  return c.includes('\\') ? (JSON.parse(c) as string) : c.slice(1, -1);
}

interface ParsedLine {
  seq: number;
  timestampMs: number;
  kind: AuditEntryKind;
  kindJson: string;
  payloadJson: string;
  chainHash: string;
  prevChainHash: string;
}

/** The fields of one entry line (its JSON is already known to be a complete object). */
function parseEntry(text: string, members: MemberSpan[]): ParsedLine {
  let seq: MemberSpan | undefined;
  let ts: MemberSpan | undefined;
  let kind: MemberSpan | undefined;
  let payload: MemberSpan | undefined;
  let chain: MemberSpan | undefined;
  let prev: MemberSpan | undefined;
  const twice = (key: string): never => {
    throw new LineProblem(`field ${key} appears twice`);
  };
  for (const m of members) {
    // unknown fields are ignored, as serde ignores them; a repeated known field is refused, as serde refuses it
    switch (m.key) {
      case 'seq': seq = seq ? twice(m.key) : m; break;
      case 'timestampMs': ts = ts ? twice(m.key) : m; break;
      case 'kind': kind = kind ? twice(m.key) : m; break;
      case 'payload': payload = payload ? twice(m.key) : m; break;
      case 'chainHash': chain = chain ? twice(m.key) : m; break;
      case 'prevChainHash': prev = prev ? twice(m.key) : m; break;
    }
  }
  if (!seq || !ts || !kind || !payload || !chain || !prev) {
    const present = new Set(members.map((m) => m.key));
    const missing = FIELDS.filter((f) => !present.has(f));
    throw new LineProblem(`missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  const kindValue = stringValue(kind, 'kind');
  if (!isAuditEntryKind(kindValue)) throw new LineProblem(`unknown kind ${JSON.stringify(kindValue)} (refusal, governor-override, federation-policy-drift, access-denied)`);
  if (text.slice(payload.start, payload.end) !== payload.canonical) {
    throw new LineProblem('the payload is not in canonical form (compact, sorted keys, serde number format): the line was edited after it was written');
  }
  return {
    seq: wholeNumber(seq, 'seq'),
    timestampMs: wholeNumber(ts, 'timestampMs'),
    kind: kindValue,
    kindJson: kind.canonical,
    payloadJson: payload.canonical,
    chainHash: stringValue(chain, 'chainHash'),
    prevChainHash: stringValue(prev, 'prevChainHash'),
  };
}

const entryOf = (p: ParsedLine): AuditEntry => ({
  seq: p.seq, timestampMs: p.timestampMs, kind: p.kind, payload: JSON.parse(p.payloadJson) as unknown, prevChainHash: p.prevChainHash, chainHash: p.chainHash,
});

const isBlankByte = (b: number): boolean => b === 32 || b === 9 || b === 13 || b === 11 || b === 12;

/** Whether bytes [from, to) are only (Unicode) whitespace. */
function isBlank(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (isBlankByte(b) || b === 10) continue;
    if (b < 0x80) return false;
    return BLANK.test(bytes.toString('utf8', from, to));
  }
  return true;
}

/**
 * Verifies the bytes of a log (see `verifyAuditLog`). Pure: the same bytes give the same result.
 *
 * @example
 * const r = verifyAuditBytes(Buffer.from(text));
 * if (!r.ok) console.log(r.failure.kind, r.failure.message);
 */
export function verifyAuditBytes(data: Uint8Array, options: VerifyOptions = {}): AuditVerifyResult {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const keep = options.keep ?? Infinity;
  const entries: AuditEntry[] = [];
  const lines: string[] | undefined = options.withLines ? [] : undefined;
  let count = 0;
  let lastParsed: ParsedLine | undefined;
  let running = GENESIS_HASH;
  let prevTs = 0;
  let lineNo = 0;
  let offset = 0;
  const length = bytes.length;
  const done = (failure?: AuditLogFailure): AuditVerifyResult => {
    if (entries.length > keep) {
      entries.splice(0, entries.length - keep);
      lines?.splice(0, lines.length - keep);
    }
    const kept = entries.length > 0 ? entries[entries.length - 1] : undefined;
    const last = lastParsed === undefined ? undefined : kept?.seq === lastParsed.seq ? kept : entryOf(lastParsed);
    const rest = { entries, count, last, bytes: length, exists: true, ...(lines ? { lines } : {}) };
    return failure === undefined ? { ok: true, ...rest } : { ok: false, failure, ...rest };
  };
  while (offset < length) {
    const start = offset;
    const nl = bytes.indexOf(10, start);
    const terminated = nl >= 0;
    const end = terminated ? nl : length;
    offset = terminated ? nl + 1 : length;
    lineNo++;
    if (bytes[start] !== 123 && isBlank(bytes, start, end)) continue;
    if (terminated && !isUtf8(bytes.subarray(start, end))) return done(malformed(lineNo, 'not valid UTF-8'));
    const text = bytes.toString('utf8', start, end);
    let parsed: ParsedLine;
    try {
      parsed = parseEntry(text, readObjectMembers(text));
    } catch (error) {
      if (error instanceof JsonReadError) {
        if (error.incomplete && (!terminated || isBlank(bytes, offset, length))) return done(truncated(lineNo, start, false));
        return done(malformed(lineNo, `${error.incomplete ? 'incomplete JSON' : `invalid JSON: ${error.message}`} at column ${error.at + 1}`));
      }
      return done(malformed(lineNo, error instanceof LineProblem ? error.message : describeError(error)));
    }
    const { seq, timestampMs } = parsed;
    if (seq !== count) {
      return done({ kind: 'sequence-gap', line: lineNo, expected: count, got: seq, message: `audit sequence gap: expected ${count}, got ${seq} (line ${lineNo})` });
    }
    if (count > 0 && timestampMs < prevTs) {
      return done({
        kind: 'timestamp-went-backward', line: lineNo, seq, prev: prevTs, current: timestampMs,
        message: `audit timestamp went backward: prev=${prevTs} current=${timestampMs} (seq ${seq}, line ${lineNo})`,
      });
    }
    if (parsed.prevChainHash !== running) {
      return done({
        kind: 'chain-broken', line: lineNo, seq, expected: running, got: parsed.prevChainHash,
        message: `audit chain broken at seq ${seq}: expected hash ${running}, got ${parsed.prevChainHash} (prevChainHash, line ${lineNo})`,
      });
    }
    const recomputed = computeChainHash(seq, timestampMs, parsed.kindJson, parsed.payloadJson, parsed.prevChainHash);
    if (recomputed !== parsed.chainHash) {
      return done({
        kind: 'chain-broken', line: lineNo, seq, expected: recomputed, got: parsed.chainHash,
        message: `audit chain broken at seq ${seq}: expected hash ${recomputed}, got ${parsed.chainHash} (chainHash, line ${lineNo})`,
      });
    }
    if (!terminated) return done(truncated(lineNo, start, true));
    running = parsed.chainHash;
    prevTs = timestampMs;
    count++;
    lastParsed = parsed;
    if (keep > 0) {
      entries.push(entryOf(parsed));
      lines?.push(text);
      if (entries.length > keep * 2 + 64) {
        entries.splice(0, entries.length - keep);
        lines?.splice(0, lines.length - keep);
      }
    }
  }
  return done();
}

function malformed(line: number, reason: string): AuditLogFailure {
  return { kind: 'malformed-line', line, reason, message: `audit log line ${line} is malformed: ${reason}` };
}

function truncated(line: number, offset: number, complete: boolean): AuditLogFailure {
  return {
    kind: 'truncated-tail',
    line,
    offset,
    complete,
    message: `audit log ends in a cut-off line ${line} (${complete ? 'its newline is missing' : 'incomplete JSON'}), as a crash mid-write leaves it; run \`continuum audit repair <file>\` (it keeps a .bak copy)`,
  };
}

/**
 * Replays the log at `path` and verifies it: each line's seq follows the previous (0 first), its timestamp does not
 * go back (equal is fine), its `prevChainHash` is the previous `chainHash` (64 zeros first), its `chainHash` is the
 * hash recomputed from its fields, and the payload is written canonically. Stops at the first failure. A missing
 * file is an empty, valid log (`exists: false`); blank lines are skipped. Never throws: an unreadable file is the
 * failure `unreadable`. The whole file is read into memory.
 *
 * @example
 * const r = await verifyAuditLog('out/default/audit.jsonl');
 * r.ok ? console.log(`${r.count} entries`) : console.log(r.failure.message);
 */
export async function verifyAuditLog(path: string, options: VerifyOptions = {}): Promise<AuditVerifyResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { ok: true, entries: [], count: 0, last: undefined, bytes: 0, exists: false };
    const failure: AuditLogFailure = {
      kind: 'unreadable',
      code: typeof code === 'string' ? code : undefined,
      message: `cannot read audit log ${path}: ${describeError(error)}`,
    };
    return { ok: false, failure, entries: [], count: 0, last: undefined, bytes: 0, exists: true };
  }
  return verifyAuditBytes(bytes, options);
}
