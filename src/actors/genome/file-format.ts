// The file-backed store's on-disk format: one self-describing file per stored page version, named by the SHA-256
// of its whole content — a header line (JSON) then the page's bytes.
import { sha256Hex, parseProvenance } from './blob.js';
import { pageKey, parsePageRef } from './page.js';
import type { StoredPage } from './store.js';
import { describeError } from '../../runtime/describe.js';

export const PAGE_FILE_FORMAT = 'continuum-genome-page/1';
export const PAGE_FILE_SUFFIX = '.page';
export const TEMP_FILE_PREFIX = '.tmp-';
/** Longest header a reader accepts (headers are a few hundred bytes). */
export const MAX_HEADER_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/** The file's content for a version: header line + bytes, and the name that addresses it. */
export function encodePageFile(meta: StoredPage, bytes: Uint8Array): { name: string; content: Buffer } {
  const header = JSON.stringify({
    format: PAGE_FILE_FORMAT,
    key: meta.key,
    page: meta.page,
    sizeBytes: meta.sizeBytes,
    sha256: meta.sha256,
    provenance: meta.provenance,
    version: meta.version,
  });
  const content = Buffer.concat([Buffer.from(`${header}\n`, 'utf8'), bytes]);
  return { name: `${sha256Hex(content)}${PAGE_FILE_SUFFIX}`, content };
}

/** Parses a header line; returns the version's metadata or why it is not a valid header. */
export function decodeHeader(line: Buffer): StoredPage | string {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return `header is not JSON (${describeError(e)})`;
  }
  if (typeof raw !== 'object' || raw === null || raw.format !== PAGE_FILE_FORMAT) return `header format is not ${PAGE_FILE_FORMAT}`;
  try {
    const page = parsePageRef(raw.page, 'header.page');
    const key = pageKey(page);
    if (raw.key !== key) return 'header key does not match its page';
    if (!Number.isSafeInteger(raw.sizeBytes) || (raw.sizeBytes as number) < 1) return 'header sizeBytes is not a whole number ≥ 1';
    if (typeof raw.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(raw.sha256)) return 'header sha256 is not 64 hex digits';
    if (!Number.isSafeInteger(raw.version) || (raw.version as number) < 1) return 'header version is not a whole number ≥ 1';
    const provenance = parseProvenance(raw.provenance, 'header.provenance');
    return Object.freeze({ key, page, sizeBytes: raw.sizeBytes as number, sha256: raw.sha256, provenance, version: raw.version as number });
  } catch (e) {
    return describeError(e);
  }
}

/** Splits a whole file into its verified metadata and bytes, or says why it is corrupt. */
export function decodePageFile(name: string, content: Buffer): { meta: StoredPage; bytes: Uint8Array } | string {
  if (`${sha256Hex(content)}${PAGE_FILE_SUFFIX}` !== name) return 'its content does not match its name (SHA-256)';
  const end = content.indexOf(NEWLINE);
  if (end < 0) return 'it has no header line';
  const meta = decodeHeader(content.subarray(0, end));
  if (typeof meta === 'string') return meta;
  const bytes = content.subarray(end + 1);
  if (bytes.length !== meta.sizeBytes) return `it holds ${bytes.length} bytes, its header says ${meta.sizeBytes}`;
  if (sha256Hex(bytes) !== meta.sha256) return 'its bytes do not match the SHA-256 in its header';
  return { meta, bytes };
}
