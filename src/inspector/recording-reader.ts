// Reads a recording for replay without holding it: one pass checks every line and keeps, per frame, its byte
// offset and time, and every so often a checkpoint of the actor table; a frame is read back from disk when asked
// for. A malformed or cut-off line stops the pass with a RecordingError naming the line: the frames before it replay.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { describeError } from '../runtime/describe.js';
import { ActorModel, type ActorRow } from './actor-model.js';
import { FRAME_KINDS, READABLE_VERSIONS, RECORDING_FORMAT, type Frame, type RecordingHeader, type SubstrateFrame } from './frames.js';
import { RecordingError } from './recording-error.js';

const CHUNK = 1 << 20;

/** A recording, indexed. */
export interface RecordingIndex {
  readonly path: string;
  readonly header: RecordingHeader;
  /** Frames that read cleanly. */
  readonly count: number;
  /** Simulated time of frame `i`. */
  time(i: number): number;
  /** The first frame at or after `t` (count when none). */
  indexAt(t: number): number;
  /** Frames `from` … `to - 1`, read back from the file. */
  frames(from: number, to: number): Frame[];
  /** The actor table just after frame `i` (before any frame when `i` is -1). */
  actorsAt(i: number): ActorRow[];
  /** Frame indexes of the substrate records and buffer samples of one region instance (`key`), in order. */
  framesOfKey(key: string): readonly number[];
  /** Frame indexes of the `policy` records (the governor's published policy), in order. */
  readonly policyFrames: readonly number[];
  /** The record types of those frames (`tick`, `decision`, `restarted`, …; `buffer` for a buffer sample), in the same order. */
  typesOfKey(key: string): readonly string[];
  /** Why reading stopped early (a malformed line, no end line), or undefined for a whole recording. */
  readonly problem: RecordingError | undefined;
  close(): void;
}

const isFrame = (v: unknown): v is Frame =>
  typeof v === 'object' && v !== null && FRAME_KINDS.includes((v as Frame).k) && typeof (v as Frame).t === 'number';

/**
 * Opens and indexes `path`.
 *
 * @throws RecordingError `unreadable` (no such file), `bad-header`, `unsupported-version`: nothing to replay.
 * @example
 * const rec = openRecording('run.inspect.jsonl');
 * rec.problem?.message; // e.g. "line 812 is not a frame (Unexpected end of JSON input); replaying the 810 frames before it"
 */
