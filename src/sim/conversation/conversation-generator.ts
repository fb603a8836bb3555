// The seeded conversation generator: turns a conversation load into a time-ordered stream of messages and reactions
// (lazily, one event at a time, so a long run holds only one pending event per channel plus pending reactions).
import { createRandom, type Random } from '../../runtime/random.js';
import { ActivitySpells } from './activity-spells.js';
import { CONVERSATION_DEFAULTS, type ConversationChannel, type ConversationLoadEvent } from './conversation-load-event.js';
import { messageText, type MessageCues } from './message-text.js';
import { mixSeed } from './seed-mix.js';
import { topicNamed, type ConversationTopic } from './topic-catalog.js';

/** A generated message: `recipients` are the member personas that handle it (every member but its author). */
export interface ConversationMessage {
  kind: 'message';
  /** Simulated ms since the run's start. */
  at: number;
  /** Its number within the load, from 0. */
  seq: number;
  channel: string;
  author: string;
  recipients: readonly string[];
  /** The channel's lurkers: they take the message in without answering (see `ConversationChannel.lurkers`). */
  observers: readonly string[];
  text: string;
  topic: string;
  domain: string;
  cues: MessageCues;
  /** True when this message moved the channel to another topic. */
  topicShift: boolean;
  /** True when that shift also changed the task domain. */
  domainShift: boolean;
}

/** A reaction to an earlier message (`seq`), seen by the personas that handled that message, but the one reacting. */
export interface ConversationReaction {
  kind: 'reaction';
  at: number;
  seq: number;
  channel: string;
  author: string;
  recipients: readonly string[];
  emoji: string;
}

export type ConversationEvent = ConversationMessage | ConversationReaction;

/** The mean delay of a reaction after its message, ms. */
export const REACTION_DELAY_MS = 5_000;
const EMOJI = ['+1', 'heart', 'laugh', 'eyes', 'rocket', 'tada'];

interface ChannelState {
  readonly spec: ConversationChannel;
  readonly random: Random;
  readonly spells: ActivitySpells;
  readonly topics: readonly ConversationTopic[];
  readonly users: readonly string[];
  topic: number;
  nextAt: number | undefined;
}

/**
 * Generates the events of one conversation load between `load.at` and `until` (exclusive), in time order. `seed` is
 * the run's seed; `stream` tells loads apart (the event's timeline index). Pure: the same arguments give the same
 * events, and nothing outside is touched.
 *
 * @example
 * const gen = new ConversationGenerator(load, 42, 7, 3_600_000);
 * for (let e = gen.next(); e; e = gen.next()) console.log(e.at, e.kind, e.channel);
 */
export class ConversationGenerator {
  readonly #channels: ChannelState[];
  readonly #reactions: ConversationReaction[] = [];
  readonly #until: number;
  readonly #o: Required<Omit<ConversationLoadEvent, 'bursts' | 'untilMs' | 'channels' | 'at' | 'type' | 'kind' | 'messagesPerMinute'>>;
  #seq = 0;

  constructor(private readonly load: ConversationLoadEvent, seed: number, stream: number, endOfRun: number) {
    const d = CONVERSATION_DEFAULTS;
    this.#o = {
      topicShift: load.topicShift ?? d.topicShift,
      questionRate: load.questionRate ?? d.questionRate,
      codeRate: load.codeRate ?? d.codeRate,
      deadlineRate: load.deadlineRate ?? d.deadlineRate,
      reactionRate: load.reactionRate ?? d.reactionRate,
      personaAuthorRate: load.personaAuthorRate ?? d.personaAuthorRate,
      usersPerChannel: load.usersPerChannel ?? d.usersPerChannel,
    };
    this.#until = Math.min(load.untilMs ?? endOfRun, endOfRun);
    const loadSeed = mixSeed(seed, stream);
    this.#channels = load.channels.map((spec, i) => {
      const random = createRandom(mixSeed(loadSeed, i));
      const spells = new ActivitySpells(random, spec.messagesPerMinute ?? load.messagesPerMinute, load.bursts, load.at);
      const users = Array.from({ length: this.#o.usersPerChannel }, (_, u) => `user${u + 1}.${spec.id}`);
      const state: ChannelState = { spec, random, spells, topics: spec.topics.map(topicNamed), users, topic: 0, nextAt: undefined };
      state.nextAt = spells.nextAfter(load.at, this.#until);
      return state;
    });
  }

  /** The next event in time order, or `undefined` when the load is over. */
  next(): ConversationEvent | undefined {
    let best: ChannelState | undefined;
    for (const c of this.#channels) if (c.nextAt !== undefined && (best === undefined || c.nextAt < best.nextAt!)) best = c;
    const reaction = this.#reactions[0];
    if (reaction !== undefined && (best === undefined || reaction.at <= best.nextAt!)) return this.#reactions.shift();
    if (best === undefined) return undefined;
    const message = this.#message(best, best.nextAt!);
    best.nextAt = best.spells.nextAfter(message.at, this.#until);
    return message;
  }

  #message(c: ChannelState, at: number): ConversationMessage {
    const r = c.random;
    const o = this.#o;
    let topicShift = false;
    let domainShift = false;
    if (c.topics.length > 1 && r.next() < o.topicShift) {
      const before = c.topics[c.topic]!;
      c.topic = (c.topic + 1 + Math.floor(r.next() * (c.topics.length - 1))) % c.topics.length;
      topicShift = true;
      domainShift = c.topics[c.topic]!.domain !== before.domain;
    }
    const topic = c.topics[c.topic]!;
    const members = c.spec.members;
    const author = members.length > 0 && r.next() < o.personaAuthorRate ? members[Math.floor(r.next() * members.length)]! : c.users[Math.floor(r.next() * c.users.length)]!;
    const cues: MessageCues = { question: r.next() < o.questionRate, code: r.next() < o.codeRate, deadline: r.next() < o.deadlineRate };
    const text = messageText(r, topic, cues);
    const seq = this.#seq++;
    const message: ConversationMessage = {
      kind: 'message', at, seq, channel: c.spec.id, author, recipients: members.filter((m) => m !== author), observers: c.spec.lurkers ?? [],
      text, topic: topic.name, domain: topic.domain, cues, topicShift, domainShift,
    };
    if (r.next() < o.reactionRate) {
      const reactAt = at - Math.log(1 - r.next()) * REACTION_DELAY_MS;
      const reactor = r.next() < 0.5 && members.length > 0 ? members[Math.floor(r.next() * members.length)]! : c.users[Math.floor(r.next() * c.users.length)]!;
      const emoji = EMOJI[Math.floor(r.next() * EMOJI.length)]!;
      if (reactAt < this.#until) this.#insertReaction({ kind: 'reaction', at: reactAt, seq, channel: c.spec.id, author: reactor, recipients: message.recipients.filter((m) => m !== reactor), emoji });
    }
    return message;
  }

  #insertReaction(reaction: ConversationReaction): void {
    const list = this.#reactions;
    let i = list.length;
    while (i > 0 && list[i - 1]!.at > reaction.at) i--;
    list.splice(i, 0, reaction);
  }

  /** The load this generator plays. */
  get spec(): ConversationLoadEvent {
    return this.load;
  }
}
