// The scenario timeline event `{ type: 'load', kind: 'conversation' }`: personas chatting on channels with topics,
// generated from the run's seed (see conversation-generator.ts) and handled by `substrate.handle(...)` per message.

/** One channel of a conversation load: who is in it and what it talks about. */
export interface ConversationChannel {
  /** Channel id (printable text without whitespace). */
  id: string;
  /** Personas in the channel: each handles every message on it that it did not write itself. */
  members: string[];
  /**
   * Personas that read the channel but never answer: each message goes into their working memory and their handler
   * reads only the hippocampus's prefetch — never the motor cortex's candidates (a motor cortex nobody reads).
   * Not also in `members`. @default []
   */
  lurkers?: string[];
  /** Topic names from the built-in topic catalogue (`CONVERSATION_TOPICS`); the first is where the talk starts. */
  topics: string[];
  /** Mean messages per minute while the channel is in a burst. @default the load's `messagesPerMinute` */
  messagesPerMinute?: number;
}

/** Bursts and quiet spells: the channel alternates between them (exponential spell lengths). */
export interface ConversationBursts {
  /** Mean length of a burst, ms. */
  burstMs: number;
  /** Mean length of a quiet spell between bursts, ms. */
  quietMs: number;
  /** Rate during a quiet spell as a fraction of the burst rate (0 = silent). @default 0.1 */
  quietFactor?: number;
}

/**
 * Conversation load: from `at` to `untilMs`, messages arrive on each channel (Poisson arrivals, modulated by
 * bursts and quiet spells), drawn from a random source seeded from the run's seed and the event's index, so the
 * same scenario and seed give the same conversation whatever the regions do. Each message is handled by every
 * member persona except its author; reactions follow some messages.
 */
export interface ConversationLoadEvent {
  at: number;
  type: 'load';
  kind: 'conversation';
  channels: ConversationChannel[];
  /** Mean messages per minute per channel (in a burst, when `bursts` is given). */
  messagesPerMinute: number;
  /** @default none: a steady rate */
  bursts?: ConversationBursts;
  /** Chance that a message moves the channel to another of its topics (a task-domain shift when the domain differs). @default 0.05 */
  topicShift?: number;
  /** Chance that a message is a question. @default 0.3 */
  questionRate?: number;
  /** Chance that a message carries a code block. @default 0.15 */
  codeRate?: number;
  /** Chance that a message refers to a deadline. @default 0.05 */
  deadlineRate?: number;
  /** Chance that a message gets a reaction (a few seconds later). @default 0.2 */
  reactionRate?: number;
  /** Chance that a message's author is one of the channel's member personas rather than a user. @default 0.25 */
  personaAuthorRate?: number;
  /** Distinct human users per channel. @default 3 */
  usersPerChannel?: number;
  /** @default the end of the run */
  untilMs?: number;
}

/** The defaults of a conversation load's optional fields. */
export const CONVERSATION_DEFAULTS = Object.freeze({
  topicShift: 0.05,
  questionRate: 0.3,
  codeRate: 0.15,
  deadlineRate: 0.05,
  reactionRate: 0.2,
  personaAuthorRate: 0.25,
  usersPerChannel: 3,
  quietFactor: 0.1,
});

/** Bounds of a conversation load (the validator enforces them; docs/scenarios.md lists them). */
export const CONVERSATION_LIMITS = Object.freeze({
  channels: 64,
  membersPerChannel: 1000,
  topicsPerChannel: 64,
  /** Per channel. */
  maxMessagesPerMinute: 6000,
  maxUsersPerChannel: 1000,
  /** Spell lengths, ms. */
  minSpellMs: 100,
  maxSpellMs: 24 * 3_600_000,
});

/** True when a timeline event is a conversation load. */
export const isConversationLoad = (event: unknown): event is ConversationLoadEvent =>
  typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'load' && (event as { kind?: unknown }).kind === 'conversation';
