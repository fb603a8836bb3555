// Validation of a scenario's timeline: each event's fields for its type, pressure signals with exactly their
// kind's fields, and command params with exactly their command's fields — every problem at its JSON path.
import { PRESSURE_SIGNAL_KINDS, SLEEP_PHASES, THERMAL_SEVERITIES, pressureSignalProblems } from '../runtime/signals.js';
import { catalogKeys } from './region-catalog.js';
import { SIM_COMMAND_NAMES } from './sim-commands.js';
import { inferenceLoadProblems } from './inference-load-event.js';
import { checkConversationLoad } from './conversation/validate-conversation.js';
import { TIMELINE_EVENT_TYPES } from './scenario-types.js';
import { NUMBER_RULES, SIZE_LIMITS } from './scenario-limits.js';
import { checkPersonaId, checkRegionRef, checkTime, type ValidationContext } from './validate-context.js';
import { isObj, oneOf, show, type Obj } from './validation-kit.js';

/** The payload field of each pressure signal kind. */
export const SIGNAL_FIELDS = Object.freeze({
  thermal: 'severity',
  'battery-low': 'remainingPct',
  'system-mem-high': 'usedPct',
  'vram-high': 'usedPct',
  'user-active': 'foreground',
  'inference-queue-depth': 'depth',
  'speculation-miss-rate': 'rate',
} as const);

/** The params each command takes (`persona` of `substrate/peek` only for a per-persona region). */
export const COMMAND_PARAMS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'substrate/status': [],
  'substrate/peek': ['region', 'persona', 'key'],
  'substrate/pressure': ['signal'],
  'substrate/sleep': ['phase'],
});

/** Checks a pressure signal: a known kind with exactly its one payload field, within its bound. */
export function checkSignal(x: ValidationContext, value: unknown, path: string): void {
  const { c } = x;
  if (!isObj(value)) return c.add(path, `a pressure signal must be an object like { "kind": "vram-high", "usedPct": 92 }, got ${show(value)}`);
  if (!(PRESSURE_SIGNAL_KINDS as readonly unknown[]).includes(value.kind)) {
    return c.add(`${path}.kind`, `unknown pressure signal kind ${show(value.kind)}; expected one of ${oneOf(PRESSURE_SIGNAL_KINDS)}`);
  }
  const kind = value.kind as keyof typeof SIGNAL_FIELDS;
  const field = SIGNAL_FIELDS[kind];
  const before = c.problems.length;
  c.known(value, path, ['kind', field]);
  if (field === 'severity') c.member(value, field, path, THERMAL_SEVERITIES);
  else if (field === 'foreground') {
    if (typeof value.foreground !== 'boolean') c.add(`${path}.foreground`, `${kind}: must be true or false, got ${show(value.foreground)}`);
  } else c.num(value, field, path, NUMBER_RULES.signal[field], true);
  if (c.problems.length === before) for (const p of pressureSignalProblems(value, path)) c.add(p.path, p.message); // the substrate's own rule
}

function checkCommand(x: ValidationContext, e: Obj, path: string): void {
  const { c } = x;
  if (!c.member(e, 'command', path, SIM_COMMAND_NAMES)) {
    if (e.params !== undefined && !isObj(e.params)) c.add(`${path}.params`, `must be an object, got ${show(e.params)}`);
    return;
  }
  const command = e.command as string;
  const at = `${path}.params`;
  if (e.params !== undefined && !isObj(e.params)) c.add(at, `must be an object, got ${show(e.params)}`);
  const params = isObj(e.params) ? e.params : {};
  c.known(params, at, COMMAND_PARAMS[command]!);
  switch (command) {
    case 'substrate/pressure':
      checkSignal(x, params.signal, `${at}.signal`);
      break;
    case 'substrate/sleep':
      c.member(params, 'phase', at, SLEEP_PHASES);
      break;
    case 'substrate/peek':
      checkRegionRef(x, params, at, 'required-for-per-persona');
      c.str(params, 'key', at, { maxLength: SIZE_LIMITS.idLength });
      break;
  }
}

/** Checks one timeline event at `$.timeline[index]`. */
export function checkTimelineEvent(x: ValidationContext, e: unknown, index: number): void {
  const { c } = x;
  const path = `$.timeline[${index}]`;
  if (!isObj(e)) return c.add(path, `must be an object with "at" and "type", got ${show(e)}`);
  const at = checkTime(x, e, 'at', path, true);
  if (!(TIMELINE_EVENT_TYPES as readonly unknown[]).includes(e.type)) {
    return c.add(`${path}.type`, `unknown event type ${show(e.type)}; expected one of ${oneOf(TIMELINE_EVENT_TYPES)}`);
  }
  switch (e.type) {
    case 'pressure':
      c.known(e, path, ['at', 'type', 'signal']);
      checkSignal(x, e.signal, `${path}.signal`);
      break;
    case 'sleep':
      c.known(e, path, ['at', 'type', 'phase']);
      c.member(e, 'phase', path, SLEEP_PHASES);
      break;
    case 'persona-create':
    case 'persona-destroy': {
      c.known(e, path, ['at', 'type', 'persona']);
      const id = checkPersonaId(x, e, 'persona', path);
      if (id !== undefined && at !== undefined) x.lifecycle.push({ at, order: index, kind: e.type === 'persona-create' ? 'create' : 'destroy', persona: id, path });
      break;
    }
    case 'load': {
      if (e.kind === 'conversation') {
        checkConversationLoad(x, e, path, at); // personas chatting (src/sim/conversation/)
        x.conversationLoads = (x.conversationLoads ?? 0) + 1;
        break;
      }
      if (e.kind === 'inference') {
        // an inference workload (src/sim/inference-load-event.ts): its own fields and bounds
        for (const p of inferenceLoadProblems(e, path, new Set(x.regions.keys()))) c.add(p.path, p.message);
        if (typeof e.persona === 'string' && !x.personas.has(e.persona)) c.add(`${path}.persona`, `unknown persona ${show(e.persona)}; known: ${x.personas.size ? oneOf([...x.personas]) : '(none)'}`);
        break;
      }
      c.known(e, path, ['at', 'type', 'region', 'persona', 'key', 'readsPerSecond', 'untilMs']);
      const region = checkRegionRef(x, e, path, 'required-for-per-persona');
      if (c.str(e, 'key', path, { maxLength: SIZE_LIMITS.idLength }) && region && !x.unknownKeys.has(region.id)) {
        const keys = catalogKeys(region);
        if (!keys.includes(e.key as string)) c.add(`${path}.key`, `region ${show(region.id)} publishes ${oneOf(keys)}; got ${show(e.key)}`);
      }
      c.num(e, 'readsPerSecond', path, NUMBER_RULES.load.readsPerSecond, true);
      const until = checkTime(x, e, 'untilMs', path, false);
      if (until !== undefined && at !== undefined && until <= at) c.add(`${path}.untilMs`, `must be after "at" (${at}), got ${until}`);
      break;
    }
    case 'fault':
      c.known(e, path, ['at', 'type', 'region', 'persona', 'ticks']);
      checkRegionRef(x, e, path, 'optional');
      c.num(e, 'ticks', path, NUMBER_RULES.fault.ticks, true);
      break;
    case 'command':
      c.known(e, path, ['at', 'type', 'command', 'params']);
      checkCommand(x, e, path);
      break;
  }
}

/** Persona ids the timeline creates (they may be referred to anywhere). */
export function timelinePersonas(timeline: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const e of timeline) if (isObj(e) && e.type === 'persona-create' && typeof e.persona === 'string') ids.push(e.persona);
  return ids;
}
