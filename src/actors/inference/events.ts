// The inference events as they travel on the bus (the original's llm_module_bus shapes, camelCase on our wire):
// a request, its first token, a residency fault while paging in, and its completion.
import type { PageOffset } from '../genome/page.js';

/** Why a request stopped. Every accepted request ends with exactly one `InferenceComplete` carrying one of these. */
export const FINISH_REASONS = [
  /** The engine ended the completion by itself (an end-of-sequence token, or its natural length). */
  'end-of-sequence',
  /** The text generated so far contains one of `stopSequences` (the token completing it is the last one kept). */
  'stop-sequence',
  /** `budget.maxTokens` tokens were generated. */
  'max-tokens',
  /** `budget.maxDurationMs` passed since the request started running (queue wait is not counted). */
  'max-duration',
  /** `inference/cancel`, or the module shut down. */
  'cancelled',
  /** The engine threw or its stream rejected; poll shows the error. */
  'engine-error',
  /** A page of the composition could not be brought in (the residency checker said so, or threw). */
  'residency-fault',
] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

/** Limits of one generation. */
export interface InferenceBudget {
  /** Most tokens to generate. */
  readonly maxTokens: number;
  /** Most time the request may run, ms, from leaving the queue (paging in included). */
  readonly maxDurationMs: number;
}

/** Sampling parameters, passed through to the engine. */
export interface SamplingParams {
  /** 0 means greedy: the simulated engine then gives the same tokens for the same prompt and composition. */
  readonly temperature: number;
  readonly topP: number;
  /** A sampling seed; `null` lets the engine choose (the simulated engine uses the request id). */
  readonly seed: number | null;
}

/**
 * Published on `inference/llm.request` when the module accepts a request (queued or started). The original's
 * `composition: CompositionPlan(ArtifactId)` is a transparent newtype, so it is a bare artifact id string here.
 */
export interface InferenceRequest {
  readonly requestId: string;
  readonly persona: string;
  readonly composition: string;
  /** Token ids of the prompt. */
  readonly promptTokens: readonly number[];
  readonly budget: InferenceBudget;
  readonly sampling: SamplingParams;
  readonly stopSequences: readonly string[];
}

/** Published on `inference/llm.complete` exactly once per accepted request, however it ended. */
export interface InferenceComplete {
  readonly requestId: string;
  readonly persona: string;
  /** Token ids generated (kept even when the request was cancelled or failed part way). */
  readonly completionTokens: readonly number[];
  readonly finishReason: FinishReason;
  /** From acceptance (`inference/start`) to completion, whole ms on the module's clock (queue wait included). */
  readonly elapsedMs: number;
  readonly tokensGenerated: number;
}

/** Published on `inference/llm.first_token` when a request's first token arrives. */
export interface FirstTokenEmitted {
  readonly requestId: string;
  readonly persona: string;
  /** From acceptance to the first token, whole µs on the module's clock (queue wait and paging included). */
  readonly elapsedUs: number;
}

/** Where a page sits inside its artifact: the genome's `PageOffset` (one definition). */
export type InferencePageOffset = PageOffset;

/**
 * A page of a model artifact (the genome's `PageRef`). `kind` is left a string here so the genome working set can
 * name its own page kinds (`lora-layer`, `moe-expert`, `kv-cache`, `engram`); `workingSetResidency` parses it.
 */
export interface InferencePageRef {
  readonly kind: string;
  readonly artifact: string;
  readonly offset: InferencePageOffset;
}

/**
 * Published on `inference/llm.residency_fault` when a page of the request's composition was not resident as the
 * request started running: it was paged in (costing time) or, when `finishReason` follows as `residency-fault`,
 * could not be.
 */
export interface ResidencyFault {
  readonly requestId: string;
  readonly persona: string;
  readonly missingPage: InferencePageRef;
  readonly reason: string;
}
