// The topics a conversation load's channels can talk about: the synthetic memory world's topic clusters (real English
// words, each with its task domain), so the hippocampus's embeddings see messages on one topic as alike.
import { FILLER_WORDS, SYNTHETIC_TOPICS, type SyntheticTopic } from '../../memory/synthetic/vocabulary.js';

/** A conversation topic: its name, task domain (`code`, `design`, `support`, `planning`, …) and its words. */
export type ConversationTopic = SyntheticTopic;

/** Every topic a channel may name, by name. */
export const CONVERSATION_TOPICS: ReadonlyMap<string, ConversationTopic> = new Map(SYNTHETIC_TOPICS.map((t) => [t.name, t]));

/** The topic names, in catalogue order (for messages and the JSON Schema). */
export const CONVERSATION_TOPIC_NAMES: readonly string[] = SYNTHETIC_TOPICS.map((t) => t.name);

/** Words any message may use besides its topic's. */
export const CONVERSATION_FILLER: readonly string[] = FILLER_WORDS;

/** The topic of `name`; throws for an unknown name (the validator refuses those first). */
export function topicNamed(name: string): ConversationTopic {
  const topic = CONVERSATION_TOPICS.get(name);
  if (!topic) throw new RangeError(`unknown conversation topic "${name}"; known: ${CONVERSATION_TOPIC_NAMES.join(', ')}`);
  return topic;
}
