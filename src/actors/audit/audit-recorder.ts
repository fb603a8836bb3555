// AuditRecorderModule: a ServiceModule that appends what is audit-worthy on the bus (AUDIT_SOURCES) to an audit
// chain, in arrival order, retrying failed appends with a bound and reporting every failure; answers audit/verify, audit/tail.
import { exact, type ArtifactSelector } from '../../runtime/artifact-selector.js';
import type { MessageBus } from '../../runtime/bus.js';
import { createRealClock, type Clock } from '../../runtime/clock.js';
import { describeError, describeValue } from '../../runtime/describe.js';
import { err, ok, parseRequest, type CommandResponse } from '../../runtime/envelope.js';
import { ValidationError } from '../../runtime/errors.js';
import type { ModuleConfig, ModuleContext, ModulePriority, ServiceModule } from '../../runtime/modules.js';
import { s } from '../../runtime/schema.js';
import { isAuditEntryKind, type AuditEntryKind } from './audit-entry.js';
import { isRetryableAuditError } from './audit-error.js';
import { AuditChain, encodeAuditPayload, type EncodedAuditPayload } from './audit-chain.js';
import { AUDIT_APPEND_FAILED, AUDIT_SOURCES, type AuditSource } from './audit-sources.js';
import { toWellFormedText } from './canonical-json.js';

export interface AuditRecorderOptions {
  /** The log file, opened (verified, resumed) on `initialize`. Give this or `chain`. */
  path?: string;
  /** A chain to append to instead (e.g. over a memory sink); the recorder does not close it. */
  chain?: AuditChain;
  /** With `path`: fdatasync each append. @default true */
  fsync?: boolean;
  /** With `path`: what to do with a last line cut off by a crash — `repair` keeps `<path>.bak` and resumes. @default 'repair' */
  truncatedTail?: 'fail' | 'repair';
  /** What to record. @default AUDIT_SOURCES */
  sources?: readonly AuditSource[];
  /** Module name; commands are `<name>/verify` and `<name>/tail`. @default 'audit' */
  name?: string;
  /** @default 'high' (initialized early, shut down late) */
  priority?: ModulePriority;
  /** Attempts per event before it is given up (each failure is published on `audit:append:failed`). @default 5 */
  maxAttempts?: number;
  /** Wait before the first retry, doubling after each further failure, ms. @default 100 */
  retryDelayMs?: number;
  /** Timers for retry waits (I/O is real even in a simulated run). @default createRealClock() */
  retryClock?: Clock;
  /** Events waiting to be appended; beyond this an event is refused and reported. @default 10000 */
  maxPending?: number;
}

/** Payload of `audit:append:failed`, published on each failed attempt and on a refused event. */
export interface AuditAppendFailedPayload {
  /** The bus name of the event that was to be recorded. */
  event: string;
  kind: AuditEntryKind;
  attempt: number;
  maxAttempts: number;
  /** False when the event is given up: attempts used up, a refusal that cannot succeed, or the queue full. */
  willRetry: boolean;
  error: string;
}

/** Counters of a recorder. */
export interface AuditRecorderStats {
  recorded: number;
  failedAttempts: number;
  /** Events given up after failures, or refused because the queue was full (each was reported). */
  givenUp: number;
  pending: number;
}

interface Pending {
  readonly event: string;
  readonly kind: AuditEntryKind;
  readonly payload: EncodedAuditPayload;
  readonly at: number | undefined;
  attempts: number;
}

const verifyParams = s.object({});
const tailParams = s.object({ n: s.optional(s.integer({ min: 0, max: 1000 })) });

function positiveInt(name: string, value: number, min: number): number {
  if (Number.isSafeInteger(value) && value >= min) return value;
  throw new ValidationError(`AuditRecorder option ${name} must be a whole number ≥ ${min}, got ${String(value)}`, { [name]: value });
}

