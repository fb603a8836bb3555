// The file-backed tier store (cold, frozen): one content-addressed file per page version under a folder, written
// atomically (temp file, fsync, rename), verified on read; a missing or corrupt file is `backing-store-io`.
import { mkdir, open, readdir, readFile, rename, unlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../runtime/describe.js';
import { ValidationError } from '../../runtime/errors.js';
import { IndexedTierStore, type ByteBackend, type TierStoreOptions } from './indexed-store.js';
import { decodeHeader, decodePageFile, encodePageFile, MAX_HEADER_BYTES, PAGE_FILE_SUFFIX, TEMP_FILE_PREFIX } from './file-format.js';
import type { StoredPage } from './store.js';
import { TierError } from './tier-error.js';

export interface FileTierStoreOptions extends TierStoreOptions {
  /** The folder holding the tier's files (created if missing). One store per folder. */
  folder: string;
  /** fsync each file (and the folder) before a write resolves. @default true */
  fsync?: boolean;
}

/** What `openFileTierStore` found in the folder. */
export interface FileStoreOpenReport {
  /** Page files indexed. */
  pages: number;
  /** Leftover temp files of interrupted writes, deleted. */
  removedTempFiles: number;
  /** Files whose header is unreadable: left in place, not indexed. */
  corrupt: Array<{ file: string; reason: string }>;
}

const versionId = (meta: StoredPage): string => `${meta.version}\u0000${meta.key}`;
const code = (e: unknown): string | undefined => (e as { code?: unknown } | null)?.code as string | undefined;
let tempCounter = 0;

class FileBackend implements ByteBackend {
  readonly names = new Map<string, string>();
  constructor(
    readonly folder: string,
    readonly fsync: boolean,
  ) {}

  async load(meta: StoredPage): Promise<Uint8Array> {
    const name = this.#name(meta);
    let content: Buffer;
    try {
      content = await readFile(join(this.folder, name));
    } catch (e) {
      throw TierError.backingStoreIo(code(e) === 'ENOENT' ? `page file ${name} is missing from ${this.folder}` : `cannot read page file ${name}: ${describeError(e)}`);
    }
    const decoded = decodePageFile(name, content);
    if (typeof decoded === 'string') throw TierError.backingStoreIo(`page file ${name} in ${this.folder} is corrupt: ${decoded}; delete it and restore the page from another tier`);
    if (decoded.meta.key !== meta.key || decoded.meta.sha256 !== meta.sha256) throw TierError.backingStoreIo(`page file ${name} holds another page than the index says`);
    const b = decoded.bytes;
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); // a plain view (not a Buffer) over the bytes just read
  }

  async save(meta: StoredPage, bytes: Uint8Array): Promise<void> {
    const { name, content } = encodePageFile(meta, bytes);
    const temp = join(this.folder, `${TEMP_FILE_PREFIX}${process.pid}-${++tempCounter}`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(content);
        if (this.fsync) await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, join(this.folder, name));
      if (this.fsync) await this.#syncFolder();
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw TierError.backingStoreIo(`cannot write page file ${name} in ${this.folder}: ${describeError(e)}`);
    }
    this.names.set(versionId(meta), name);
  }

  async discard(meta: StoredPage): Promise<void> {
    const id = versionId(meta);
    const name = this.names.get(id);
    this.names.delete(id);
    if (name !== undefined) await unlink(join(this.folder, name)).catch((e: unknown) => (code(e) === 'ENOENT' ? undefined : Promise.reject(e)));
  }

  async check(meta: StoredPage): Promise<void> {
    const name = this.#name(meta);
    try {
      await stat(join(this.folder, name));
    } catch (e) {
      throw TierError.backingStoreIo(code(e) === 'ENOENT' ? `page file ${name} is missing from ${this.folder}` : `cannot stat page file ${name}: ${describeError(e)}`);
    }
  }

  #name(meta: StoredPage): string {
    const name = this.names.get(versionId(meta));
    if (name === undefined) throw TierError.backingStoreIo(`no file is known for ${meta.key} version ${meta.version}`);
    return name;
  }

  async #syncFolder(): Promise<void> {
    const dir = await open(this.folder, 'r');
    try {
      await dir.sync();
    } catch {
      // some filesystems refuse fsync on a directory; the rename is still atomic
    } finally {
      await dir.close();
    }
  }
}

/** A tier store on files. Build it with `openFileTierStore`, which indexes what the folder already holds. */
export class FileTierStore extends IndexedTierStore {
  readonly folder: string;
  readonly #backend: FileBackend;
  #report: FileStoreOpenReport = { pages: 0, removedTempFiles: 0, corrupt: [] };

  constructor(options: FileTierStoreOptions) {
    if (typeof options?.folder !== 'string' || options.folder.length === 0) throw new ValidationError('file tier store: folder must be a non-empty path');
    const backend = new FileBackend(options.folder, options.fsync ?? true);
    super(options, backend);
    this.folder = options.folder;
    this.#backend = backend;
  }

  /** What opening the folder found. */
  get openReport(): FileStoreOpenReport {
    return this.#report;
  }

  /** Indexes the folder: deletes temp files of interrupted writes, adopts every page file with a valid header. */
  async load(): Promise<this> {
    try {
      await mkdir(this.folder, { recursive: true });
    } catch (e) {
      throw TierError.backingStoreIo(`cannot create the tier folder ${this.folder}: ${describeError(e)}`);
    }
    const report: FileStoreOpenReport = { pages: 0, removedTempFiles: 0, corrupt: [] };
    const names = (await readdir(this.folder)).sort();
    for (const file of names) {
      if (file.startsWith(TEMP_FILE_PREFIX)) {
        await unlink(join(this.folder, file)).then(() => report.removedTempFiles++, () => undefined);
        continue;
      }
      if (!file.endsWith(PAGE_FILE_SUFFIX)) continue;
      const header = await readHeaderLine(join(this.folder, file));
      const meta = typeof header === 'string' ? header : decodeHeader(header);
      if (typeof meta === 'string') {
        report.corrupt.push({ file, reason: meta });
        continue;
      }
      this.#backend.names.set(versionId(meta), file);
      this.adopt(meta);
      report.pages++;
    }
    await this.dropSupersededOnOpen();
    this.#report = report;
    return this;
  }
}

async function readHeaderLine(path: string): Promise<Buffer | string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    return `cannot open: ${describeError(e)}`;
  }
  try {
    const buf = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, MAX_HEADER_BYTES, 0);
    const end = buf.subarray(0, bytesRead).indexOf(0x0a);
    return end < 0 ? 'no header line in the first 64 KiB' : buf.subarray(0, end);
  } catch (e) {
    return `cannot read: ${describeError(e)}`;
  } finally {
    await handle.close();
  }
}

/**
 * Opens (creating if needed) a file-backed tier in `folder` and indexes the pages already there.
 *
 * @example
 * const cold = await openFileTierStore({ role: 'cold', folder: 'genome/cold', limitBytes: 64 * 2 ** 30 });
 * cold.openReport; // { pages, removedTempFiles, corrupt }
 */
export const openFileTierStore = (options: FileTierStoreOptions): Promise<FileTierStore> => new FileTierStore(options).load();
