// The scenario timeline event `{ type: 'load', kind: 'inference' }`: its shape and its validation, ready to be joined
// to the scenario format (see docs/inference.md, "In a simulation", for the hooks the runner needs).
import { describeValue } from '../runtime/describe.js';
import { isPersonaId } from '../runtime/ids.js';
import type { Problem } from '../runtime/signals.js';

/** Most requests per second of one inference load. */
export const MAX_REQUESTS_PER_SECOND = 1000;

/**
 * Inference load: handlers of `persona` invoked `requestsPerSecond` times a second (Poisson arrivals), each needing
 * a reply. With `candidate`, a handler first peeks that region's buffer for a pre-staged candidate (the motor
 * cortex's job) and, on a hit, replies from it without inference; otherwise it requests `outputTokens` tokens for a
 * prompt of `promptTokens` tokens. A later inference load for the same persona and candidate replaces it (0 stops it).
 */
export interface InferenceLoadEvent {
  at: number;
  type: 'load';
  kind: 'inference';
  persona: string;
  requestsPerSecond: number;
  /** Prompt size, tokens. */
  promptTokens: number;
  /** Output size (the request's `maxTokens`), tokens. */
  outputTokens: number;
  /** The composition artifact id. @default 'base' */
  composition?: string;
  /** Where a pre-staged candidate reply is peeked (region and buffer key). @default none: every handler requests inference */
  candidate?: { region: string; key: string };
  /** @default the end of the run */
  untilMs?: number;
}

const FIELDS = ['at', 'type', 'kind', 'persona', 'requestsPerSecond', 'promptTokens', 'outputTokens', 'composition', 'candidate', 'untilMs'];

const isInt = (v: unknown, min: number, max: number): boolean => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;

/** True when a timeline event is an inference load (checked before the ordinary `load`). */
export const isInferenceLoad = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'load' && (event as { kind?: unknown }).kind === 'inference';

/**
 * Every problem of an inference load event at `path` (empty = valid). `regions` (the scenario's region ids), when
 * given, checks `candidate.region`.
 */
export function inferenceLoadProblems(value: unknown, path: string, regions?: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string): void => void problems.push({ path: `${path}${where}`, message });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path, message: 'an inference load must be an object' }];
  const e = value as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!FIELDS.includes(key)) add(`.${key}`, `is not a field of an inference load; expected only: ${FIELDS.join(', ')}`);
  if (e.type !== 'load' || e.kind !== 'inference') add('.kind', `must be "inference" on a "load" event, got ${describeValue(e.kind)}`);
  if (!(typeof e.at === 'number' && Number.isFinite(e.at) && e.at >= 0)) add('.at', `must be a time ≥ 0 in ms, got ${describeValue(e.at)}`);
  if (!isPersonaId(e.persona)) add('.persona', `must be a persona id, got ${describeValue(e.persona)}`);
  if (!(typeof e.requestsPerSecond === 'number' && Number.isFinite(e.requestsPerSecond) && e.requestsPerSecond >= 0 && e.requestsPerSecond <= MAX_REQUESTS_PER_SECOND)) {
    add('.requestsPerSecond', `must be a number from 0 to ${MAX_REQUESTS_PER_SECOND}, got ${describeValue(e.requestsPerSecond)}`);
  }
  if (!isInt(e.promptTokens, 0, 32_768)) add('.promptTokens', `must be an integer from 0 to 32768, got ${describeValue(e.promptTokens)}`);
  if (!isInt(e.outputTokens, 1, 4096)) add('.outputTokens', `must be an integer from 1 to 4096, got ${describeValue(e.outputTokens)}`);
  if (e.composition !== undefined && !(typeof e.composition === 'string' && /^\S{1,256}$/.test(e.composition))) {
    add('.composition', `must be an artifact id (1–256 characters, no whitespace), got ${describeValue(e.composition)}`);
  }
  if (e.candidate !== undefined) {
    const c = e.candidate as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || typeof c.region !== 'string' || typeof c.key !== 'string' || Object.keys(c).some((k) => k !== 'region' && k !== 'key')) {
      add('.candidate', `must be { region, key } (strings), got ${describeValue(e.candidate)}`);
    } else if (regions !== undefined && !regions.has(c.region)) {
      add('.candidate.region', `names no region of the scenario (${[...regions].join(', ')}), got ${describeValue(c.region)}`);
    }
  }
  if (e.untilMs !== undefined && !(typeof e.untilMs === 'number' && Number.isFinite(e.untilMs) && typeof e.at === 'number' && e.untilMs > e.at)) {
    add('.untilMs', `must be a time after "at", got ${describeValue(e.untilMs)}`);
  }
  return problems;
}
