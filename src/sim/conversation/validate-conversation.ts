// Validation of a conversation load (`{ type: 'load', kind: 'conversation' }`): channels with known member personas
// and catalogue topics, rates and chances within their bounds — every problem at its exact JSON path.
import { OPAQUE_ID_PATTERN } from '../../runtime/ids.js';
import { COGNITION_REGION_IDS } from '../../actors/cognition/prefetch-types.js';
import { SIZE_LIMITS, type NumberRule } from '../scenario-limits.js';
import { checkTime, type ValidationContext } from '../validate-context.js';
import { isObj, oneOf, show, type Obj } from '../validation-kit.js';
import { CONVERSATION_LIMITS as L } from './conversation-load-event.js';
import { CONVERSATION_TOPICS, CONVERSATION_TOPIC_NAMES } from './topic-catalog.js';

export const CONVERSATION_LOAD_FIELDS = ['at', 'type', 'kind', 'channels', 'messagesPerMinute', 'bursts', 'topicShift', 'questionRate', 'codeRate', 'deadlineRate', 'reactionRate', 'personaAuthorRate', 'usersPerChannel', 'untilMs'] as const;
export const CONVERSATION_CHANNEL_FIELDS = ['id', 'members', 'lurkers', 'topics', 'messagesPerMinute'] as const;
export const CONVERSATION_BURST_FIELDS = ['burstMs', 'quietMs', 'quietFactor'] as const;
export const CONVERSATION_CHANCES = ['topicShift', 'questionRate', 'codeRate', 'deadlineRate', 'reactionRate', 'personaAuthorRate'] as const;

/** Bounds of a conversation load's numbers (also used by the JSON Schema and docs). */
export const CONVERSATION_RULES = Object.freeze({
  messagesPerMinute: { type: 'number', minimum: 0, maximum: L.maxMessagesPerMinute } as NumberRule,
  chance: { type: 'number', minimum: 0, maximum: 1 } as NumberRule,
  usersPerChannel: { type: 'integer', minimum: 1, maximum: L.maxUsersPerChannel } as NumberRule,
  spellMs: { type: 'number', minimum: L.minSpellMs, maximum: L.maxSpellMs } as NumberRule,
  quietFactor: { type: 'number', minimum: 0, maximum: 1 } as NumberRule,
});

/** A list field: an array of unique non-empty strings, each passing `each` (which reports its own problem). */
function uniqueStrings(x: ValidationContext, o: Obj, field: string, path: string, max: number, each: (v: string, at: string) => boolean): string[] | undefined {
  const v = o[field];
  const at = `${path}.${field}`;
  if (!Array.isArray(v) || v.length === 0) {
    x.c.add(at, `must be a non-empty array, got ${show(v)}`);
    return undefined;
  }
  if (v.length > max) {
    x.c.add(at, `has ${v.length} entries; the limit is ${max}`);
    return undefined;
  }
  let ok = true;
  v.forEach((item, i) => {
    if (typeof item !== 'string' || item.length === 0) {
      x.c.add(`${at}[${i}]`, `must be a non-empty string, got ${show(item)}`);
      ok = false;
    } else if (!each(item, `${at}[${i}]`)) ok = false;
  });
  if (ok && new Set(v).size !== v.length) {
    x.c.add(at, 'has an entry twice');
    return undefined;
  }
  return ok ? (v as string[]) : undefined;
}

