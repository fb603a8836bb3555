// Streams a recording to disk: the header line, then each frame as one JSON line through a fixed-size buffer
// written synchronously (bounded memory at any run length, and the frames on disk keep the run's order), then the
// end line. A run cut off before `close` leaves a recording that replays up to its last whole line.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { describeError, describeValue, safeJson } from '../runtime/describe.js';
import { RECORDING_FORMAT, RECORDING_VERSION, type Frame, type RecordingHeader } from './frames.js';
import { RecordingError } from './recording-error.js';

/** Bytes buffered before a write. */
export const WRITE_BUFFER_BYTES = 1 << 18;

export interface RecordingWriter {
  write(frame: Frame): void;
  /** Writes the end line and closes the file. Idempotent. */
  close(t: number): void;
  /** Writes what is buffered and closes the file without the end line (the run failed: it replays as cut off). */
  abort(): void;
  readonly path: string;
  readonly frames: number;
}

/**
 * Creates (or replaces) `path` and writes the header.
 *
 * @throws RecordingError (`write-failed`) when the file cannot be created or written.
 * @example
 * const writer = createRecordingWriter('run.inspect.jsonl', { scenario: 'default', seed: 42, durationMs: 3_600_000, regions: [] });
 * hub.addSink((frame) => writer.write(frame));
 */
export function createRecordingWriter(path: string, header: Omit<RecordingHeader, 'format' | 'version'>): RecordingWriter {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new RecordingError('write-failed', `cannot create the recording ${path}: ${describeError(error)}; choose a writable path for --record`, { path });
  }
  let chunk = '';
  let frames = 0;
  let closed = false;
  const flush = (): void => {
    if (chunk.length === 0) return;
    try {
      writeSync(fd, chunk);
    } catch (error) {
      throw new RecordingError('write-failed', `writing the recording ${path} failed: ${describeError(error)}`, { path });
    }
    chunk = '';
  };
  const line = (value: unknown): void => {
    chunk += (safeJson(value) ?? JSON.stringify({ k: 'unserializable', value: describeValue(value) })) + '\n';
    if (chunk.length >= WRITE_BUFFER_BYTES) flush();
  };
  line({ format: RECORDING_FORMAT, version: RECORDING_VERSION, ...header } satisfies RecordingHeader);
  return {
    path,
    get frames() {
      return frames;
    },
    write(frame) {
      if (closed) return;
      frames++;
      line(frame);
    },
    abort() {
      if (closed) return;
      closed = true;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
    close(t) {
      if (closed) return;
      closed = true;
      line({ k: 'end', t, frames });
      try {
        flush();
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
