// The streamed trace file: a TraceSink that appends each record to a JSON Lines file as the run goes, through one
// bounded in-memory buffer written out with a synchronous write whenever it fills (memory does not grow with the run).
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { TraceRecord, TraceSink } from './trace.js';

/** Characters buffered before they are written out (about 1 MiB). */
export const TRACE_BUFFER_CHARS = 1 << 20;

/**
 * Writes records to `path` (created; it must not exist) as JSON Lines, the same bytes `toJsonLines` gives.
 * The queue between the run and the disk is one string of at most `bufferChars` characters plus one record; a
 * full buffer is written synchronously, so the run never outpaces the disk and the output stays in record order.
 * `close()` writes the rest, fsyncs and closes (idempotent). `bytesWritten`/`records` count what it took.
 *
 * @example
 * const sink = new JsonLinesFileSink(join(staging, 'trace.jsonl'));
 * await runScenario(scenario, { traceSink: sink }); // runScenario closes it
 */
export class JsonLinesFileSink implements TraceSink {
  #fd: number | undefined;
  #pending = '';
  #bytes = 0;
  records = 0;

  constructor(
    readonly path: string,
    private readonly bufferChars = TRACE_BUFFER_CHARS,
  ) {
    this.#fd = openSync(path, 'wx');
  }

  /** Bytes handed to the file so far (the buffered rest comes on the next flush or at close). */
  get bytesWritten(): number {
    return this.#bytes;
  }

  write(record: TraceRecord): void {
    this.#pending += JSON.stringify(record) + '\n';
    this.records++;
    if (this.#pending.length >= this.bufferChars) this.flush();
  }

  /** Writes the buffered records to the file (not fsynced). */
  flush(): void {
    if (this.#fd === undefined || this.#pending.length === 0) return;
    const chunk = Buffer.from(this.#pending, 'utf8');
    this.#pending = '';
    let off = 0;
    while (off < chunk.length) off += writeSync(this.#fd, chunk, off);
    this.#bytes += chunk.length;
  }

  close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    try {
      this.flush();
      fsyncSync(fd);
    } finally {
      this.#fd = undefined;
      closeSync(fd);
    }
  }
}
