// The inference module's command surface: the params schemas of inference/start, /poll and /cancel (built from the
// module's limits), and the defaults a start request is completed with.
import { PERSONA_ID_PATTERN } from '../../runtime/ids.js';
import { s } from '../../runtime/schema.js';

export const INFERENCE_COMMANDS = ['inference/start', 'inference/poll', 'inference/cancel'] as const;
export type InferenceCommand = (typeof INFERENCE_COMMANDS)[number];

/** The handle type tag of a request (handles are owned by `inference`). */
export const REQUEST_HANDLE_TAG = 'inference-request';

/** Upper bounds on what one request may ask for. */
export interface InferenceLimits {
  /** Largest `budget.maxTokens`. @default 4096 */
  maxTokens: number;
  /** Largest `budget.maxDurationMs`. @default 600000 (10 min) */
  maxDurationMs: number;
  /** Longest `promptTokens`. @default 32768 */
  promptTokens: number;
  /** Most `stopSequences` (each 1–256 characters). @default 16 */
  stopSequences: number;
}

/** What a start request gets when it leaves a field out. */
export interface InferenceDefaults {
  /** @default 256 */
  maxTokens: number;
  /** @default 30000 */
  maxDurationMs: number;
  /** @default 1 */
  temperature: number;
  /** @default 1 */
  topP: number;
}

export const DEFAULT_INFERENCE_LIMITS: Readonly<InferenceLimits> = Object.freeze({ maxTokens: 4096, maxDurationMs: 600_000, promptTokens: 32_768, stopSequences: 16 });
export const DEFAULT_INFERENCE_DEFAULTS: Readonly<InferenceDefaults> = Object.freeze({ maxTokens: 256, maxDurationMs: 30_000, temperature: 1, topP: 1 });

const persona = s.string({ minLength: 1, maxLength: 128, pattern: PERSONA_ID_PATTERN });

/** The schemas, for the given limits. */
export function inferenceSchemas(limits: Readonly<InferenceLimits>) {
  const start = s.object({
    /** The persona the request is for; only it may poll or cancel the request. */
    persona,
    /** The artifact id of the composition plan (base model plus adapters) to generate with. */
    composition: s.string({ minLength: 1, maxLength: 256, pattern: /^\S+$/ }),
    promptTokens: s.array(s.integer({ min: 0, max: 0xffff_ffff }), { maxLength: limits.promptTokens }),
    budget: s.optional(
      s.object({
        maxTokens: s.optional(s.integer({ min: 1, max: limits.maxTokens })),
        maxDurationMs: s.optional(s.integer({ min: 1, max: limits.maxDurationMs })),
      }),
    ),
    sampling: s.optional(
      s.object({
        temperature: s.optional(s.number({ min: 0, max: 10 })),
        topP: s.optional(s.number({ min: 0, max: 1 })),
        seed: s.optional(s.integer({ min: 0, max: 0xffff_ffff })),
      }),
    ),
    stopSequences: s.optional(s.array(s.string({ minLength: 1, maxLength: 256 }), { maxLength: limits.stopSequences })),
  });
  /** Poll and cancel: the asking persona, and the request by `handle` (envelope) or, legacy, `requestId`. */
  const byHandle = s.object({ persona, requestId: s.optional(s.string({ minLength: 1, maxLength: 128 })) });
  return { start, poll: byHandle, cancel: byHandle };
}
