// The Runtime: registers ServiceModules, routes commands to them by longest prefix, wires their event and artifact
// subscriptions onto the bus (every subscription delivers), and runs their lifecycle hooks in priority order.
import type { ArtifactSelector } from './artifact-selector.js';
import { createBus, type MessageBus, type Unsubscribe } from './bus.js';
import { createRealClock, type Clock } from './clock.js';
import { describeError, describeKind } from './describe.js';
import { toError } from './errors.js';
import { mintHandle } from './handle-ref.js';
import { createRandom, type Random } from './random.js';
import { CommandResponse, err, stampDefaultHandle } from './response.js';
import { ModuleError, checkModule, priorityRank, type ModuleConfig, type ModuleContext, type ServiceModule } from './modules.js';

export interface RuntimeOptions {
  /** The bus module subscriptions go on. @default createBus() */
  bus?: MessageBus;
  /**
   * Time for handle stamps (`ctx.mintHandle`, and `withHandle` handles in the responses `execute` returns) and
   * module contexts. @default createRealClock()
   */
  clock?: Clock;
  /** Seeded random for minted handle ids. @default createRandom(Math.floor(clock.now())) — pass one for repeatable ids. */
  random?: Random;
}

interface Entry {
  readonly module: ServiceModule;
  readonly config: Readonly<Required<ModuleConfig>>;
  readonly order: number;
  readonly unsubscribes: Unsubscribe[];
  initialized: boolean;
}

interface Route {
  readonly prefix: string;
  readonly entry: Entry;
}

const q = JSON.stringify;

/**
 * Hosts service modules. Commands go to the module with the longest matching prefix; `execute` never rejects —
 * an unknown command, a throwing or rejecting handler, or a handler returning something other than a
 * CommandResponse all become `err` responses whose `cause` is a `ModuleError` (`unknown-command`, `handler-failed`).
 *
 * Differences from the original, on purpose: every event subscription is delivered (the original stored them as
 * asynchronous and never delivered them); a module that subscribes must have `handleEvent`; a module's subscriptions
 * are delivered once per matching subscription, so overlapping patterns of one module deliver more than once.
 *
 * @example
 * const runtime = createRuntime({ bus: createBus(), clock: createSimulatedClock(), random: createRandom(1) });
 * const off = runtime.register(echoModule);
 * await runtime.initialize();
 * const res = await runtime.execute('echo/say', { text: 'hi' }); // res.success === true
 */
/** Published on the runtime's bus for every command that does not succeed: `{ command, module, error }`. */
export const COMMAND_REFUSED = 'command:refused';

export class Runtime {
  readonly bus: MessageBus;
  readonly clock: Clock;
  readonly random: Random;
  #entries = new Map<string, Entry>();
  /** Sorted by prefix length, longest first (ties: registration order). */
  #routes: Route[] = [];
  #order = 0;
  #lifecycle: Promise<void> = Promise.resolve();

  constructor(options: RuntimeOptions = {}) {
    this.bus = options.bus ?? createBus();
    this.clock = options.clock ?? createRealClock();
    this.random = options.random ?? createRandom(Math.floor(this.clock.now()));
  }

