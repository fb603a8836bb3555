// Composite ready-buffer keys: one string for a (persona, channel) pair, and its inverse.
import { IdError } from './errors.js';
import { channelId, personaId, type Brand, type ChannelId, type PersonaId } from './ids.js';
import { describeError } from './describe.js';

/** A ready-buffer key made by `bufferKey`: `<personaId>|<channelId>`. */
export type BufferKey = Brand<string, 'BufferKey'>;

/**
 * The separator. Persona ids cannot contain it (`PERSONA_ID_PATTERN`), so the first `|` in a key always
 * ends the persona part and the channel part may contain anything — including `|` — without escaping.
 */
export const BUFFER_KEY_SEPARATOR = '|';

/**
 * Encodes a (persona, channel) pair as one buffer key, e.g. `bufferKey(p, c)` → `"persona-1|general"`.
 * Distinct pairs give distinct keys, and `parseBufferKey` inverts it. Throws an `IdError` when the
 * persona part contains `|` (impossible for an id made by `personaId`).
 *
 * @example
 * const key = bufferKey(personaId('ada'), channelId('#general|2'));  // 'ada|#general|2'
 * parseBufferKey(key); // { personaId: 'ada', channelId: '#general|2' }
 */
export function bufferKey(persona: PersonaId, channel: ChannelId): BufferKey {
  if (persona.includes(BUFFER_KEY_SEPARATOR)) {
    throw new IdError(
      `buffer key: persona id "${persona}" contains "${BUFFER_KEY_SEPARATOR}"; build persona ids with personaId()`,
      { persona, channel },
    );
  }
  return `${persona}${BUFFER_KEY_SEPARATOR}${channel}` as BufferKey;
}

/** Splits a key made by `bufferKey` back into its persona and channel ids; throws an `IdError` for anything else. */
export function parseBufferKey(key: string): { personaId: PersonaId; channelId: ChannelId } {
  const at = typeof key === 'string' ? key.indexOf(BUFFER_KEY_SEPARATOR) : -1;
  if (at < 0) {
    throw new IdError(
      `buffer key ${JSON.stringify(key)} has no "${BUFFER_KEY_SEPARATOR}"; keys are made by bufferKey(personaId, channelId)`,
      { key },
    );
  }
  const persona = key.slice(0, at);
  const channel = key.slice(at + 1);
  try {
    return { personaId: personaId(persona), channelId: channelId(channel) };
  } catch (e) {
    throw new IdError(`buffer key ${JSON.stringify(key)}: ${describeError(e)}`, { key });
  }
}