/** The recorded payload: `{ event, data }`; data JSON cannot carry is replaced by a description, never dropped. */
function encodeEvent(event: string, data: unknown): EncodedAuditPayload {
  try {
    return encodeAuditPayload({ event, data: data ?? null });
  } catch (error) {
    return encodeAuditPayload({ event, data: null, unencodable: describeError(error), summary: toWellFormedText(describeValue(data)) });
  }
}

/**
 * Records audit-worthy bus events into a tamper-evident log. Each event becomes one entry of the source's kind with
 * payload `{ event, data }`, timestamped when it arrived (the module context's clock), in arrival order.
 *
 * @example
 * const runtime = createRuntime({ bus: substrate.bus, clock });
 * const audit = createAuditRecorder({ path: 'out/audit.jsonl' });
 * runtime.register(audit);
 * await runtime.initialize();                     // opens (verifies, resumes) the log
 * await runtime.execute('audit/tail', { n: 5 });  // { success: true, entries: [...], valid: true, … }
 */
export class AuditRecorderModule implements ServiceModule {
  readonly config: ModuleConfig;
  #options: AuditRecorderOptions;
  #kinds = new Map<string, AuditEntryKind>();
  #queue: Pending[] = [];
  #head = 0;
  #draining = false;
  #idle: Array<() => void> = [];
  #chain: AuditChain | undefined;
  #bus: MessageBus | undefined;
  #clock: Clock | undefined;
  #retryClock: Clock;
  #maxAttempts: number;
  #retryDelayMs: number;
  #maxPending: number;
  #stats = { recorded: 0, failedAttempts: 0, givenUp: 0 };

