// The ServiceModule contract (config, command handler, optional event handler and lifecycle hooks), its typed
// error and the config check the runtime applies on registration. The Runtime itself is in runtime.ts.
import type { ArtifactSelector } from './artifact-selector.js';
import type { MessageBus } from './bus.js';
import type { Clock } from './clock.js';
import type { CommandResponse } from './response.js';
import { describeError, describeValue } from './describe.js';
import { ContinuumError } from './errors.js';
import type { HandleRef } from './handle-ref.js';
import { moduleName, type ModuleName } from './ids.js';
import type { Random } from './random.js';

/** Module priorities, most urgent first (the original's `realtime=0 < high=1 < normal=2 < background=3`). */
export const MODULE_PRIORITIES = ['realtime', 'high', 'normal', 'background'] as const;
export type ModulePriority = (typeof MODULE_PRIORITIES)[number];
/** The rank of a priority: 0 for `realtime` … 3 for `background`. */
export const priorityRank = (p: ModulePriority): number => MODULE_PRIORITIES.indexOf(p);

/** What a module declares about itself. Read once, when the module is registered. */
export interface ModuleConfig {
  /** Lowercase, starting with a letter or `_`, then letters, digits, `_`, `-` (see `moduleName`). Unique per runtime. */
  readonly name: string;
  /**
   * Commands starting with one of these go to this module (longest matching prefix wins across modules), e.g.
   * `['memory/']`. Each prefix is non-empty and belongs to one module. May be empty for a module that only listens.
   */
  readonly commandPrefixes: readonly string[];
  /** Colon-glob event patterns delivered to `handleEvent` (`data:*:created`). @default [] */
  readonly eventSubscriptions?: readonly string[];
  /** Artifact selectors (`exact(key)`, `prefix(p)`) delivered to `handleEvent`. @default [] */
  readonly artifactSubscriptions?: readonly ArtifactSelector[];
  /** Order of `initialize` (most urgent first) and, reversed, of `shutdown`. */
  readonly priority: ModulePriority;
}

/** What a module's `initialize` receives. */
export interface ModuleContext {
  readonly name: ModuleName;
  readonly bus: MessageBus;
  readonly clock: Clock;
  readonly random: Random;
  /** Mints a handle owned by this module (uuid from the runtime's seeded random, stamped with its clock). */
  mintHandle(typeTag: string): HandleRef;
  /** Routes a command through the runtime (a call to another module). Never rejects. */
  execute(command: string, params?: unknown): Promise<CommandResponse>;
}

/**
 * A service module: owns a set of command prefixes and, optionally, event and artifact subscriptions.
 *
 * @example
 * const echo: ServiceModule = {
 *   config: { name: 'echo', commandPrefixes: ['echo/'], priority: 'normal' },
 *   handleCommand(command, raw) {
 *     const req = parseRequest(command, raw, s.object({ text: s.string() }));
 *     return req.ok ? ok({ text: req.value.text }) : err(req.error);
 *   },
 * };
 */
export interface ServiceModule {
  readonly config: ModuleConfig;
  /**
   * Handles a command (the full name, e.g. `memory/recall`) with its raw request — validate it with
   * `parseRequest`. A throw or a rejection becomes an `err` response naming the module and the command.
   */
  handleCommand(command: string, request: unknown): CommandResponse<object> | Promise<CommandResponse<object>>;
  /**
   * Receives every event and artifact matched by the config's subscriptions: `name` is the published name.
   * Required when the config subscribes to anything. A failure is reported by the bus, not to the publisher.
   */
  handleEvent?(name: string, payload: unknown): void | Promise<void>;
  /** Called by `runtime.initialize()`, in priority order. */
  initialize?(ctx: ModuleContext): void | Promise<void>;
  /** Called by `runtime.shutdown()`, in reverse priority order. */
  shutdown?(): void | Promise<void>;
}

