// A deterministic conversation workload for the genome: one blend per turn over topic adapters, the topic shifting
// now and then (often back to a recent one), as algorithm 6 would produce from recall.
import { ValidationError } from '../../runtime/errors.js';
import { createRandom } from '../../runtime/random.js';
import { CONVERSATIONAL_ADAPTER, normalizeWeights, type GenomeBlend } from './blend.js';

export interface TopicShiftOptions {
  seed: number;
  turns: number;
  /** Topic adapters. @default ['code', 'math', 'travel', 'cooking', 'legal', 'music', 'health', 'finance'] */
  topics?: readonly string[];
  /** Chance per turn that the topic shifts. @default 0.2 */
  shiftProbability?: number;
  /** Chance that a shift returns to one of the last three topics. @default 0.5 */
  returnProbability?: number;
  /** Turns the previous topic keeps its weight after a shift. @default 2 */
  lingerTurns?: number;
}

/** One turn: its topic and the blend the hippocampus would publish for it. */
export interface TopicTurn {
  readonly topic: string;
  readonly blend: GenomeBlend;
}

export const DEFAULT_TOPICS = ['code', 'math', 'travel', 'cooking', 'legal', 'music', 'health', 'finance'] as const;

/**
 * The blends of a conversation: the current topic weighs 0.55, the conversational adapter 0.25, the previous
 * topic 0.15 for `lingerTurns` turns after a shift (then that weight goes to the current topic), and one random
 * other topic 0.05 (noise below the default threshold). Same options → the same blends.
 *
 * @example
 * const turns = topicShiftBlends({ seed: 7, turns: 200 }); // [{ topic, blend }, …], the same for the same seed
 */
export function topicShiftBlends(options: TopicShiftOptions): TopicTurn[] {
  const topics = [...(options.topics ?? DEFAULT_TOPICS)];
  if (topics.length < 3) throw new ValidationError('topicShiftBlends: give at least three topics');
  if (!Number.isSafeInteger(options.turns) || options.turns < 0) throw new ValidationError('topicShiftBlends: turns must be a whole number ≥ 0');
  const shift = options.shiftProbability ?? 0.2;
  const back = options.returnProbability ?? 0.5;
  const linger = options.lingerTurns ?? 2;
  const random = createRandom(options.seed);
  const pick = (from: readonly string[]): string => from[random.int(0, from.length - 1)]!;
  const recent: string[] = [];
  let topic = pick(topics);
  let previous: string | undefined;
  let sinceShift = 0;
  const out: TopicTurn[] = [];
  for (let turn = 0; turn < options.turns; turn++) {
    if (turn > 0 && random.next() < shift) {
      const returning = recent.filter((t) => t !== topic);
      const next = returning.length > 0 && random.next() < back ? pick(returning) : pick(topics.filter((t) => t !== topic));
      previous = topic;
      topic = next;
      sinceShift = 0;
      recent.unshift(previous);
      recent.splice(3);
    }
    const weights: Record<string, number> = { [topic]: 0.55, [CONVERSATIONAL_ADAPTER]: 0.25 };
    const lingering = previous !== undefined && sinceShift < linger ? previous : undefined;
    sinceShift++;
    if (lingering !== undefined) weights[lingering] = 0.15;
    else weights[topic] = weights[topic]! + 0.15;
    const noise = pick(topics.filter((t) => t !== topic && t !== lingering));
    weights[noise] = (weights[noise] ?? 0) + 0.05;
    out.push({ topic, blend: { weights: normalizeWeights(weights) } });
  }
  return out;
}
