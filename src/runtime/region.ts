// What a brain region is: its definition (`defineRegion`), the context its tick receives, and its typed errors.
import { ContinuumError, ValidationError } from './errors.js';
import { regionId as toRegionId, type PersonaId, type RegionId } from './ids.js';
import type { Clock } from './clock.js';
import type { Random } from './random.js';
import type { MessageBus } from './bus.js';
import type { ReadyBuffer, ReadyBufferView } from './ready-buffer.js';
import {
  COMPUTE_CLASSES,
  MEMORY_CLASSES,
  PRESSURE_SIGNAL_KINDS,
  type PressureLevel,
  type PressureProfile,
  type RegionSignal,
  type SleepPhase,
} from './signals.js';
import type { TickOutcome } from './telemetry.js';
import { bufferBoundsProblem } from './buffer-bounds.js';

/** Where a region lives: once for the whole substrate, or once per persona. */
export type RegionScope = 'global' | 'per-persona';

/** The bound of a region's ready-buffer. `max` is mandatory: an unbounded buffer cannot be built. */
export interface RegionBufferOptions {
  /** Most entries the buffer holds; the least recently used is evicted past it. */
  max: number;
  /** Entries older than this read as missing. @default undefined (no expiry) */
  ttlMs?: number;
}

/**
 * What a tick body receives. The object is reused between ticks of the same region instance:
 * read what you need during the tick, do not keep a reference to it.
 */
export interface RegionTickContext {
  readonly regionId: RegionId;
  /** The persona this instance serves; `undefined` for a global region. */
  readonly personaId: PersonaId | undefined;
  /** 1 for the first tick of this region instance's slot, then +1 each tick (survives restarts). */
  readonly tickNumber: number;
  readonly clock: Clock;
  /** The seeded random source of the substrate (use it instead of Math.random). */
  readonly random: Random;
  /** The region's own ready-buffer: publish pre-staged results here. */
  readonly buffer: ReadyBuffer<string, unknown>;
  /** Read-only view of another region's buffer for the same persona (global regions: the global instance). */
  peer(regionId: string): ReadyBufferView<string, unknown> | undefined;
  readonly bus: MessageBus;
  /** Buffer reads that hit since the previous tick (what handlers consumed). */
  readonly consumedSinceLast: number;
  /** Buffer reads that missed since the previous tick. */
  readonly missesSinceLast: number;
  readonly phase: SleepPhase;
  readonly level: PressureLevel;
  /** Aborted when an async tick runs past its budget. Created on first access. */
  readonly signal: AbortSignal;
}

/** A tick body: returns the outcome, or a promise of one (allowed, slower; never overlaps the next tick). */
export type TickBody = (ctx: RegionTickContext) => TickOutcome | Promise<TickOutcome>;

/** The definition of a region, as given to `defineRegion`. */
export interface RegionDefinitionInput {
  id: string;
  scope: RegionScope;
  pressureProfile: PressureProfile;
  buffer: RegionBufferOptions;
  /** The tick body in the active and idle phases. */
  tick: TickBody;
  /** The tick body in the sleep phase; without it the region does not tick while the substrate sleeps. */
  sleepWork?: TickBody;
  /** The tick body at critical pressure; without it the region does not tick at critical pressure. */
  pressureWork?: TickBody;
  /** Receives lifecycle, sleep and pressure signals. @default a no-op */
  onSignal?: (signal: RegionSignal, ctx: RegionTickContext) => void | Promise<void>;
  /** Longest an async tick may run before it is cancelled and counted as an overrun. @default 5000 */
  tickBudgetMs?: number;
  /** Free-form description shown by `continuum visualize` and the report. */
  description?: string;
}

/** A validated region definition. */
export interface RegionDefinition extends Omit<RegionDefinitionInput, 'id' | 'tickBudgetMs'> {
  readonly id: RegionId;
  readonly tickBudgetMs: number;
}

