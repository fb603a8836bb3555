// The text of a generated chat message: words of its topic mixed with everyday filler, shaped by its intent cues —
// a question, a code block, a deadline reference — the cues the hippocampus's predictor looks for (§2 algorithm 5).
import type { Random } from '../../runtime/random.js';
import { CONVERSATION_FILLER, type ConversationTopic } from './topic-catalog.js';

/** The intent cues of one message. */
export interface MessageCues {
  question: boolean;
  code: boolean;
  deadline: boolean;
}

const QUESTION_OPENERS = ['how do we', 'what about', 'can someone check', 'why is', 'does anyone know', 'should we'];
const DEADLINES = ['by friday', 'before the deadline tomorrow', 'due end of day', 'needed by monday', 'deadline is next week'];

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random.next() * list.length)]!;

/**
 * Builds a message on `topic` with `cues`: 3–6 topic words and 1–3 filler words, a question opener and a `?` for a
 * question, a fenced code line for code, a deadline phrase for a deadline. Draws only from `random`.
 *
 * @example
 * messageText(createRandom(1), topicNamed('ci'), { question: true, code: false, deadline: false });
 * // 'why is flaky runner cache check build?'
 */
export function messageText(random: Random, topic: ConversationTopic, cues: MessageCues): string {
  const words: string[] = [];
  const topical = 3 + Math.floor(random.next() * 4);
  for (let i = 0; i < topical; i++) words.push(pick(random, topic.words));
  const filler = 1 + Math.floor(random.next() * 3);
  for (let i = 0; i < filler; i++) words.splice(Math.floor(random.next() * (words.length + 1)), 0, pick(random, CONVERSATION_FILLER));
  let text = words.join(' ');
  if (cues.question) text = `${pick(random, QUESTION_OPENERS)} ${text}?`;
  if (cues.deadline) text = `${text} ${pick(random, DEADLINES)}`;
  if (cues.code) text = `${text}\n\`\`\`\n${pick(random, topic.words)}.${pick(random, topic.words)}(${pick(random, topic.words)})\n\`\`\``;
  return text;
}
