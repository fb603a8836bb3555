// Where an audit chain's lines go: a file (one write per line, fsync, rolled back on failure) or memory (for a
// simulated run, written out with the other outputs at the end).
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeError } from '../../runtime/describe.js';
import { AuditError } from './audit-error.js';

/** The storage under an `AuditChain`. Appends are never concurrent (the chain serializes them). */
export interface AuditSink {
  /**
   * Appends one complete line in a single write. On failure it rejects and leaves the sink as it was before the
   * call (a partial write is rolled back).
   */
  append(line: Uint8Array): Promise<void>;
  /** Everything written so far (`undefined` when nothing exists yet, e.g. a file not yet created). */
  read(): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
  /** A name for messages (the file path, or `memory`). */
  readonly name: string;
}

/** The parts of a Node `FileHandle` a file sink uses (tests pass a failing one). */
export type AuditFileHandle = Pick<FileHandle, 'write' | 'truncate' | 'datasync' | 'close'>;

export interface FileSinkOptions {
  /** fdatasync after each line, so an acknowledged append survives power loss. @default true */
  fsync?: boolean;
  /** The file's current length in bytes (verified by the caller); a failed append truncates back to it. @default 0 */
  size?: number;
  /** Opens the file for appending. @default fs.promises.open(path, 'a') */
  openFile?: (path: string) => Promise<AuditFileHandle>;
}

/**
 * A file sink: opens `path` for appending on the first line (creating it), writes each line with one `write`, then
 * fdatasyncs (unless `fsync: false`). A failed or short write, or a failed fsync, truncates the file back to its
 * length before the call and rejects with `append-failed`. One writer per file: two processes appending to the
 * same log would interleave their chains.
 */
export function createFileAuditSink(path: string, options: FileSinkOptions = {}): AuditSink {
  const fsync = options.fsync ?? true;
  const openFile = options.openFile ?? ((p: string) => open(p, 'a'));
  let size = options.size ?? 0;
  let handle: AuditFileHandle | undefined;
  let dirSynced = !fsync || size > 0;
  const failed = (what: string, cause: unknown, rollback: string): AuditError =>
    new AuditError('append-failed', `audit append to ${path} failed (${what}: ${describeError(cause)})${rollback}; the entry was not recorded — retry`, { path }, cause);
  return {
    name: path,
    async append(line) {
      try {
        handle ??= await openFile(path);
      } catch (error) {
        throw failed('open', error, '');
      }
      const h = handle;
      try {
        const { bytesWritten } = await h.write(line, 0, line.length, null);
        if (bytesWritten !== line.length) throw new Error(`short write: ${bytesWritten} of ${line.length} bytes`);
        if (fsync) await h.datasync();
      } catch (error) {
        let rollback = '';
        try {
          await h.truncate(size);
        } catch (truncateError) {
          rollback = `; rolling back also failed (${describeError(truncateError)}): the file may end in a cut-off line — run \`continuum audit repair\``;
        }
        throw failed('write', error, rollback);
      }
      size += line.length;
      if (!dirSynced) {
        dirSynced = true;
        await syncDirectory(dirname(path));
      }
    },
    async read() {
      try {
        return await readFile(path);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw new AuditError('unreadable', `cannot read audit log ${path}: ${describeError(error)}`, { path }, error);
      }
    },
    async close() {
      const h = handle;
      handle = undefined;
      await h?.close();
    },
  };
}

/** Makes a new file's directory entry durable (best effort: not every platform can fsync a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // a directory that cannot be opened or synced (Windows, some file systems): the data itself is synced
  }
}

/** A memory sink: what would be the file, as bytes. `text()` is the log so far. */
export interface MemoryAuditSink extends AuditSink {
  bytes(): Buffer;
  text(): string;
}

/** A sink in memory (appends never fail). Use it where the log is written out later, e.g. a simulated run. */
export function createMemoryAuditSink(): MemoryAuditSink {
  const chunks: Buffer[] = [];
  let joined: Buffer | undefined;
  const bytes = (): Buffer => (joined ??= Buffer.concat(chunks));
  return {
    name: 'memory',
    append(line) {
      chunks.push(Buffer.from(line));
      joined = undefined;
      return Promise.resolve();
    },
    read: () => Promise.resolve(chunks.length === 0 ? undefined : bytes()),
    close: () => Promise.resolve(),
    bytes,
    text: () => bytes().toString('utf8'),
  };
}