  /**
   * Registers a module: checks its config, refuses a duplicate name or a prefix another module claims, subscribes
   * its event patterns and artifact selectors to `handleEvent`, and adds its routes. Returns a function that removes
   * the routes and subscriptions (it does not call `shutdown`; calling it twice does nothing).
   *
   * @throws {ModuleError} `invalid-config` (including a pattern or selector the bus refuses), `duplicate-module`,
   *   `duplicate-prefix`. Nothing is registered when it throws.
   */
  register(module: ServiceModule): () => void {
    const config = checkModule(module);
    const { name } = config;
    const existing = this.#entries.get(name);
    if (existing !== undefined) {
      throw new ModuleError('duplicate-module', `Module '${name}' is already registered; unregister it first or choose another name`, { module: name });
    }
    for (const prefix of config.commandPrefixes) {
      const owner = this.#routes.find((r) => r.prefix === prefix);
      if (owner !== undefined) {
        throw new ModuleError(
          'duplicate-prefix',
          `Module '${name}' claims command prefix ${q(prefix)}, already claimed by module '${owner.entry.config.name}'; each prefix routes to one module — choose a longer or different prefix`,
          { module: name, prefix, owner: owner.entry.config.name },
        );
      }
    }
    const entry: Entry = { module, config, order: this.#order++, unsubscribes: [], initialized: false };
    const deliver = (payload: unknown, published: string): unknown => module.handleEvent!(published, payload);
    const subscribe = (what: string, add: () => Unsubscribe): void => {
      try {
        entry.unsubscribes.push(add());
      } catch (e) {
        for (const off of entry.unsubscribes) off();
        throw new ModuleError('invalid-config', `Module config is invalid: module '${name}' ${what} was refused by the bus: ${describeError(e)}`, { module: name }, e);
      }
    };
    for (const pattern of config.eventSubscriptions) subscribe(`event subscription ${q(pattern)}`, () => this.bus.subscribe(pattern, deliver));
    for (const selector of config.artifactSubscriptions) {
      subscribe(`artifact subscription ${describeSelectorSafe(selector)}`, () => this.bus.subscribeArtifact(selector, deliver));
    }
    this.#entries.set(name, entry);
    for (const prefix of config.commandPrefixes) this.#routes.push({ prefix, entry });
    this.#sortRoutes();
    return () => this.#unregister(entry);
  }

  /** The config of the module a command would go to, or undefined. */
  route(command: string): ModuleConfig | undefined {
    return this.#match(command)?.entry.config;
  }

  /**
   * Runs a command on the module whose prefix matches it best. Resolves to the module's response, or to an `err`
   * response (with a `ModuleError` cause) when no module matches or the handler fails. Never rejects.
   *
   * @example
   * const res = await runtime.execute('memory/recall', { query: 'cats' });
   * if (!res.success && res.cause instanceof ModuleError && res.cause.kind === 'unknown-command') …
   */
  async execute(command: string, params: unknown = {}): Promise<CommandResponse> {
    const response = await this.#dispatch(command, params);
    if (!response.success) {
      // a refused command is audit-worthy: the audit recorder records `command:refused`
      const module = typeof command === 'string' ? (this.#match(command)?.entry.config.name ?? null) : null;
      this.bus.publish(COMMAND_REFUSED, { command: typeof command === 'string' ? command : describeKind(command), module, error: response.error ?? 'refused' });
    }
    return response;
  }

  async #dispatch(command: string, params: unknown): Promise<CommandResponse> {
    const route = typeof command === 'string' ? this.#match(command) : undefined;
    if (route === undefined) {
      const prefixes = this.#routes.map((r) => r.prefix).sort();
      const known = prefixes.length === 0 ? 'none (no module with command prefixes is registered)' : prefixes.map((p) => q(p)).join(', ');
      const message = `Unknown command ${typeof command === 'string' ? q(command) : describeKind(command)}: no module claims it. Known prefixes: ${known}.`;
      return err(new ModuleError('unknown-command', message, { command, prefixes }));
    }
    const { name } = route.entry.config;
    let result: unknown;
    try {
      result = await route.entry.module.handleCommand(command, params);
    } catch (thrown) {
      const cause = toError(thrown);
      const message = `Module '${name}' failed on command ${q(command)}: ${describeError(cause)}`;
      return err(new ModuleError('handler-failed', message, { module: name, command }, cause));
    }
    if (result instanceof CommandResponse) return stampDefaultHandle(result as CommandResponse, this.clock);
    const message = `Module '${name}' returned ${describeKind(result)} for command ${q(command)} instead of a CommandResponse; return ok(data) or err(message)`;
    return err(new ModuleError('handler-failed', message, { module: name, command }));
  }

  /** The registered modules' configs (frozen copies), in registration order. */
  modules(): ModuleConfig[] {
    return [...this.#entries.values()].map((e) => e.config);
  }

  /** Every registered command prefix, longest first. */
  prefixes(): string[] {
    return this.#routes.map((r) => r.prefix);
  }

  /**
   * Calls each registered module's `initialize` in priority order (realtime first; ties in registration order),
   * skipping modules already initialized — so calling it again initializes modules registered since. The first
   * failure aborts: `Module '{name}' failed to initialize: …` (kind `init-failed`); modules before it stay initialized.
   */
  initialize(): Promise<void> {
    return this.#serialized(async () => {
      for (const entry of this.#byPriority()) {
        if (entry.initialized || !this.#entries.has(entry.config.name)) continue;
        try {
          await entry.module.initialize?.(this.#context(entry));
        } catch (thrown) {
          const cause = toError(thrown);
          throw new ModuleError('init-failed', `Module '${entry.config.name}' failed to initialize: ${describeError(cause)}`, { module: entry.config.name }, cause);
        }
        entry.initialized = true;
      }
    });
  }

  /**
   * Calls `shutdown` on each initialized module in reverse priority order (background first). Every module is
   * attempted; if any failed, throws one `shutdown-failed` error listing them afterwards.
   */
  shutdown(): Promise<void> {
    return this.#serialized(async () => {
      const failures: string[] = [];
      const causes: Error[] = [];
      for (const entry of this.#byPriority().reverse()) {
        if (!entry.initialized) continue;
        entry.initialized = false;
        try {
          await entry.module.shutdown?.();
        } catch (thrown) {
          const cause = toError(thrown);
          causes.push(cause);
          failures.push(`Module '${entry.config.name}' failed to shut down: ${describeError(cause)}`);
        }
      }
      if (failures.length > 0) throw new ModuleError('shutdown-failed', failures.join('; '), { failures }, causes.length === 1 ? causes[0] : causes);
    });
  }