/** The original's tick timeout (REGION_TICK_TIMEOUT = 5 s). */
export const DEFAULT_TICK_BUDGET_MS = 5000;

/**
 * Validates and freezes a region definition. Bounds are mandatory: `buffer.max` must be a positive integer.
 *
 * @example
 * const heartbeat = defineRegion({
 *   id: 'heartbeat', scope: 'global',
 *   pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
 *   buffer: { max: 1 },
 *   tick: (ctx) => { ctx.buffer.publish('beat', ctx.tickNumber, ctx.tickNumber); return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'hold' }; },
 * });
 */
export function defineRegion(input: RegionDefinitionInput): RegionDefinition {
  const id = toRegionId(input.id);
  const where = `region "${id}"`;
  if (input.scope !== 'global' && input.scope !== 'per-persona') {
    throw new ValidationError(`${where}: scope must be "global" or "per-persona", got ${JSON.stringify(input.scope)}`);
  }
  const p = input.pressureProfile;
  if (!p || !(MEMORY_CLASSES as readonly string[]).includes(p.memoryClass)) {
    throw new ValidationError(`${where}: pressureProfile.memoryClass must be one of ${MEMORY_CLASSES.join(', ')}`);
  }
  if (!(COMPUTE_CLASSES as readonly string[]).includes(p.computeClass)) {
    throw new ValidationError(`${where}: pressureProfile.computeClass must be one of ${COMPUTE_CLASSES.join(', ')}`);
  }
  for (const kind of p.respondsTo ?? []) {
    if (!(PRESSURE_SIGNAL_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationError(`${where}: pressureProfile.respondsTo has unknown kind ${JSON.stringify(kind)}; expected ${PRESSURE_SIGNAL_KINDS.join(', ')}`);
    }
  }
  if (!input.buffer || typeof input.buffer !== 'object') {
    throw new ValidationError(`${where}: buffer must be an object with "max" (an unbounded ready-buffer cannot be built)`);
  }
  const bounds = bufferBoundsProblem(input.buffer.max, input.buffer.ttlMs);
  if (bounds) throw new ValidationError(`${where}: buffer.${bounds.field} ${bounds.rule}`, { field: `buffer.${bounds.field}` });
  for (const name of ['tick', 'sleepWork', 'pressureWork', 'onSignal'] as const) {
    const fn = input[name];
    if ((name === 'tick' || fn !== undefined) && typeof fn !== 'function') {
      throw new ValidationError(`${where}: ${name} must be a function`);
    }
  }
  const budget = input.tickBudgetMs ?? DEFAULT_TICK_BUDGET_MS;
  if (!(budget > 0)) throw new ValidationError(`${where}: tickBudgetMs must be a positive number`);
  return Object.freeze({
    ...input,
    id,
    tickBudgetMs: budget,
    pressureProfile: Object.freeze({ ...p, respondsTo: Object.freeze([...(p.respondsTo ?? [])]) }),
    buffer: Object.freeze({ ...input.buffer }),
  });
}

/** Why a region refused or failed: `signal-rejected | not-ready | invalid-outcome | internal`. */
export type RegionErrorKind = 'signal-rejected' | 'not-ready' | 'invalid-outcome' | 'internal';

const REGION_ERROR_TEXT: Record<RegionErrorKind, string> = {
  'signal-rejected': 'rejected signal',
  'not-ready': 'not ready',
  'invalid-outcome': 'returned an invalid outcome',
  internal: 'internal error',
};

/** A region's typed error; the message reads like the original's ("region {id} rejected signal: {msg}"). */
export class RegionError extends ContinuumError<RegionErrorKind> {
  readonly regionId: string;
  /** `reason`: what the region's own code threw, described (when this error wraps it). */
  constructor(kind: RegionErrorKind, regionId: string, message: string, reason?: string) {
    super(kind, `region ${regionId} ${REGION_ERROR_TEXT[kind]}: ${message}`, reason === undefined ? { regionId } : { regionId, reason });
    this.regionId = regionId;
  }
}
