// The bytes side of a page: `ArtifactBlob` (what a tier stores), `Provenance` (where it came from) and
// content-addressed ids (a UUID-shaped id from the SHA-256 of the bytes).
import { createHash } from 'node:crypto';
import { ValidationError } from '../../runtime/errors.js';
import { artifactId as toArtifactId, type ArtifactId } from '../../runtime/ids.js';
import { describeValue } from '../../runtime/describe.js';

/** A page's bytes. `bytes.length` is the page's size; a page has at least one byte. */
export interface ArtifactBlob {
  readonly id: ArtifactId;
  readonly bytes: Uint8Array;
}

/**
 * Where a page came from. `origin` feeds the cold tier's policy: a `refined` page (produced by the sentinel's
 * refinement) outlives an `imported` one of equal demand.
 */
export type ProvenanceOrigin = 'imported' | 'refined';
export interface Provenance {
  readonly artifactId: ArtifactId;
  readonly createdAtMs: number;
  /** @default 'imported' */
  readonly origin?: ProvenanceOrigin;
}

/** Lowercase hex SHA-256 of the bytes. */
export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

// Internal to the genome (not exported from its index): when the tier chain moves a page it read from one tier
// into another, it vouches for the digest the source tier recorded, so the target does not hash the bytes again.
// Keyed by the blob object the chain itself got from `readBlob` and handed straight to `write`; taken once.
const VOUCHED = new WeakMap<ArtifactBlob, string>();

/** The chain vouches that `blob` (fresh from a tier's `readBlob`) has this SHA-256. */
export function vouchDigest(blob: ArtifactBlob, sha256: string): ArtifactBlob {
  VOUCHED.set(blob, sha256);
  return blob;
}

/** The blob's SHA-256: the vouched one (taken, so it is used once), else computed. */
export function takeDigest(blob: ArtifactBlob): string {
  const vouched = VOUCHED.get(blob);
  if (vouched === undefined) return sha256Hex(blob.bytes);
  VOUCHED.delete(blob);
  return vouched;
}

/**
 * A content-addressed artifact id: the first 128 bits of the bytes' SHA-256, formatted as a UUID with the
 * RFC 9562 version 8 ("custom") and variant bits set. The same bytes always give the same id.
 *
 * @example
 * artifactIdFromBytes(new TextEncoder().encode('hello')); // '2cf24dba-5fb0-830e-a6e8-3b2ac5b9e29e'
 */
export function artifactIdFromBytes(bytes: Uint8Array): ArtifactId {
  const h = createHash('sha256').update(bytes).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return toArtifactId(`${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`);
}

/** A blob whose id is given (the original's `ArtifactBlob::inline`). Throws a `ValidationError` for empty bytes. */
export function inlineBlob(id: string, bytes: Uint8Array): ArtifactBlob {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new ValidationError(`blob ${describeValue(id)}: bytes must be a non-empty Uint8Array (a page has at least one byte)`);
  }
  return Object.freeze({ id: toArtifactId(id), bytes });
}

/** A blob whose id is derived from its bytes (`artifactIdFromBytes`). */
export const contentBlob = (bytes: Uint8Array): ArtifactBlob => inlineBlob(artifactIdFromBytes(bytes), bytes);

/** The original's `Provenance::minimal(id, ts)`: an imported artifact created at `createdAtMs`. */
export const minimalProvenance = (artifactId: string, createdAtMs: number, origin: ProvenanceOrigin = 'imported'): Provenance =>
  Object.freeze({ artifactId: toArtifactId(artifactId), createdAtMs, origin });

/** Checks a provenance given from outside (required by every write). */
export function parseProvenance(value: unknown, where = 'provenance'): Provenance {
  const v = value as Partial<Provenance> | null;
  if (typeof v !== 'object' || v === null) throw new ValidationError(`${where} is required: { artifactId, createdAtMs, origin? }`);
  if (typeof v.createdAtMs !== 'number' || !Number.isFinite(v.createdAtMs)) {
    throw new ValidationError(`${where}.createdAtMs must be a finite number of milliseconds, got ${describeValue(v.createdAtMs)}`);
  }
  if (v.origin !== undefined && v.origin !== 'imported' && v.origin !== 'refined') {
    throw new ValidationError(`${where}.origin must be "imported" or "refined", got ${describeValue(v.origin)}`);
  }
  return minimalProvenance(v.artifactId as string, v.createdAtMs, v.origin ?? 'imported');
}