  constructor(options: AuditRecorderOptions) {
    if ((options.path === undefined) === (options.chain === undefined)) {
      throw new ValidationError('AuditRecorder needs exactly one of `path` (a log file) or `chain` (an AuditChain)', {});
    }
    this.#options = options;
    this.#maxAttempts = positiveInt('maxAttempts', options.maxAttempts ?? 5, 1);
    this.#retryDelayMs = positiveInt('retryDelayMs', options.retryDelayMs ?? 100, 0);
    this.#maxPending = positiveInt('maxPending', options.maxPending ?? 10_000, 1);
    this.#retryClock = options.retryClock ?? createRealClock();
    const events: string[] = [];
    const artifacts: ArtifactSelector[] = [];
    for (const source of options.sources ?? AUDIT_SOURCES) {
      if (typeof source?.name !== 'string' || source.name === '' || !isAuditEntryKind(source.kind)) {
        throw new ValidationError(`AuditRecorder source ${describeValue(source)} needs a name and a kind (refusal, governor-override, federation-policy-drift, access-denied)`, {});
      }
      if (this.#kinds.has(source.name)) throw new ValidationError(`AuditRecorder source ${JSON.stringify(source.name)} is listed twice`, {});
      this.#kinds.set(source.name, source.kind);
      if (source.name.includes('/')) artifacts.push(exact(source.name));
      else events.push(source.name);
    }
    const name = options.name ?? 'audit';
    this.config = { name, commandPrefixes: [`${name}/`], eventSubscriptions: events, artifactSubscriptions: artifacts, priority: options.priority ?? 'high' };
    this.#chain = options.chain;
  }

  /** The chain entries go to (undefined before `initialize` when opened from a path). */
  get chain(): AuditChain | undefined {
    return this.#chain;
  }

  stats(): AuditRecorderStats {
    return { ...this.#stats, pending: this.#queue.length - this.#head };
  }

  async initialize(ctx: ModuleContext): Promise<void> {
    this.#bus = ctx.bus;
    this.#clock = ctx.clock;
    const { path } = this.#options;
    if (this.#chain === undefined && path !== undefined) {
      this.#chain = await AuditChain.open(path, { fsync: this.#options.fsync ?? true, truncatedTail: this.#options.truncatedTail ?? 'repair', clock: ctx.clock });
    }
    void this.#drain();
  }

  /** Waits for queued events, then closes the log when the recorder opened it. */
  async shutdown(): Promise<void> {
    await this.flush();
    if (this.#options.path !== undefined) await this.#chain?.close();
  }

  /** Resolves when every event received so far is recorded or given up (after `initialize`). */
  flush(): Promise<void> {
    if (!this.#draining && this.#head >= this.#queue.length) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  handleEvent(name: string, payload: unknown): void {
    const kind = this.#kinds.get(name);
    if (kind === undefined) return;
    const clock = this.#clock;
    const item: Pending = { event: name, kind, payload: encodeEvent(name, payload), at: clock ? Math.max(0, Math.floor(clock.now())) : undefined, attempts: 0 };
    if (this.#queue.length - this.#head >= this.#maxPending) {
      this.#stats.givenUp++;
      this.#report(item, `the recorder's queue is full (${this.#maxPending} events waiting; the log is not keeping up)`, false);
      return;
    }
    this.#queue.push(item);
    void this.#drain();
  }

  async handleCommand(command: string, request: unknown): Promise<CommandResponse<object>> {
    const { name } = this.config;
    const chain = this.#chain;
    if (chain === undefined) return err(`${command}: the audit recorder is not initialized yet (runtime.initialize() opens its log)`);
    if (command === `${name}/verify`) {
      const req = parseRequest(command, request, verifyParams);
      if (!req.ok) return err(req.error);
      await this.flush();
      const r = await chain.verify({ keep: 0 });
      return ok({ valid: r.ok, count: r.count, lastSeq: r.last?.seq ?? null, lastHash: r.last?.chainHash ?? null, failure: r.ok ? null : r.failure, ...this.stats() });
    }
    if (command === `${name}/tail`) {
      const req = parseRequest(command, request, tailParams);
      if (!req.ok) return err(req.error);
      await this.flush();
      const r = await chain.verify({ keep: req.value.n ?? 10 });
      return ok({ valid: r.ok, count: r.count, entries: r.entries, failure: r.ok ? null : r.failure });
    }
    return err(`${command}: unknown command; the audit recorder answers ${name}/verify and ${name}/tail { n }`);
  }

  async #drain(): Promise<void> {
    const chain = this.#chain;
    if (this.#draining || chain === undefined) return;
    this.#draining = true;
    try {
      while (this.#head < this.#queue.length) {
        const item = this.#queue[this.#head]!;
        try {
          await chain.append(item.kind, item.payload, item.at);
          this.#stats.recorded++;
          this.#shift();
        } catch (error) {
          item.attempts++;
          this.#stats.failedAttempts++;
          const retry = isRetryableAuditError(error) && item.attempts < this.#maxAttempts;
          this.#report(item, describeError(error), retry);
          if (!retry) {
            this.#stats.givenUp++;
            this.#shift();
            continue;
          }
          const delay = this.#retryDelayMs * 2 ** (item.attempts - 1);
          await new Promise<void>((resolve) => this.#retryClock.setTimeout(resolve, delay));
        }
      }
    } finally {
      this.#draining = false;
      const idle = this.#idle.splice(0);
      for (const resolve of idle) resolve();
    }
  }

  #shift(): void {
    this.#head++;
    if (this.#head >= this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
  }

  #report(item: Pending, error: string, willRetry: boolean): void {
    const payload: AuditAppendFailedPayload = { event: item.event, kind: item.kind, attempt: item.attempts, maxAttempts: this.#maxAttempts, willRetry, error };
    try {
      this.#bus?.publish(AUDIT_APPEND_FAILED, payload);
    } catch {
      // a bus that refuses (publish depth) must not stop the recorder; the counters still show the failure
    }
  }
}

/** Creates an `AuditRecorderModule`. See there. */
export const createAuditRecorder = (options: AuditRecorderOptions): AuditRecorderModule => new AuditRecorderModule(options);