function checkChannel(x: ValidationContext, ch: unknown, path: string): string | undefined {
  const { c } = x;
  if (!isObj(ch)) {
    c.add(path, `must be an object like { "id": "general", "members": ["alice"], "topics": ["food"] }, got ${show(ch)}`);
    return undefined;
  }
  c.known(ch, path, CONVERSATION_CHANNEL_FIELDS);
  const named = c.str(ch, 'id', path, { maxLength: SIZE_LIMITS.idLength, pattern: OPAQUE_ID_PATTERN, patternRule: 'a channel is printable text without whitespace' });
  const knownPersona = (p: string, at: string): boolean => {
    if (x.personas.has(p)) return true;
    const known = [...x.personas].slice(0, 20);
    c.add(at, `unknown persona ${show(p)}; known: ${known.length ? oneOf(known) : '(none)'}${x.personas.size > known.length ? ', …' : ''}`);
    return false;
  };
  const members = uniqueStrings(x, ch, 'members', path, L.membersPerChannel, knownPersona);
  if (ch.lurkers !== undefined) {
    const lurkers = uniqueStrings(x, ch, 'lurkers', path, L.membersPerChannel, knownPersona);
    const both = lurkers && members ? lurkers.filter((l) => members.includes(l)) : [];
    if (both.length) c.add(`${path}.lurkers`, `${oneOf(both)} ${both.length === 1 ? 'is' : 'are'} also in "members"; a persona either answers or lurks`);
  }
  uniqueStrings(x, ch, 'topics', path, L.topicsPerChannel, (t, at) => {
    if (CONVERSATION_TOPICS.has(t)) return true;
    c.add(at, `unknown topic ${show(t)}; the topic catalogue has ${oneOf(CONVERSATION_TOPIC_NAMES)}`);
    return false;
  });
  c.num(ch, 'messagesPerMinute', path, CONVERSATION_RULES.messagesPerMinute);
  return named ? (ch.id as string) : undefined;
}

/** Checks a conversation load at `path` (a `$.timeline[i]` whose `kind` is `conversation`); `at` is its valid time. */
export function checkConversationLoad(x: ValidationContext, e: Obj, path: string, at: number | undefined): void {
  const { c } = x;
  c.known(e, path, CONVERSATION_LOAD_FIELDS);
  if (!COGNITION_REGION_IDS.some((id) => x.regions.has(id))) {
    c.add(`${path}.kind`, `a conversation load is handled by substrate.handle(), which needs cognition: add the cognition regions to "regions" (${oneOf(COGNITION_REGION_IDS)})`);
  }
  const channels = e.channels;
  if (!Array.isArray(channels) || channels.length === 0) c.add(`${path}.channels`, `must be a non-empty array of channels like [{ "id": "general", "members": ["alice"], "topics": ["food"] }], got ${show(channels)}`);
  else if (channels.length > L.channels) c.add(`${path}.channels`, `has ${channels.length} channels; the limit is ${L.channels}`);
  else {
    const seen = new Map<string, number>();
    channels.forEach((ch, i) => {
      const id = checkChannel(x, ch, `${path}.channels[${i}]`);
      if (id === undefined) return;
      if (seen.has(id)) c.add(`${path}.channels[${i}].id`, `channel ${show(id)} is listed twice in this load (also at channels[${seen.get(id)}])`);
      else seen.set(id, i);
    });
  }
  c.num(e, 'messagesPerMinute', path, CONVERSATION_RULES.messagesPerMinute, true);
  if (e.bursts !== undefined) {
    if (!isObj(e.bursts)) c.add(`${path}.bursts`, `must be an object like { "burstMs": 120000, "quietMs": 300000 }, got ${show(e.bursts)}`);
    else {
      const at = `${path}.bursts`;
      c.known(e.bursts, at, CONVERSATION_BURST_FIELDS);
      c.num(e.bursts, 'burstMs', at, CONVERSATION_RULES.spellMs, true);
      c.num(e.bursts, 'quietMs', at, CONVERSATION_RULES.spellMs, true);
      c.num(e.bursts, 'quietFactor', at, CONVERSATION_RULES.quietFactor);
    }
  }
  for (const field of CONVERSATION_CHANCES) c.num(e, field, path, CONVERSATION_RULES.chance);
  c.num(e, 'usersPerChannel', path, CONVERSATION_RULES.usersPerChannel);
  const until = checkTime(x, e, 'untilMs', path, false);
  if (until !== undefined && at !== undefined && until <= at) c.add(`${path}.untilMs`, `must be after "at" (${at}), got ${until}`);
}

/** `factor` of a `slowed` expectation (kept here so the schema and the validator share it). */
export const SLOWED_FACTOR_RULE_VALUE: NumberRule = { type: 'number', exclusiveMinimum: 0, maximum: 1000 };
