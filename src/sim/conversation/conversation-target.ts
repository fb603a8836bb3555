// What a conversation load drives: the persona's handler path (`substrate.handle`) and, when the substrate has one,
// a way to deliver reactions. The runner takes it from the substrate; tests pass a fake.
import type { HandleResult, InboundMessage } from '../../actors/cognition/handle-contract.js';

/** A reaction to a message, delivered to a persona that saw the message. */
export interface InboundReaction {
  /** Who reacted. */
  readonly author: string;
  readonly emoji: string;
  /** The reacted-to message's text. */
  readonly text: string;
}

/** The handler path of a substrate with cognition. `handle` must never await a region; it returns at once. */
export interface ConversationTarget {
  handle(personaId: string, channelId: string, message: InboundMessage): HandleResult;
  /** Delivers a reaction (attention turns it into salience); left out when the substrate has none. */
  react?(personaId: string, channelId: string, reaction: InboundReaction): void;
  /**
   * A lurker takes a message in without answering: it goes into working memory and only the hippocampus's prefetch
   * is read. Left out: lurkers are skipped.
   */
  overhear?(personaId: string, channelId: string, message: InboundMessage): void;
}
