// The parameters of `generate/module` and `generate/region` (typed request schemas), their checks beyond the
// schema, and the normalized specs the templates render from; also the response data both commands return.
import { isArtifactKey } from '../../runtime/artifact-selector.js';
import { isEventName, isEventPattern } from '../../runtime/glob.js';
import { MODULE_PRIORITIES, type ModulePriority } from '../../runtime/modules.js';
import type { RegionScope } from '../../runtime/region.js';
import { s, type InferShape } from '../../runtime/schema.js';
import { COMPUTE_CLASSES, MEMORY_CLASSES, PRESSURE_SIGNAL_KINDS, type ComputeClass, type MemoryClass, type PressureSignalKind } from '../../runtime/signals.js';
import { GeneratorError } from './generator-error.js';
import { validateName, type GeneratedKind } from './names.js';

/** The longest description accepted, and the most entries in each list. */
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_LIST_LENGTH = 64;

const list = s.optional(s.array(s.string(), { maxLength: MAX_LIST_LENGTH }));
const description = s.optional(s.string({ maxLength: MAX_DESCRIPTION_LENGTH }));

/** `generate/module` params (flat, beside the envelope's handle / sessionId / userId). */
export const generateModuleSchema = s.object({
  name: s.string(),
  description,
  commands: list,
  eventsSubscribed: list,
  eventsPublished: list,
  priority: s.optional(s.enum(MODULE_PRIORITIES)),
  force: s.optional(s.boolean()),
});
export type GenerateModuleParams = InferShape<typeof generateModuleSchema.shape>;

export const REGION_SCOPES = ['global', 'per-persona'] as const satisfies readonly RegionScope[];

/** `generate/region` params. */
export const generateRegionSchema = s.object({
  name: s.string(),
  description,
  scope: s.optional(s.enum(REGION_SCOPES)),
  memoryClass: s.optional(s.enum(MEMORY_CLASSES)),
  computeClass: s.optional(s.enum(COMPUTE_CLASSES)),
  respondsTo: s.optional(s.array(s.enum(PRESSURE_SIGNAL_KINDS), { maxLength: PRESSURE_SIGNAL_KINDS.length })),
  force: s.optional(s.boolean()),
});
export type GenerateRegionParams = InferShape<typeof generateRegionSchema.shape>;

/** A module to generate, with defaults applied and every entry checked. */
export interface ModuleSpec {
  readonly name: string;
  readonly description: string;
  /** Full command names, each starting with `<name>/`. */
  readonly commands: readonly string[];
  readonly eventsSubscribed: readonly string[];
  readonly eventsPublished: readonly string[];
  readonly priority: ModulePriority;
  readonly force: boolean;
}

/** A region to generate, with defaults applied. */
export interface RegionSpec {
  readonly name: string;
  readonly description: string;
  readonly scope: RegionScope;
  readonly memoryClass: MemoryClass;
  readonly computeClass: ComputeClass;
  readonly respondsTo: readonly PressureSignalKind[];
  readonly force: boolean;
}

/** What both commands answer (flat data of the response envelope). */
export interface GenerateResult {
  readonly kind: GeneratedKind;
  readonly name: string;
  /** The created directory, relative to the root: `src/actors/<name>`. */
  readonly path: string;
  /** Every file written, relative to the root, in write order. */
  readonly filesCreated: string[];
  /** Those of `filesCreated` that existed before and were replaced (only with `force`). */
  readonly filesReplaced: string[];
  /** What to do to wire it in. */
  readonly nextStep: string;
}

/** The rest of a command after the module's prefix: segments of letters, digits, `.`, `_`, `-`, joined by `/`. */
const COMMAND_REST = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

const invalid = (kind: GeneratedKind, field: string, message: string, value: unknown): GeneratorError =>
  new GeneratorError('invalid-request', `generate/${kind}: field ${JSON.stringify(field)} ${message}`, { field, value });

/** One line, whitespace collapsed, no control characters (it lands in comments, strings and Markdown). */
function normalizeDescription(kind: GeneratedKind, name: string, text: string | undefined): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  if (/[\u0000-\u001f\u007f]/.test(line)) throw invalid(kind, 'description', 'must not contain control characters', text);
  return line.length > 0 ? line : `TODO: say what the ${name} ${kind} does.`;
}

function noDuplicates(kind: GeneratedKind, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    if (seen.has(v)) throw invalid(kind, `${field}[${i}]`, `repeats ${JSON.stringify(v)}; list each once`, v);
    seen.add(v);
  }
}

/**
 * Applies the defaults and checks what the schema cannot: the name rules, that each command lies under
 * `<name>/` (a bare `send` becomes `<name>/send`), subscriptions are colon-glob patterns, published names are event
 * names or artifact keys, and no list repeats an entry.
 *
 * @throws {GeneratorError} `invalid-name` or `invalid-request`, naming the field.
 */
export function moduleSpec(params: GenerateModuleParams): ModuleSpec {
  const name = validateName(params.name, 'module');
  const prefix = `${name}/`;
  const commands = (params.commands ?? []).map((raw, i) => {
    const full = raw.includes('/') ? raw : `${prefix}${raw}`;
    if (!full.startsWith(prefix)) {
      throw invalid('module', `commands[${i}]`, `is ${JSON.stringify(raw)}, which does not start with the module's prefix "${prefix}" (the runtime would never route it here); write it as "${prefix}…" or just the part after the prefix`, raw);
    }
    if (!COMMAND_REST.test(full.slice(prefix.length))) {
      throw invalid('module', `commands[${i}]`, `is ${JSON.stringify(raw)}; after "${prefix}" use segments of letters, digits, ".", "_" or "-" joined by "/" (e.g. "${prefix}recall")`, raw);
    }
    return full;
  });
  noDuplicates('module', 'commands', commands);
  const eventsSubscribed = [...(params.eventsSubscribed ?? [])];
  eventsSubscribed.forEach((p, i) => {
    if (!isEventPattern(p)) throw invalid('module', `eventsSubscribed[${i}]`, `is ${JSON.stringify(p)}, not a colon-glob event pattern such as "persona:*" or "data:*:created"`, p);
  });
  noDuplicates('module', 'eventsSubscribed', eventsSubscribed);
  const eventsPublished = [...(params.eventsPublished ?? [])];
  eventsPublished.forEach((e, i) => {
    if (!isEventName(e) && !isArtifactKey(e)) {
      throw invalid('module', `eventsPublished[${i}]`, `is ${JSON.stringify(e)}, neither an event name ("chat:message:sent") nor an artifact key ("chat/message.sent")`, e);
    }
  });
  noDuplicates('module', 'eventsPublished', eventsPublished);
  return {
    name,
    description: normalizeDescription('module', name, params.description),
    commands,
    eventsSubscribed,
    eventsPublished,
    priority: params.priority ?? 'normal',
    force: params.force ?? false,
  };
}

/**
 * Applies the defaults (`per-persona`, `light`, `bookkeeping`, no `respondsTo`) and checks the name.
 *
 * @throws {GeneratorError} `invalid-name` or `invalid-request`.
 */
export function regionSpec(params: GenerateRegionParams): RegionSpec {
  const name = validateName(params.name, 'region');
  const respondsTo = [...(params.respondsTo ?? [])];
  noDuplicates('region', 'respondsTo', respondsTo);
  return {
    name,
    description: normalizeDescription('region', name, params.description),
    scope: params.scope ?? 'per-persona',
    memoryClass: params.memoryClass ?? 'light',
    computeClass: params.computeClass ?? 'bookkeeping',
    respondsTo,
    force: params.force ?? false,
  };
}
