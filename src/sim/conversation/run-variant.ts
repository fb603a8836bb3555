// The variants a scenario runs in — the main run, or a baseline such as `predictor-off` — and where a run finds its
// conversation target: the substrate's own `handle()` when it has the cognition handler path.
import type { Substrate } from '../../create-substrate.js';
import type { BaselineKind } from '../scenario-types.js';
import type { ConversationTarget } from './conversation-target.js';

/** What differs between a main run and a baseline run (the catalogue's regions read it). */
export interface RunVariant {
  /** The hippocampus's predictor runs (false: a no-op baseline that stages nothing predicted). */
  predictor: boolean;
}

/** The variant of a baseline kind. */
export function baselineVariant(kind: BaselineKind): RunVariant {
  switch (kind) {
    case 'predictor-off':
      return { predictor: false };
  }
}

/**
 * The substrate's `handle` as a conversation target, with reactions delivered to its cognition (`cognition.react`:
 * +1 to the channel's newest message, attention's salience input); `undefined` when the substrate runs without
 * cognition.
 */
export function defaultConversationTarget(substrate: Substrate): ConversationTarget | undefined {
  const cognition = substrate.cognition;
  if (cognition === undefined) return undefined;
  return {
    handle: (personaId, channelId, message) => substrate.handle(personaId, channelId, message),
    react: (personaId, channelId) => cognition.react(personaId, channelId, 1),
    overhear: (personaId, channelId, message) => void cognition.overhear(personaId, channelId, message),
  };
}