/**
 * - `invalid-config`: a module or its config does not fit the contract (name, priority, prefixes, subscriptions).
 * - `duplicate-module`: a module with that name is already registered.
 * - `duplicate-prefix`: another module already claims that command prefix.
 * - `unknown-command`: no module's prefix matches the command.
 * - `handler-failed`: a command handler threw, rejected or returned something that is not a CommandResponse.
 * - `init-failed` / `shutdown-failed`: a lifecycle hook failed.
 */
export type ModuleErrorKind =
  | 'invalid-config'
  | 'duplicate-module'
  | 'duplicate-prefix'
  | 'unknown-command'
  | 'handler-failed'
  | 'init-failed'
  | 'shutdown-failed';

/** Raised (registration, lifecycle) or carried as an `err` response's `cause` (command routing) by the runtime. */
export class ModuleError extends ContinuumError<ModuleErrorKind> {
  constructor(kind: ModuleErrorKind, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(kind, message, details);
    if (cause !== undefined) this.cause = cause;
  }
}

const PRIORITY_SET: ReadonlySet<string> = new Set(MODULE_PRIORITIES);
const isArray = (v: unknown): v is readonly unknown[] => Array.isArray(v);
const q = describeValue;

/**
 * Checks a module against the contract and returns a frozen copy of its config (so later mutation of the
 * module's object cannot desynchronize routes). Selectors and patterns are validated by the bus on subscribe.
 *
 * @throws {ModuleError} `invalid-config`, naming the module and the field.
 */
export function checkModule(module: ServiceModule): Readonly<Required<ModuleConfig>> {
  const bad = (what: string, extra?: Record<string, unknown>): ModuleError =>
    new ModuleError('invalid-config', `Module config is invalid: ${what}`, extra);
  if (typeof module !== 'object' || module === null) throw bad(`expected a ServiceModule object, got ${q(module)}`);
  const config = module.config as Partial<ModuleConfig> | undefined;
  if (typeof config !== 'object' || config === null) throw bad('the module has no `config` object');
  let name: ModuleName;
  try {
    name = moduleName(config.name as string);
  } catch (e) {
    throw bad(describeError(e), { name: config.name });
  }
  const where = `module '${name}'`;
  if (typeof module.handleCommand !== 'function') throw bad(`${where} has no handleCommand function`);
  if (!PRIORITY_SET.has(config.priority as string)) {
    throw bad(`${where} has priority ${q(config.priority)}; use one of ${MODULE_PRIORITIES.join(', ')}`);
  }
  if (!isArray(config.commandPrefixes)) throw bad(`${where}: commandPrefixes must be an array of strings (it may be empty)`);
  const seen = new Set<string>();
  for (const p of config.commandPrefixes) {
    if (typeof p !== 'string' || p.length === 0 || /\s/.test(p)) {
      throw bad(`${where}: command prefix ${q(p)} must be a non-empty string without whitespace, e.g. "${name}/"`);
    }
    if (seen.has(p)) throw bad(`${where} lists command prefix ${q(p)} twice`);
    seen.add(p);
  }
  const events = config.eventSubscriptions ?? [];
  const artifacts = config.artifactSubscriptions ?? [];
  if (!isArray(events) || events.some((e) => typeof e !== 'string')) throw bad(`${where}: eventSubscriptions must be an array of colon-glob strings`);
  if (!isArray(artifacts)) throw bad(`${where}: artifactSubscriptions must be an array of selectors (exact(key) / prefix(p))`);
  if ((events.length > 0 || artifacts.length > 0) && typeof module.handleEvent !== 'function') {
    throw bad(`${where} subscribes to events or artifacts but has no handleEvent; add one, or the deliveries would be dropped`);
  }
  for (const hook of ['initialize', 'shutdown'] as const) {
    if (module[hook] !== undefined && typeof module[hook] !== 'function') throw bad(`${where}: ${hook} must be a function when present`);
  }
  return Object.freeze({
    name,
    commandPrefixes: Object.freeze([...config.commandPrefixes]),
    eventSubscriptions: Object.freeze([...events]),
    artifactSubscriptions: Object.freeze([...artifacts]),
    priority: config.priority as ModulePriority,
  });
}
