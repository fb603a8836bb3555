// AuditChain: the append-only, hash-linked writer (the original's `AuditChain`). Appends are serialized, each is one
// line in one write, and the in-memory position moves only after the write (and fsync) succeeded.
import { createRealClock, type Clock } from '../../runtime/clock.js';
import { describeValue } from '../../runtime/describe.js';
import { ValidationError } from '../../runtime/errors.js';
import { GENESIS_POSITION, isAuditEntryKind, positionAfter, type AuditChainPosition, type AuditEntry, type AuditEntryKind } from './audit-entry.js';
import { AuditError } from './audit-error.js';
import { createFileAuditSink, type AuditSink } from './audit-sink.js';
import { canonicalJson } from './canonical-json.js';
import { computeChainHash, entryLine } from './chain-hash.js';
import { repairTruncatedTail, type RepairResult } from './repair-log.js';
import { verifyAuditBytes, verifyAuditLog, type AuditVerifyResult, type VerifyOptions } from './verify-log.js';

/** The default largest line an append writes (bytes). */
export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;

export interface AuditChainOptions {
  /** Time of appends that pass no timestamp (floored to whole ms). @default createRealClock() */
  clock?: Clock;
  /** Largest line (bytes, with its newline) an append writes; a larger entry is refused. @default 1 MiB */
  maxEntryBytes?: number;
}

export interface OpenAuditChainOptions extends AuditChainOptions {
  /** fdatasync after each append, so an acknowledged entry survives power loss. @default true */
  fsync?: boolean;
  /**
   * A log whose last line was cut off by a crash: `fail` (reject with `invalid-log`) or `repair` (run
   * `repairTruncatedTail`, which keeps `<path>.bak`, then resume). Any other damage always fails.
   * @default 'fail'
   */
  truncatedTail?: 'fail' | 'repair';
}

const TOKEN = Symbol('encoded-audit-payload');

/** A payload already encoded as canonical JSON — a snapshot taken when it was made, immune to later mutation. */
export class EncodedAuditPayload {
  readonly json: string;
  /** Use `encodeAuditPayload`. */
  constructor(token: symbol, json: string) {
    if (token !== TOKEN) throw new ValidationError('Use encodeAuditPayload(value) to make an EncodedAuditPayload (it checks the payload)', {});
    this.json = json;
  }
}

/**
 * Encodes a payload now (canonical JSON), for an append that happens later.
 * @throws {AuditError} `unencodable-payload`, naming the field.
 */
export const encodeAuditPayload = (value: unknown): EncodedAuditPayload => new EncodedAuditPayload(TOKEN, canonicalJson(value));

function wholeMs(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new AuditError('invalid-timestamp', `${what} must be a whole number of ms from 0 to 2^53, got ${String(value)}`, { value });
}

function checkPosition(p: AuditChainPosition): AuditChainPosition {
  const ok = Number.isSafeInteger(p?.nextSeq) && p.nextSeq >= 0 && typeof p.lastHash === 'string' && Number.isSafeInteger(p.lastTimestampMs) && p.lastTimestampMs >= 0;
  if (!ok) throw new ValidationError('AuditChain position must be { nextSeq, lastHash, lastTimestampMs } with whole numbers ≥ 0 (use GENESIS_POSITION or positionAfter(entry))', { position: p });
  return Object.freeze({ nextSeq: p.nextSeq, lastHash: p.lastHash, lastTimestampMs: p.lastTimestampMs });
}

/**
 * A tamper-evident audit chain over a sink (a file with `AuditChain.open`, or memory). Entries link by hash; a log
 * written here verifies with the original's reader and the other way round.
 *
 * @example
 * const chain = await AuditChain.open('audit.jsonl');          // resumes (and verifies) an existing log
 * await chain.append('governor-override', { region: 'heartbeat', reason: 'paused: sleep phase' });
 * await chain.close();
 */
export class AuditChain {
  readonly sink: AuditSink;
  /** What `open` repaired before resuming (with `truncatedTail: 'repair'`), else undefined. */
  readonly repaired: RepairResult | undefined;
  #position: AuditChainPosition;
  #clock: Clock;
  #maxEntryBytes: number;
  #queue: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #closed = false;

  /**
   * A chain continuing at `position` (the genesis by default) over `sink`. Prefer `AuditChain.open` for files; it
   * verifies the log and passes `repaired` when it repaired one.
   */
  constructor(sink: AuditSink, position: AuditChainPosition = GENESIS_POSITION, options: AuditChainOptions = {}, repaired?: RepairResult) {
    this.sink = sink;
    this.#position = checkPosition(position);
    this.#clock = options.clock ?? createRealClock();
    const max = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (!Number.isSafeInteger(max) || max < 256) throw new ValidationError(`maxEntryBytes must be a whole number ≥ 256, got ${String(max)}`, { maxEntryBytes: max });
    this.#maxEntryBytes = max;
    this.repaired = repaired;
  }

