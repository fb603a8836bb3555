// The JSON Schema parts of the conversation load and the cognition expectations, built from the validator's own
// rules (scenario-schema.ts joins them into scenarios/scenario.schema.json).
import { SLEEP_PHASES } from '../../runtime/signals.js';
import { NUMBER_RULES, SIZE_LIMITS, type NumberRule } from '../scenario-limits.js';
import { CONSOLIDATION_METRICS, CONVERSATION_METRICS, CONVERSATION_RUNS, PREDICTOR_VERDICTS } from './cognition-expectation-types.js';
import { CONVERSATION_LIMITS as L } from './conversation-load-event.js';
import { HANDLE_BUFFERS } from './handle-counters.js';
import { CONVERSATION_TOPIC_NAMES } from './topic-catalog.js';
import { CONVERSATION_CHANCES, CONVERSATION_RULES, SLOWED_FACTOR_RULE_VALUE } from './validate-conversation.js';

type Schema = Record<string, unknown>;
const n = (rule: NumberRule): Schema => ({ type: rule.type, ...(rule.minimum !== undefined ? { minimum: rule.minimum } : {}), ...(rule.exclusiveMinimum !== undefined ? { exclusiveMinimum: rule.exclusiveMinimum } : {}), maximum: rule.maximum });
const obj = (properties: Schema, required: string[] = [], extra: Schema = {}): Schema => ({ type: 'object', additionalProperties: false, ...(required.length ? { required } : {}), properties, ...extra });
const strings = (items: Schema, maxItems: number): Schema => ({ type: 'array', minItems: 1, maxItems, uniqueItems: true, items });

/** The `{ type: 'load', kind: 'conversation' }` event. `time` and `persona` are the scenario schema's. */
export function conversationLoadSchema(time: Schema, persona: Schema): Schema {
  const R = CONVERSATION_RULES;
  return obj({
    at: time, type: { const: 'load' }, kind: { const: 'conversation' },
    channels: {
      type: 'array', minItems: 1, maxItems: L.channels,
      items: obj({
        id: { type: 'string', minLength: 1, maxLength: SIZE_LIMITS.idLength, pattern: '^\\S+$' },
        members: strings(persona, L.membersPerChannel),
        lurkers: strings(persona, L.membersPerChannel),
        topics: strings({ enum: [...CONVERSATION_TOPIC_NAMES] }, L.topicsPerChannel),
        messagesPerMinute: n(R.messagesPerMinute),
      }, ['id', 'members', 'topics']),
    },
    messagesPerMinute: n(R.messagesPerMinute),
    bursts: obj({ burstMs: n(R.spellMs), quietMs: n(R.spellMs), quietFactor: n(R.quietFactor) }, ['burstMs', 'quietMs']),
    ...Object.fromEntries(CONVERSATION_CHANCES.map((c) => [c, n(R.chance)])),
    usersPerChannel: n(R.usersPerChannel),
    untilMs: time,
  }, ['at', 'type', 'kind', 'channels', 'messagesPerMinute']);
}

/** The cognition expectation kinds, by type. `x` builds an expectation object with the common fields. */
export function cognitionExpectationSchemas(x: (type: string, properties: Schema, required: string[], extra?: Schema) => Schema, time: Schema, persona: Schema, region: Schema): Record<'conversation' | 'predictor' | 'phase-reached' | 'slowed' | 'consolidation', Schema> {
  const bound = n(NUMBER_RULES.metric.bound);
  return {
    conversation: x('conversation', {
      metric: { enum: [...CONVERSATION_METRICS] }, buffer: { enum: [...HANDLE_BUFFERS] }, persona, fromMs: time, run: { enum: [...CONVERSATION_RUNS] }, min: bound, max: bound,
    }, ['metric'], { anyOf: [{ required: ['min'] }, { required: ['max'] }] }),
    predictor: x('predictor', { equals: { enum: [...PREDICTOR_VERDICTS] }, persona, fromMs: time }, ['equals']),
    'phase-reached': x('phase-reached', { equals: { enum: [...SLEEP_PHASES] }, fromMs: time }, ['equals']),
    consolidation: x('consolidation', { metric: { enum: [...CONSOLIDATION_METRICS] }, phase: { enum: [...SLEEP_PHASES] }, fromMs: time, min: bound, max: bound }, ['metric', 'phase'], { anyOf: [{ required: ['min'] }, { required: ['max'] }] }),
    slowed: x('slowed', { region, persona, than: persona, fromMs: time, factor: n(SLOWED_FACTOR_RULE_VALUE) }, ['region'], { anyOf: [{ required: ['fromMs'] }, { required: ['than'] }] }),
  };
}
