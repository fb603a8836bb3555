// The Engram record (one remembered item of one persona) and the checks every store applies before writing one.
import type { ChannelId, EngramId, PersonaId } from '../runtime/ids.js';
import { MemoryError } from './errors.js';
import { isUnitOrZero } from './vector.js';

/** A task domain (`code`, `writing`, `conversational`, …): free text, matched to genome adapters by algorithm 6. */
export type TaskDomain = string;

/** Which region (or tool) appended an engram, e.g. `hippocampus`; §1.4: "each region tags its appends". */
export type EngramSource = string;

/**
 * One remembered item. Times are milliseconds on the store's clock. `salience` is derived from its salience
 * evidence (see `salience.ts`) and is always in [0, 1]. The store owns the record: treat it as read-only and
 * copy what you keep (a durable store returns fresh copies; the in-memory one returns its live records).
 */
export interface Engram {
  readonly id: EngramId;
  readonly personaId: PersonaId;
  readonly channelId: ChannelId;
  readonly taskDomain: TaskDomain;
  readonly text: string;
  /** Fixed dimension (the store's), L2-normalized, or all zeros for text with no features. */
  readonly embedding: Float32Array;
  readonly createdAt: number;
  /** Last time it was appended or recalled (rehearsed). May be in the future; algorithm 4 then counts age 0. */
  readonly lastTouched: number;
  /** Times it was rehearsed (recalled and used). */
  readonly accessCount: number;
  /** In [0, 1]: importance plus weighted salience evidence (algorithm 4's salience sources). */
  readonly salience: number;
  /** The region that appended it. */
  readonly source: EngramSource;
}

/** What `EngramStore.append` takes. Omitted fields get the documented defaults. */
export interface EngramInput {
  /** @default `<personaId>/<n>` with n the store's append counter */
  id?: EngramId;
  personaId: PersonaId;
  channelId: ChannelId;
  taskDomain: TaskDomain;
  text: string;
  embedding: Float32Array;
  /** @default the store clock's `now()` */
  createdAt?: number;
  /**
   * The persona's own importance tag, the salience before any evidence, in [0, 1].
   * @default DEFAULT_IMPORTANCE (0.5)
   */
  salience?: number;
  source: EngramSource;
}

/** The importance an engram starts with when the appender gives none: neutral. */
export const DEFAULT_IMPORTANCE = 0.5;

/** Throws `invalid-salience` unless `value` is a finite number in [0, 1]. */
export function checkSalience(value: unknown, what = 'salience'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new MemoryError('invalid-salience', `${what} must be a finite number in [0, 1], got ${String(value)}`, { value });
  }
  return value;
}

/** Throws `invalid-embedding` unless `value` is a Float32Array of `dimension` finite entries, unit length or zero. */
export function checkEmbedding(value: unknown, dimension: number, what = 'embedding'): Float32Array {
  if (!(value instanceof Float32Array)) {
    throw new MemoryError('invalid-embedding', `${what} must be a Float32Array (use an Embedder's embed(text))`, { what });
  }
  if (value.length !== dimension) {
    throw new MemoryError('invalid-embedding', `${what} has dimension ${value.length}; this store's dimension is ${dimension} (embed with the same embedder)`, {
      what,
      got: value.length,
      expected: dimension,
    });
  }
  for (let i = 0; i < value.length; i++) {
    if (!Number.isFinite(value[i]!)) throw new MemoryError('invalid-embedding', `${what}[${i}] is ${value[i]}; entries must be finite`, { what, index: i });
  }
  if (!isUnitOrZero(value)) {
    throw new MemoryError('invalid-embedding', `${what} is not L2-normalized (normalize it with l2NormalizeInPlace)`, { what });
  }
  return value;
}

/** Throws `invalid-text` unless `value` is a non-empty string. */
export function checkText(value: unknown, what = 'text'): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MemoryError('invalid-text', `${what} must be a non-empty string`, { what });
  }
  return value;
}

/** Throws `invalid-option` unless `value` is a finite number (a time in ms). */
export function checkTime(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MemoryError('invalid-option', `${what} must be a finite number of milliseconds, got ${String(value)}`, { what, value });
  }
  return value;
}
