// One request inside the inference module: its mutable record (state, tokens, times) and the progress snapshot
// `inference/poll` returns for it.
import type { HandleRef } from '../../runtime/handle-ref.js';
import type { FinishReason, InferenceRequest } from './events.js';

/** Where a request stands. `completed`, `cancelled` and `failed` are final. */
export type InferenceState = 'queued' | 'running' | 'completed' | 'cancelled' | 'failed';

/** The final state a finish reason leads to. */
export function finalStateOf(reason: FinishReason): InferenceState {
  if (reason === 'cancelled') return 'cancelled';
  if (reason === 'engine-error' || reason === 'residency-fault') return 'failed';
  return 'completed';
}

const abortReasons = new Map<FinishReason, Error>();
/**
 * The `signal.reason` an engine sees when its request stops: an `AbortError` naming the finish reason. One shared
 * instance per reason (building a `DOMException` with a stack for every request was a tenth of the module's cost).
 */
export function abortReasonFor(reason: FinishReason): Error {
  let error = abortReasons.get(reason);
  if (error === undefined) {
    error = new Error(`inference request stopped: ${reason}`);
    error.name = 'AbortError';
    abortReasons.set(reason, error);
  }
  return error;
}

/** The module's record of one accepted request. Owned by the module; never handed out. */
export interface RequestRecord {
  readonly request: InferenceRequest;
  readonly handle: HandleRef;
  readonly acceptedAt: number;
  state: InferenceState;
  startedAt: number | undefined;
  firstTokenAt: number | undefined;
  finishedAt: number | undefined;
  readonly tokens: number[];
  text: string;
  finishReason: FinishReason | undefined;
  failure: string | undefined;
  /** Aborted when the request stops for any reason; the engine's signal. */
  controller: AbortController | undefined;
  /** Interrupts the run's current wait on the engine or the residency checker (set only while it waits). */
  wake: (() => void) | undefined;
  waiters: Array<(progress: InferenceProgress) => void> | undefined;
}

export function newRecord(request: InferenceRequest, handle: HandleRef, acceptedAt: number): RequestRecord {
  return {
    request, handle, acceptedAt, state: 'queued', startedAt: undefined, firstTokenAt: undefined, finishedAt: undefined,
    tokens: [], text: '', finishReason: undefined, failure: undefined, controller: undefined, wake: undefined, waiters: undefined,
  };
}

/** What `inference/poll` returns (flat beside `success` on the wire), and what `whenFinished` resolves to. */
export interface InferenceProgress {
  requestId: string;
  persona: string;
  state: InferenceState;
  tokensSoFar: number;
  /** Token ids so far (all of them once finished). */
  completionTokens: number[];
  /** Their text, concatenated. */
  text: string;
  /** From acceptance to the first token, µs; null before it. */
  firstTokenUs: number | null;
  /** From acceptance to now (or to the finish), ms. */
  elapsedMs: number;
  /** 0 = next to run; null unless queued. */
  queuePosition: number | null;
  finishReason: FinishReason | null;
  /** Why it failed or was cancelled, when there is more to say than the finish reason. */
  failure: string | null;
}

export function progressOf(record: RequestRecord, now: number, queuePosition: number | null): InferenceProgress {
  return {
    requestId: record.request.requestId,
    persona: record.request.persona,
    state: record.state,
    tokensSoFar: record.tokens.length,
    completionTokens: record.tokens.slice(),
    text: record.text,
    firstTokenUs: record.firstTokenAt === undefined ? null : Math.round((record.firstTokenAt - record.acceptedAt) * 1000),
    elapsedMs: Math.round((record.finishedAt ?? now) - record.acceptedAt),
    queuePosition,
    finishReason: record.finishReason ?? null,
    failure: record.failure ?? null,
  };
}