export function openRecording(path: string, options: { checkpointEvery?: number } = {}): RecordingIndex {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new RecordingError('unreadable', `cannot read the recording ${path}: ${describeError(error)}; record one with continuum simulate --record ${path}`, { path });
  }
  const size = fstatSync(fd).size;
  let offsets = new Float64Array(1024);
  let times = new Float64Array(1024);
  let count = 0;
  let header: RecordingHeader | undefined;
  let problem: RecordingError | undefined;
  let ended = false;
  const model = new ActorModel();
  const checkpoints: Array<{ at: number; rows: ActorRow[] }> = [{ at: -1, rows: [] }];
  const byKey = new Map<string, number[]>();
  const typesByKey = new Map<string, string[]>();
  const policyFrames: number[] = [];
  const every = options.checkpointEvery ?? 2000;

  const onLine = (text: string, lineNo: number, offset: number, cutOff: boolean): boolean => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!header) throw new RecordingError('bad-header', `${path}: line 1 is not a recording header (${describeError(error)}); is this a file from continuum simulate --record?`, { line: 1, path });
      problem = cutOff
        ? new RecordingError('truncated', `${path}: line ${lineNo} is cut off (the run stopped while writing it); replaying the ${count} frames before it`, { line: lineNo, path })
        : new RecordingError('malformed-line', `${path}: line ${lineNo} is not a frame (${describeError(error)}); replaying the ${count} frames before it`, { line: lineNo, path });
      return false;
    }
    if (!header) {
      const h = value as Partial<RecordingHeader>;
      if (h?.format !== RECORDING_FORMAT) throw new RecordingError('bad-header', `${path}: line 1 is not a ${RECORDING_FORMAT} header; is this a file from continuum simulate --record?`, { line: 1, path });
      if (typeof h.version !== 'number' || !READABLE_VERSIONS.includes(h.version)) throw new RecordingError('unsupported-version', `${path}: recording format version ${String(h.version)}; this version of continuum reads versions ${READABLE_VERSIONS.join(' and ')} (upgrade continuum-substrate to replay it)`, { line: 1, path });
      header = h as RecordingHeader;
      return true;
    }
    if ((value as { k?: unknown })?.k === 'end') {
      ended = true;
      return false;
    }
    if (!isFrame(value)) {
      problem = new RecordingError('malformed-line', `${path}: line ${lineNo} is not a frame (no known "k" and numeric "t"); replaying the ${count} frames before it`, { line: lineNo, path });
      return false;
    }
    if (count === offsets.length) {
      offsets = grow(offsets);
      times = grow(times);
    }
    offsets[count] = offset;
    times[count] = value.t;
    if (value.k === 'substrate' && value.record.type === 'policy') policyFrames.push(count);
    const key = value.k === 'buffer' ? value.key : value.k === 'substrate' && 'key' in value.record ? value.record.key : undefined;
    if (key !== undefined) {
      let list = byKey.get(key);
      if (!list) {
        byKey.set(key, (list = []));
        typesByKey.set(key, []);
      }
      list.push(count);
      typesByKey.get(key)!.push(value.k === 'buffer' ? 'buffer' : (value as SubstrateFrame).record.type);
    }
    model.apply(value);
    count++;
    if (count % every === 0) checkpoints.push({ at: count - 1, rows: model.copyRows() });
    return true;
  };

  try {
    scanLines(fd, size, onLine);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (!header) {
    closeSync(fd);
    throw new RecordingError('bad-header', `${path} is empty; record one with continuum simulate --record`, { line: 1, path });
  }
  if (!problem && !ended) problem = new RecordingError('truncated', `${path} ends without its end line after ${count} frames (the run was cut off); replaying those`, { line: count + 2, path });
  const readHeader = header;

  const index: RecordingIndex = {
    path, header: readHeader, count, problem, policyFrames,
    time: (i) => times[Math.max(0, Math.min(count - 1, i))] ?? 0,
    indexAt(t) {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    frames(from, to) {
      const a = Math.max(0, from);
      const b = Math.min(count, to);
      if (b <= a) return [];
      const start = offsets[a]!;
      const end = b < count ? offsets[b]! : endOfFrame(fd, offsets[b - 1]!, size);
      const buf = Buffer.alloc(end - start);
      readSync(fd, buf, 0, buf.length, start);
      return buf.toString('utf8').split('\n').filter((l) => l.length > 0).slice(0, b - a).map((l) => JSON.parse(l) as Frame);
    },
    actorsAt(i) {
      let lo = 0;
      for (let c = checkpoints.length - 1; c >= 0; c--) if (checkpoints[c]!.at <= i) { lo = c; break; }
      const cp = checkpoints[lo]!;
      const m = new ActorModel();
      m.restore(cp.rows);
      for (const f of index.frames(cp.at + 1, i + 1)) m.apply(f);
      return m.copyRows();
    },
    framesOfKey: (key) => byKey.get(key) ?? [],
    typesOfKey: (key) => typesByKey.get(key) ?? [],
    close: () => closeSync(fd),
  };
  return index;
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** The byte after the newline that ends the line starting at `offset`. */
function endOfFrame(fd: number, offset: number, size: number): number {
  const buf = Buffer.alloc(Math.min(CHUNK, size - offset));
  for (let pos = offset; pos < size; pos += buf.length) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) return pos + nl + 1;
  }
  return size;
}

/** Calls `onLine(text, lineNo, byteOffset, cutOff)` for each line until it returns false; `cutOff` marks a last line with no newline. */
function scanLines(fd: number, size: number, onLine: (text: string, lineNo: number, offset: number, cutOff: boolean) => boolean): void {
  const buf = Buffer.alloc(CHUNK);
  let carry = Buffer.alloc(0);
  let carryAt = 0;
  let lineNo = 0;
  for (let pos = 0; pos < size; ) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK, size - pos), pos);
    if (n <= 0) break;
    const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    const dataAt = carry.length ? carryAt : pos;
    pos += n;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
      lineNo++;
      if (!onLine(data.toString('utf8', start, nl), lineNo, dataAt + start, false)) return;
      start = nl + 1;
    }
    carry = Buffer.from(data.subarray(start));
    carryAt = dataAt + start;
  }
  if (carry.length > 0) onLine(carry.toString('utf8'), lineNo + 1, carryAt, true);
}
