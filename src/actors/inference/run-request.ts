// Runs one request once it leaves the queue: pages its composition in through the residency checker, then reads the
// engine's stream token by token, enforcing the budget and stop sequences, until it finishes or is stopped.
import type { MessageBus } from '../../runtime/bus.js';
import type { Clock } from '../../runtime/clock.js';
import { describeError, describeValue } from '../../runtime/describe.js';
import { sleepOn, type GeneratedToken, type InferenceEngine } from './engine.js';
import type { FinishReason } from './events.js';
import { publishFirstTokenEmitted, publishResidencyFault } from './inference-bus.js';
import { abortReasonFor, type RequestRecord } from './request-record.js';
import type { PagesOf, ResidencyCheck, ResidencyChecker } from './residency.js';

/** What a run needs from the module. */
export interface RunContext {
  readonly clock: Clock;
  readonly bus: MessageBus;
  readonly engine: InferenceEngine;
  readonly residency: ResidencyChecker | undefined;
  readonly pagesOf: PagesOf;
  readonly residencyFaultCostMs: number;
  /** Finishes the record (publishes its completion), aborts its signal and wakes its run. Idempotent. */
  stop(record: RequestRecord, reason: FinishReason, failure?: string): void;
}

const STOPPED = Symbol('stopped');
type Stopped = typeof STOPPED;

/** Waits for `work`, or for the record to be stopped (whichever comes first). */
function untilStopped<T>(record: RequestRecord, work: () => T | PromiseLike<T>): Promise<T | Stopped> {
  if (record.finishedAt !== undefined) return Promise.resolve(STOPPED);
  return new Promise<T | Stopped>((resolve, reject) => {
    record.wake = () => resolve(STOPPED);
    Promise.resolve(work()).then(resolve, reject);
  });
}

const isToken = (t: unknown): t is GeneratedToken =>
  typeof t === 'object' && t !== null && Number.isSafeInteger((t as GeneratedToken).id) && typeof (t as GeneratedToken).text === 'string';

function checkResult(check: unknown): ResidencyCheck {
  const c = check as Partial<ResidencyCheck> | null;
  if (typeof c === 'object' && c !== null && typeof c.resident === 'boolean') {
    if (c.costMs === undefined || (Number.isFinite(c.costMs) && c.costMs >= 0)) return c as ResidencyCheck;
  }
  throw new Error(`the residency checker returned ${describeValue(check)}; expected { resident: boolean, costMs?: number ≥ 0, reason?, available? }`);
}

/** Pages the request's composition in. False when the request stopped (failed, cancelled or out of time). */
async function pageIn(record: RequestRecord, ctx: RunContext, residency: ResidencyChecker, signal: AbortSignal): Promise<boolean> {
  const { requestId, persona } = record.request;
  let pages;
  try {
    pages = ctx.pagesOf(record.request);
  } catch (thrown) {
    ctx.stop(record, 'residency-fault', `pagesOf failed: ${describeError(thrown)}`);
    return false;
  }
  for (const page of pages) {
    let check: ResidencyCheck | Stopped;
    try {
      check = await untilStopped(record, () => residency.pageIn(persona, page)).then((c) => (c === STOPPED ? c : checkResult(c)));
    } catch (thrown) {
      const reason = describeError(thrown);
      publishResidencyFault(ctx.bus, { requestId, persona, missingPage: page, reason });
      ctx.stop(record, 'residency-fault', `paging in ${describeValue(page.artifact)} failed: ${reason}`);
      return false;
    }
    if (check === STOPPED || record.finishedAt !== undefined) return false;
    if (check.resident) continue;
    const reason = check.reason ?? 'not resident';
    publishResidencyFault(ctx.bus, { requestId, persona, missingPage: page, reason });
    if (record.finishedAt !== undefined) return false; // a fault subscriber cancelled it
    if (check.available === false) {
      ctx.stop(record, 'residency-fault', `page of ${describeValue(page.artifact)} could not be paged in: ${reason}`);
      return false;
    }
    if (!(await sleepOn(ctx.clock, check.costMs ?? ctx.residencyFaultCostMs, signal)) || record.finishedAt !== undefined) return false;
  }
  return true;
}

function closeQuietly(iterator: AsyncIterator<GeneratedToken>): void {
  try {
    const closing = iterator.return?.();
    if (closing && typeof (closing as PromiseLike<unknown>).then === 'function') (closing as Promise<unknown>).then(undefined, () => undefined);
  } catch {
    // an engine whose return() throws has nothing more to tell us
  }
}

/** Appends a token; publishes the first one; stops the record on maxTokens or a stop sequence. */
function accept(record: RequestRecord, ctx: RunContext, token: GeneratedToken): void {
  const { request } = record;
  const from = record.text.length;
  record.tokens.push(token.id);
  record.text += token.text;
  if (record.tokens.length === 1) {
    record.firstTokenAt = ctx.clock.now();
    const elapsedUs = Math.round((record.firstTokenAt - record.acceptedAt) * 1000);
    publishFirstTokenEmitted(ctx.bus, { requestId: request.requestId, persona: request.persona, elapsedUs });
    if (record.finishedAt !== undefined) return;
  }
  for (const stop of request.stopSequences) {
    if (record.text.indexOf(stop, Math.max(0, from - stop.length + 1)) !== -1) return ctx.stop(record, 'stop-sequence');
  }
  if (record.tokens.length >= request.budget.maxTokens) ctx.stop(record, 'max-tokens');
}

/**
 * Runs `record` (already marked running) to its end. Never rejects: every failure becomes a finish reason. The
 * `maxDurationMs` deadline is a timer on the clock from the start of the run; the engine's signal aborts whenever the
 * record stops, and the wait on the engine is interrupted at once, so a stuck engine cannot hold a slot.
 */
export async function runRequest(record: RequestRecord, ctx: RunContext): Promise<void> {
  const controller = new AbortController();
  record.controller = controller;
  const { request } = record;
  const startedAt = ctx.clock.now();
  const deadline = ctx.clock.setTimeout(() => ctx.stop(record, 'max-duration'), request.budget.maxDurationMs);
  let iterator: AsyncIterator<GeneratedToken> | undefined;
  let open = false;
  try {
    if (ctx.residency !== undefined && !(await pageIn(record, ctx, ctx.residency, controller.signal))) return;
    if (record.finishedAt !== undefined) return;
    const stream = ctx.engine.generate(request, controller.signal);
    iterator = stream[Symbol.asyncIterator]();
    open = true;
    for (;;) {
      const step = await untilStopped(record, () => iterator!.next());
      if (step === STOPPED || record.finishedAt !== undefined) return;
      if (step.done === true) {
        open = false;
        record.controller = undefined; // the stream has ended: nobody listens to the signal any more
        const outOfTime = ctx.clock.now() - startedAt >= request.budget.maxDurationMs;
        return ctx.stop(record, outOfTime ? 'max-duration' : 'end-of-sequence');
      }
      if (!isToken(step.value)) throw new Error(`it yielded ${describeValue(step.value)} instead of a token { id: integer, text: string }`);
      accept(record, ctx, step.value);
      if (record.finishedAt !== undefined) return;
    }
  } catch (thrown) {
    ctx.stop(record, 'engine-error', `engine ${describeValue(ctx.engine.name)} failed: ${describeError(thrown)}`);
  } finally {
    ctx.clock.clearTimeout(deadline);
    record.wake = undefined;
    if (open && !controller.signal.aborted) controller.abort(abortReasonFor(record.finishReason ?? 'cancelled'));
    if (open && iterator !== undefined) closeQuietly(iterator);
  }
}
