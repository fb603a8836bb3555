// What the parts of the scenario validator share: the problem collector, the scenario's duration, regions and
// personas, and the checks of times, persona ids and region references that every part uses.
import { PERSONA_ID_PATTERN } from '../runtime/ids.js';
import { catalogScope } from './region-catalog.js';
import type { ScenarioRegion } from './scenario-types.js';
import { NUMBER_RULES, SIZE_LIMITS } from './scenario-limits.js';
import { oneOf, pathOf, show, type Checker, type Obj } from './validation-kit.js';

/** A create or destroy of a persona, from `personas` or the timeline, to check the lifecycle's order. */
export interface LifecycleStep {
  at: number;
  order: number;
  kind: 'create' | 'destroy';
  persona: string;
  path: string;
}

export interface ValidationContext {
  c: Checker;
  /** `durationMs` when valid, else Infinity (times are then only checked against their rule). */
  duration: number;
  regions: Map<string, ScenarioRegion>;
  /** Regions whose `channels` are invalid: their buffer keys are unknown, so loads of them are not checked. */
  unknownKeys: Set<string>;
  personas: Set<string>;
  lifecycle: LifecycleStep[];
  /** Conversation loads in the timeline (counted while it is checked). */
  conversationLoads?: number;
  /** The scenario's `baseline`, when valid. */
  baseline?: string;
}

export const PERSONA_RULE = {
  maxLength: SIZE_LIMITS.idLength,
  pattern: PERSONA_ID_PATTERN,
  patternRule: 'persona ids are letters, digits, "_", "." or "-", starting with a letter or digit',
};

/** Checks a time field (0…durationMs); returns it when valid. */
export function checkTime(x: ValidationContext, o: Obj, field: string, path: string, required: boolean): number | undefined {
  if (!x.c.num(o, field, path, NUMBER_RULES.time, required)) return undefined;
  const t = o[field] as number;
  if (t > x.duration) {
    x.c.add(pathOf(path, field), `${t} is past the end of the run (durationMs ${x.duration})`);
    return undefined;
  }
  return t;
}

/** Checks a persona id field; returns it when valid. */
export function checkPersonaId(x: ValidationContext, o: Obj, field: string, path: string): string | undefined {
  return x.c.str(o, field, path, PERSONA_RULE) ? (o[field] as string) : undefined;
}

/**
 * Checks `o.region` names one of the scenario's regions and `o.persona` fits its scope (a per-persona region needs
 * a known persona when `personaRule` says so; a global one takes none). Returns the region when valid.
 */
export function checkRegionRef(x: ValidationContext, o: Obj, path: string, personaRule: 'required-for-per-persona' | 'optional'): ScenarioRegion | undefined {
  if (!x.c.str(o, 'region', path, { maxLength: SIZE_LIMITS.idLength })) return undefined;
  const id = o.region as string;
  const region = x.regions.get(id);
  if (!region) {
    x.c.add(`${path}.region`, `region ${show(id)} is not in this scenario's regions${x.regions.size ? ` (${oneOf([...x.regions.keys()])})` : ''}`);
    return undefined;
  }
  const scope = catalogScope(id);
  if (o.persona !== undefined) {
    if (scope === 'global') x.c.add(`${path}.persona`, `region ${show(id)} is global; leave out "persona"`);
    else if (typeof o.persona !== 'string' || !x.personas.has(o.persona)) {
      const known = [...x.personas].slice(0, 20);
      x.c.add(`${path}.persona`, `unknown persona ${show(o.persona)}; known: ${known.length ? oneOf(known) : '(none)'}${x.personas.size > known.length ? ', …' : ''}`);
    }
  } else if (scope === 'per-persona' && personaRule === 'required-for-per-persona') {
    x.c.add(`${path}.persona`, `region ${show(id)} is per-persona; name the persona whose buffer is read`);
  }
  return region;
}