  #match(command: string): Route | undefined {
    for (const r of this.#routes) if (command.startsWith(r.prefix)) return r;
    return undefined;
  }

  #sortRoutes(): void {
    this.#routes.sort((a, b) => b.prefix.length - a.prefix.length || a.entry.order - b.entry.order);
  }

  #unregister(entry: Entry): void {
    if (this.#entries.get(entry.config.name) !== entry) return;
    this.#entries.delete(entry.config.name);
    this.#routes = this.#routes.filter((r) => r.entry !== entry);
    for (const off of entry.unsubscribes) off();
    entry.unsubscribes.length = 0;
  }

  #byPriority(): Entry[] {
    return [...this.#entries.values()].sort(
      (a, b) => priorityRank(a.config.priority) - priorityRank(b.config.priority) || a.order - b.order,
    );
  }

  #context(entry: Entry): ModuleContext {
    const { clock, random } = this;
    return {
      name: entry.config.name as ModuleContext['name'],
      bus: this.bus,
      clock,
      random,
      mintHandle: (typeTag) => mintHandle(entry.config.name, typeTag, { clock, random }),
      execute: (command, params) => this.execute(command, params),
    };
  }

  /** Runs lifecycle calls one after another, so overlapping initialize/shutdown calls never interleave. */
  #serialized(run: () => Promise<void>): Promise<void> {
    const next = this.#lifecycle.then(run);
    this.#lifecycle = next.catch(() => undefined);
    return next;
  }
}

function describeSelectorSafe(selector: ArtifactSelector): string {
  try {
    return `${String(selector.kind)}(${q(selector.value)})`;
  } catch {
    return 'selector';
  }
}

/** Creates a Runtime. See `Runtime`. */
export const createRuntime = (options?: RuntimeOptions): Runtime => new Runtime(options);
