// Page references (ORIGINAL-SPEC §5.2): what a page is (kind, artifact, offset), its one stable key encoding,
// its validation, and the handle a page-in returns.
import { ValidationError } from '../../runtime/errors.js';
import { artifactId as toArtifactId, type ArtifactId } from '../../runtime/ids.js';
import { describeError, describeValue } from '../../runtime/describe.js';
import type { TierRole } from './tier.js';

/** What a page holds. Kebab-case (the original's serde accident `loRALayer` is not copied). */
export const PAGE_KINDS = ['lora-layer', 'moe-expert', 'kv-cache', 'engram'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Which part of the artifact a page is: all of it, one expert, or a byte range `[startByte, endByte)`. */
export type PageOffset =
  | { readonly kind: 'whole' }
  | { readonly kind: 'expert'; readonly expertIndex: number }
  | { readonly kind: 'range'; readonly startByte: number; readonly endByte: number };

/** One pageable unit. Compare and key pages with `pageKey`, never by object identity. */
export interface PageRef {
  readonly kind: PageKind;
  readonly artifact: ArtifactId;
  readonly offset: PageOffset;
}

/** What `pageIn` hands back: where the page is now and how big it is. */
export interface PageHandle {
  readonly page: PageRef;
  readonly tierRole: TierRole;
  readonly sizeBytes: number;
}

const U32_MAX = 0xffff_ffff;

/**
 * The one key of a page: its compact JSON in field order — `{"kind":…,"artifact":…,"offset":{…}}` with the
 * offset's fields in declaration order (`expertIndex`; `startByte`, `endByte`). Built field by field, so the
 * caller's property order never changes it. Working sets, tiers and files all use this key.
 *
 * @example
 * pageKey({ kind: 'lora-layer', artifact: artifactId('a1'), offset: { kind: 'whole' } });
 * // '{"kind":"lora-layer","artifact":"a1","offset":{"kind":"whole"}}'
 */
export function pageKey(page: PageRef): string {
  // Frozen refs (everything parsePageRef and page() return) cannot change, so their key is computed once.
  const cached = KEYS.get(page);
  if (cached !== undefined) return cached;
  const key = buildKey(page);
  if (Object.isFrozen(page) && Object.isFrozen(page.offset)) KEYS.set(page, key);
  return key;
}

const KEYS = new WeakMap<PageRef, string>();

function buildKey(page: PageRef): string {
  const o = page.offset;
  let offset: string;
  switch (o.kind) {
    case 'whole':
      offset = '{"kind":"whole"}';
      break;
    case 'expert':
      offset = `{"kind":"expert","expertIndex":${o.expertIndex}}`;
      break;
    case 'range':
      offset = `{"kind":"range","startByte":${o.startByte},"endByte":${o.endByte}}`;
      break;
  }
  return `{"kind":${JSON.stringify(page.kind)},"artifact":${JSON.stringify(page.artifact)},"offset":${offset}}`;
}

const isWholeNumber = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max;

/**
 * Validates a page reference from outside and returns a clean copy (only the known fields, frozen).
 * Rules: `kind` is a `PAGE_KINDS` member; `artifact` an artifact id (no whitespace); `expertIndex` a whole
 * number up to 2³²−1; a range has whole-number bounds with `startByte < endByte`.
 *
 * @throws {ValidationError} naming the field and the rule.
 */
export function parsePageRef(value: unknown, where = 'page'): PageRef {
  const v = value as { kind?: unknown; artifact?: unknown; offset?: unknown } | null;
  if (typeof v !== 'object' || v === null) throw new ValidationError(`${where} must be an object { kind, artifact, offset }, got ${describeValue(value)}`);
  if (!(PAGE_KINDS as readonly unknown[]).includes(v.kind)) {
    throw new ValidationError(`${where}.kind must be one of ${PAGE_KINDS.join(', ')}, got ${describeValue(v.kind)}`);
  }
  let artifact: ArtifactId;
  try {
    artifact = toArtifactId(v.artifact as string);
  } catch (e) {
    throw new ValidationError(`${where}.artifact: ${describeError(e)}`);
  }
  const o = v.offset as { kind?: unknown; expertIndex?: unknown; startByte?: unknown; endByte?: unknown } | null;
  let offset: PageOffset;
  if (typeof o !== 'object' || o === null) throw new ValidationError(`${where}.offset must be { kind: "whole" | "expert" | "range", … }, got ${describeValue(o)}`);
  switch (o.kind) {
    case 'whole':
      offset = Object.freeze({ kind: 'whole' });
      break;
    case 'expert':
      if (!isWholeNumber(o.expertIndex, U32_MAX)) throw new ValidationError(`${where}.offset.expertIndex must be a whole number from 0 to ${U32_MAX}, got ${describeValue(o.expertIndex)}`);
      offset = Object.freeze({ kind: 'expert', expertIndex: o.expertIndex });
      break;
    case 'range':
      if (!isWholeNumber(o.startByte) || !isWholeNumber(o.endByte) || o.startByte >= o.endByte) {
        throw new ValidationError(
          `${where}.offset: a range needs whole-number startByte < endByte, got ${describeValue(o.startByte)}..${describeValue(o.endByte)}`,
        );
      }
      offset = Object.freeze({ kind: 'range', startByte: o.startByte, endByte: o.endByte });
      break;
    default:
      throw new ValidationError(`${where}.offset.kind must be "whole", "expert" or "range", got ${describeValue(o.kind)}`);
  }
  return Object.freeze({ kind: v.kind as PageKind, artifact, offset });
}

/**
 * Builds a page reference, validated.
 *
 * @example
 * page('lora-layer', 'adapter-code');                    // the whole adapter
 * page('moe-expert', 'mixtral', { kind: 'expert', expertIndex: 3 });
 */
export const page = (kind: PageKind, artifact: string, offset: PageOffset = { kind: 'whole' }): PageRef =>
  parsePageRef({ kind, artifact, offset });

/** Whether two refs name the same page. */
export const samePage = (a: PageRef, b: PageRef): boolean => pageKey(a) === pageKey(b);
