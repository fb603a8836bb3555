// A fake conversation target for runner tests: answers from echo-prefetch's buffer for the channel (hit when an echo
// is staged, miss when not), and always misses with the predictor off — so wiring can be tested without cognition.
import type { Substrate } from '../../../src/create-substrate.js';
import type { HandleResult } from '../../../src/actors/cognition/handle-contract.js';
import type { ConversationTarget } from '../../../src/sim/conversation/conversation-target.js';
import type { RunVariant } from '../../../src/sim/conversation/run-variant.js';

export function echoTarget(substrate: Substrate, variant: RunVariant, reactions?: string[]): ConversationTarget {
  return {
    handle(personaId, channelId, message): HandleResult {
      if (!substrate.personas().includes(personaId as never)) throw new Error(`unknown persona ${personaId}`);
      const staged = variant.predictor && substrate.buffer('echo-prefetch', personaId).peek(channelId) !== undefined;
      const outcome = staged ? 'hit' : 'miss';
      return {
        personaId, channelId, at: substrate.clock.now(),
        prefetch: { outcome, engrams: [] },
        candidate: { outcome: message.text.includes('?') ? 'partial' : outcome, reply: { text: 'ok', score: 0, basis: [] } },
        blend: { outcome, adapters: { conversational: 1 } },
        degraded: !staged,
      };
    },
    ...(reactions ? { react: (p: string, ch: string, r: { emoji: string }) => void reactions.push(`${p}:${ch}:${r.emoji}`) } : {}),
  };
}
