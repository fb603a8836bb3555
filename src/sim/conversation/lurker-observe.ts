// How a lurker takes in a message without answering: the message goes into its working memory (sleep-policy sees
// the activity) and its handler peeks only the hippocampus's prefetch, never the motor cortex's candidates — so yield
// learning sees a motor cortex nobody reads. Cognition has no `observe()` of its own yet; this uses its public state.
import type { Cognition } from '../../actors/cognition/cognition.js';
import type { InboundMessage } from '../../actors/cognition/handle-contract.js';
import { HIPPOCAMPUS } from '../../actors/cognition/prefetch-types.js';
import type { Substrate } from '../../create-substrate.js';
import type { ChannelId } from '../../runtime/ids.js';

/** Appends `message` to `personaId`'s working memory on `channelId` and peeks its prefetch entry for the channel. */
export function observeMessage(substrate: Substrate, cognition: Cognition, personaId: string, channelId: string, message: InboundMessage): void {
  const pc = cognition.get(personaId); // CognitionError unknown-persona, nothing changed
  const now = substrate.clock.now();
  const ring = pc.working.ring(channelId as ChannelId);
  ring.push(message.text, message.author ?? 'user', message.taskDomain, now);
  pc.messages++;
  pc.lastMessageAt = now;
  cognition.sleepPolicy.onMessage(now);
  substrate.buffer(HIPPOCAMPUS, personaId).peek(ring.prefetchKey);
}
