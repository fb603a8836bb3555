// HandleRef: a typed reference to a resource a module owns, minted in a response and passed back in later requests.
import type { Clock } from './clock.js';
import { EnvelopeError, type EnvelopeResult } from './envelope-error.js';
import type { Random } from './random.js';
import { s, type Infer } from './schema.js';

/**
 * A resource reference: which module owns it (`owner`), its id (a v4 uuid when minted), what kind of resource it
 * is (`typeTag`) and when it was minted (`createdAtMs`, clock ms, 0 when unknown). camelCase on our wire (the
 * original used `type_tag` / `created_at_ms`).
 */
export interface HandleRef {
  readonly owner: string;
  readonly id: string;
  readonly typeTag: string;
  readonly createdAtMs: number;
}

/**
 * The wire shape of a handle: four fields, no others (a snake_case `type_tag` is reported as not accepted).
 * `id` is any non-empty string, so ids from `handleWithId` that are not uuids pass.
 */
export const handleRefSchema = s.object({
  owner: s.string({ minLength: 1 }),
  id: s.string({ minLength: 1 }),
  typeTag: s.string({ minLength: 1 }),
  createdAtMs: s.integer({ min: 0 }),
});
// Keeps the schema and the interface in step: a compile error here means they drifted.
const _sameShape: Infer<typeof handleRefSchema> extends HandleRef ? true : never = true;
void _sameShape;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A canonical lowercase v4 uuid string drawn from `random` (4 × 32 bits, version and variant bits set). */
export function uuidV4(random: Random): string {
  const b = new Uint8Array(16);
  for (let w = 0; w < 4; w++) {
    const x = Math.floor(random.next() * 4294967296) >>> 0;
    b[w * 4] = x >>> 24;
    b[w * 4 + 1] = (x >>> 16) & 0xff;
    b[w * 4 + 2] = (x >>> 8) & 0xff;
    b[w * 4 + 3] = x & 0xff;
  }
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = (i: number): string => HEX[b[i]!]!;
  return (
    h(0) + h(1) + h(2) + h(3) + '-' + h(4) + h(5) + '-' + h(6) + h(7) + '-' + h(8) + h(9) + '-' +
    h(10) + h(11) + h(12) + h(13) + h(14) + h(15)
  );
}

/** Clock ms as a handle timestamp: whole ms, 0 for a reading before the epoch (or not finite). */
const stamp = (ms: number): number => (Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0);

/**
 * Mints a fresh handle with a v4 uuid id from the injected seeded `random`, stamped with `clock.now()`.
 *
 * @example
 * const h = mintHandle('memory', 'recall-session', { clock, random: createRandom(7) });
 * // { owner: 'memory', id: '…-4…-…', typeTag: 'recall-session', createdAtMs: clock.now() }
 */
export function mintHandle(owner: string, typeTag: string, deps: { clock: Clock; random: Random }): HandleRef {
  return { owner, id: uuidV4(deps.random), typeTag, createdAtMs: stamp(deps.clock.now()) };
}

/**
 * A handle for an id you already have (e.g. a resource created before handles existed).
 * @param createdAtMs clock ms; @default 0
 */
export function handleWithId(owner: string, id: string, typeTag: string, createdAtMs = 0): HandleRef {
  return { owner, id, typeTag, createdAtMs: stamp(createdAtMs) };
}

/**
 * Checks that `handle` belongs to `owner` and names a `typeTag` resource — owner first, then tag.
 * The error (kind `handle-mismatch`) quotes both values, e.g. `handle owner mismatch — got owner="code", expected "memory"`.
 *
 * @example
 * const r = expectOwnedBy(request.handle, 'memory', 'recall-session');
 * if (!r.ok) return err(r.error);
 */
export function expectOwnedBy(handle: HandleRef, owner: string, typeTag: string): EnvelopeResult<HandleRef> {
  const q = JSON.stringify;
  if (handle.owner !== owner) {
    const message =
      `handle owner mismatch — got owner=${q(handle.owner)}, expected ${q(owner)}. ` +
      `This handle was minted by another module; pass a handle returned by a ${q(owner)} command.`;
    return { ok: false, error: new EnvelopeError('handle-mismatch', '', message) };
  }
  if (handle.typeTag !== typeTag) {
    const message =
      `handle type mismatch — got typeTag=${q(handle.typeTag)}, expected ${q(typeTag)}. ` +
      `The handle names another kind of resource of ${q(owner)}; pass the handle of a ${q(typeTag)}.`;
    return { ok: false, error: new EnvelopeError('handle-mismatch', '', message) };
  }
  return { ok: true, value: handle };
}

/** True when two handles name the same resource (owner, id and type; the mint time is ignored). */
export const sameHandle = (a: HandleRef, b: HandleRef): boolean => a.owner === b.owner && a.id === b.id && a.typeTag === b.typeTag;