  /**
   * Opens the log at `path`, verifying it whole, and positions the chain after its last entry (a missing or empty
   * file starts at the genesis; the file is created on the first append).
   *
   * @throws {AuditError} `invalid-log` when the log does not verify (`details.failure`; a cut-off last line is
   *   repaired instead with `truncatedTail: 'repair'`), `unreadable` when it cannot be read.
   */
  static async open(path: string, options: OpenAuditChainOptions = {}): Promise<AuditChain> {
    let result = await verifyAuditLog(path, { keep: 1 });
    let repaired: RepairResult | undefined;
    if (!result.ok && result.failure.kind === 'truncated-tail' && options.truncatedTail === 'repair') {
      repaired = await repairTruncatedTail(path);
      result = await verifyAuditLog(path, { keep: 1 });
    }
    if (!result.ok) {
      const { failure } = result;
      const kind = failure.kind === 'unreadable' ? 'unreadable' : 'invalid-log';
      throw new AuditError(kind, `cannot resume audit log ${path}: ${failure.message}`, { path, failure });
    }
    const position = result.last ? positionAfter(result.last) : GENESIS_POSITION;
    const sink = createFileAuditSink(path, { fsync: options.fsync ?? true, size: result.bytes });
    return new AuditChain(sink, position, options, repaired);
  }

  /** The next seq, the hash it will link to, and the lowest timestamp it may carry. */
  position(): AuditChainPosition {
    return this.#position;
  }

  /** Appends queued and not yet written. */
  get pending(): number {
    return this.#pending;
  }

  /**
   * The entry `append` would write next with this timestamp — pure: nothing is written and the position does not
   * move.
   *
   * @throws {AuditError} `invalid-kind`, `invalid-timestamp` (also below the previous entry's), `unencodable-payload`.
   */
  buildNext(kind: AuditEntryKind, payload: unknown, timestampMs: number): AuditEntry {
    checkKind(kind);
    const ts = wholeMs(timestampMs, 'timestampMs');
    const p = this.#position;
    if (ts < p.lastTimestampMs) {
      throw new AuditError('invalid-timestamp', `timestampMs ${ts} is before the previous entry's ${p.lastTimestampMs}; a log's time never goes back`, { timestampMs: ts });
    }
    return this.#build(kind, payloadJsonOf(payload), ts).entry;
  }

  /**
   * Appends an entry: one line in one write (then fsync, for a file opened with it), after every earlier append of
   * this chain. Resolves once it is written. The timestamp is `timestampMs` or the clock's now, raised to the
   * previous entry's when lower (so the log's time never goes back). On failure the file and the position are as
   * they were; appends after it go on.
   *
   * @throws {AuditError} (rejects) `invalid-kind`, `invalid-timestamp`, `unencodable-payload` (nothing is written;
   *   checked at the call, so later mutation of `payload` does not matter), `entry-too-large`, `append-failed`, `closed`.
   */
  append(kind: AuditEntryKind, payload: unknown, timestampMs?: number): Promise<AuditEntry> {
    let payloadJson: string;
    let given: number | undefined;
    try {
      if (this.#closed) throw new AuditError('closed', `the audit chain on ${this.sink.name} is closed; open it again to append`);
      checkKind(kind);
      payloadJson = payloadJsonOf(payload);
      given = timestampMs === undefined ? undefined : wholeMs(timestampMs, 'timestampMs');
    } catch (error) {
      return Promise.reject(error);
    }
    this.#pending++;
    return this.#serialized(async () => {
      try {
        const p = this.#position;
        const now = given ?? Math.floor(this.#clock.now());
        const ts = now > p.lastTimestampMs ? now : p.lastTimestampMs;
        const { entry, line } = this.#build(kind, payloadJson, ts);
        const bytes = Buffer.from(line, 'utf8');
        if (bytes.length > this.#maxEntryBytes) {
          throw new AuditError('entry-too-large', `audit entry of ${bytes.length} bytes exceeds maxEntryBytes ${this.#maxEntryBytes}; record less (or a digest of it); nothing was written`, { bytes: bytes.length });
        }
        await this.sink.append(bytes);
        this.#position = positionAfter(entry);
        return entry;
      } finally {
        this.#pending--;
      }
    });
  }

  /** Resolves when every append made so far has settled. */
  flush(): Promise<void> {
    return this.#serialized(() => undefined);
  }

  /** Verifies what the sink holds (after pending appends). A sink with nothing yet is an empty, valid log. */
  async verify(options: VerifyOptions = {}): Promise<AuditVerifyResult> {
    await this.flush();
    const bytes = await this.sink.read();
    if (bytes === undefined) return { ok: true, entries: [], count: 0, last: undefined, bytes: 0, exists: false };
    return verifyAuditBytes(bytes, options);
  }

  /** Waits for pending appends, then closes the sink. Later appends reject with `closed`. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return this.flush();
    this.#closed = true;
    await this.flush();
    await this.sink.close();
  }

  #build(kind: AuditEntryKind, payloadJson: string, ts: number): { entry: AuditEntry; line: string } {
    const { nextSeq: seq, lastHash: prev } = this.#position;
    const kindJson = `"${kind}"`;
    const chainHash = computeChainHash(seq, ts, kindJson, payloadJson, prev);
    const entry: AuditEntry = { seq, timestampMs: ts, kind, payload: JSON.parse(payloadJson) as unknown, prevChainHash: prev, chainHash };
    return { entry, line: entryLine(seq, ts, kindJson, payloadJson, chainHash, prev) };
  }

  #serialized<T>(run: () => T | Promise<T>): Promise<T> {
    const next = this.#queue.then(run);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

function checkKind(kind: unknown): asserts kind is AuditEntryKind {
  if (!isAuditEntryKind(kind)) {
    throw new AuditError('invalid-kind', `audit kind must be one of refusal, governor-override, federation-policy-drift, access-denied; got ${describeValue(kind)}`, { kind });
  }
}

const payloadJsonOf = (payload: unknown): string => (payload instanceof EncodedAuditPayload ? payload.json : canonicalJson(payload));
