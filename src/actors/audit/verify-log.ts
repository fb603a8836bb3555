// Replays an audit log and checks every link (the original's `read_audit_log`, with more failure kinds): returns the
// entries, or the first failure with its line — a broken chain, a gap, time going back, a bad line, a cut-off tail.
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { describeError } from '../../runtime/describe.js';
import { GENESIS_HASH, isAuditEntryKind, type AuditEntry } from './audit-entry.js';
import { JsonReadError, readObjectMembers, type MemberSpan } from './canonical-reader.js';
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
type Field = (typeof FIELDS)[number];
const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);
const WHOLE = /^(0|[1-9][0-9]*)$/;
/** Rust's `str::trim` whitespace (Unicode White_Space): a line of only these is skipped, as the original skips it. */
const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

class LineProblem extends Error {}

function wholeNumber(span: MemberSpan, field: string): number {
  if (!WHOLE.test(span.canonical)) throw new LineProblem(`${field} must be a whole number ≥ 0, got ${span.canonical}`);
  const n = Number(span.canonical);
  if (!Number.isSafeInteger(n)) throw new LineProblem(`${field} ${span.canonical} is beyond 2^53, which this reader does not support`);
  return n;
}

function stringValue(span: MemberSpan, field: string): string {
  if (span.canonical.charCodeAt(0) !== 34) throw new LineProblem(`${field} must be a string, got ${span.canonical.slice(0, 40)}`);
  return JSON.parse(span.canonical) as string;
}

interface ParsedLine {
  seq: number;
  timestampMs: number;
  kindJson: string;
  entry: Omit<AuditEntry, 'payload'>;
  payloadJson: string;
}

/** The fields of one entry line (its JSON is already known to be a complete object). */
function parseEntry(text: string, members: MemberSpan[]): ParsedLine {
  const found = new Map<Field, MemberSpan>();
  for (const m of members) {
    if (!FIELD_SET.has(m.key)) continue; // unknown fields are ignored, as serde ignores them
    if (found.has(m.key as Field)) throw new LineProblem(`field ${m.key} appears twice`);
    found.set(m.key as Field, m);
  }
  const missing = FIELDS.filter((f) => !found.has(f));
  if (missing.length > 0) throw new LineProblem(`missing field${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const seq = wholeNumber(found.get('seq')!, 'seq');
  const timestampMs = wholeNumber(found.get('timestampMs')!, 'timestampMs');
  const kindSpan = found.get('kind')!;
  const kind = stringValue(kindSpan, 'kind');
  if (!isAuditEntryKind(kind)) throw new LineProblem(`unknown kind ${JSON.stringify(kind)} (refusal, governor-override, federation-policy-drift, access-denied)`);
  const payload = found.get('payload')!;
  if (text.slice(payload.start, payload.end) !== payload.canonical) {
    throw new LineProblem('the payload is not in canonical form (compact, sorted keys, serde number format): the line was edited after it was written');
  }
  const chainHash = stringValue(found.get('chainHash')!, 'chainHash');
  const prevChainHash = stringValue(found.get('prevChainHash')!, 'prevChainHash');
  return { seq, timestampMs, kindJson: kindSpan.canonical, payloadJson: payload.canonical, entry: { seq, timestampMs, kind, prevChainHash, chainHash } };
}

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
  let last: AuditEntry | undefined;
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
    const atEnd = (): boolean => isBlank(bytes, offset, length);
    const malformed = (reason: string): AuditVerifyResult =>
      done({ kind: 'malformed-line', line: lineNo, reason, message: `audit log line ${lineNo} is malformed: ${reason}` });
    const truncated = (complete: boolean): AuditVerifyResult =>
      done({
        kind: 'truncated-tail',
        line: lineNo,
        offset: start,
        complete,
        message: `audit log ends in a cut-off line ${lineNo} (${complete ? 'its newline is missing' : 'incomplete JSON'}), as a crash mid-write leaves it; run \`continuum audit repair <file>\` (it keeps a .bak copy)`,
      });
    if (terminated && !isUtf8(bytes.subarray(start, end))) return malformed('not valid UTF-8');
    const text = bytes.toString('utf8', start, end);
    let parsed: ParsedLine;
    try {
      parsed = parseEntry(text, readObjectMembers(text));
    } catch (error) {
      if (error instanceof JsonReadError) {
        if (error.incomplete && (!terminated || atEnd())) return truncated(false);
        return malformed(`${error.incomplete ? 'incomplete JSON' : `invalid JSON: ${error.message}`} at column ${error.at + 1}`);
      }
      if (error instanceof LineProblem) return malformed(error.message);
      return malformed(describeError(error));
    }
    const { seq, timestampMs, entry } = parsed;
    if (seq !== count) {
      return done({ kind: 'sequence-gap', line: lineNo, expected: count, got: seq, message: `audit sequence gap: expected ${count}, got ${seq} (line ${lineNo})` });
    }
    if (count > 0 && timestampMs < prevTs) {
      return done({
        kind: 'timestamp-went-backward', line: lineNo, seq, prev: prevTs, current: timestampMs,
        message: `audit timestamp went backward: prev=${prevTs} current=${timestampMs} (seq ${seq}, line ${lineNo})`,
      });
    }
    if (entry.prevChainHash !== running) {
      return done({
        kind: 'chain-broken', line: lineNo, seq, expected: running, got: entry.prevChainHash,
        message: `audit chain broken at seq ${seq}: expected hash ${running}, got ${entry.prevChainHash} (prevChainHash, line ${lineNo})`,
      });
    }
    const recomputed = computeChainHash(seq, timestampMs, parsed.kindJson, parsed.payloadJson, entry.prevChainHash);
    if (recomputed !== entry.chainHash) {
      return done({
        kind: 'chain-broken', line: lineNo, seq, expected: recomputed, got: entry.chainHash,
        message: `audit chain broken at seq ${seq}: expected hash ${recomputed}, got ${entry.chainHash} (chainHash, line ${lineNo})`,
      });
    }
    if (!terminated) return truncated(true);
    const full: AuditEntry = { ...entry, payload: JSON.parse(parsed.payloadJson) as unknown };
    running = entry.chainHash;
    prevTs = timestampMs;
    count++;
    last = full;
    if (keep > 0) {
      entries.push(full);
      lines?.push(text);
      if (entries.length > keep * 2 + 64) {
        entries.splice(0, entries.length - keep);
        lines?.splice(0, lines.length - keep);
      }
    }
  }
  return done();
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
