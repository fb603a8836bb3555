// The `persona` service module: `persona/respond` runs the handler path through the typed envelopes (params checked
// by parseRequest, a CognitionError becomes an `err` response naming its kind) and answers with plain wire data.
import { err, ok, parseRequest, type CommandResponse } from '../../runtime/envelope.js';
import { s } from '../../runtime/schema.js';
import type { ServiceModule } from '../../runtime/modules.js';
import { ContinuumError } from '../../runtime/errors.js';
import { MAX_MESSAGE_CHARS, type HandleResult, type InboundMessage, type ReadOutcome } from './handle-contract.js';
import { CognitionError } from './cognition-error.js';

/** What `persona/respond` takes (beside the envelope's handle, sessionId, userId). */
export const RESPOND_PARAMS = s.object({
  personaId: s.string({ minLength: 1 }),
  channelId: s.string({ minLength: 1 }),
  text: s.string({ minLength: 1, maxLength: MAX_MESSAGE_CHARS }),
  author: s.optional(s.string({ minLength: 1 })),
  taskDomain: s.optional(s.string({ minLength: 1 })),
});

/** One prefetched engram on the wire (no embedding). */
export interface RespondEngram {
  id: string;
  channelId: string;
  taskDomain: string;
  text: string;
  score: number;
  pool: 'focus' | 'periphery';
}

/** `persona/respond`'s data: the HandleResult in plain JSON. */
export interface RespondData {
  personaId: string;
  channelId: string;
  at: number;
  prefetch: { outcome: ReadOutcome; engrams: RespondEngram[]; stagedAt?: number };
  candidate: { outcome: ReadOutcome; reply: { text: string; score: number; basis: string[] } };
  blend: { outcome: ReadOutcome; adapters: Record<string, number> };
  degraded: boolean;
}

/** The HandleResult as plain wire data. */
export function toRespondData(r: HandleResult): RespondData {
  return {
    personaId: r.personaId,
    channelId: r.channelId,
    at: r.at,
    prefetch: {
      outcome: r.prefetch.outcome,
      engrams: r.prefetch.engrams.map((e) => ({ id: e.engram.id, channelId: e.engram.channelId, taskDomain: e.engram.taskDomain, text: e.engram.text, score: e.score, pool: e.pool })),
      ...(r.prefetch.stagedAt !== undefined ? { stagedAt: r.prefetch.stagedAt } : {}),
    },
    candidate: { outcome: r.candidate.outcome, reply: { text: r.candidate.reply.text, score: r.candidate.reply.score, basis: [...r.candidate.reply.basis] } },
    blend: { outcome: r.blend.outcome, adapters: { ...r.blend.adapters } },
    degraded: r.degraded,
  };
}

/** Anything with the handler: a Substrate with cognition, or a Cognition. */
export interface Responder {
  handle(personaId: string, channelId: string, message: string | InboundMessage): HandleResult;
}

/**
 * The `persona` module (command prefix `persona/`). Register it on a Runtime beside the substrate.
 *
 * @example
 * runtime.register(createRespondModule(substrate));
 * await runtime.execute('persona/respond', { personaId: 'alice', channelId: 'general', text: 'hi' });
 */
export function createRespondModule(target: Responder): ServiceModule {
  return {
    config: { name: 'persona', commandPrefixes: ['persona/'], priority: 'realtime' },
    handleCommand(command, raw): CommandResponse<object> {
      if (command !== 'persona/respond') {
        return err(new CognitionError('invalid-message', `${command}: unknown persona command — supported: persona/respond`, { command }));
      }
      const parsed = parseRequest(command, raw, RESPOND_PARAMS);
      if (!parsed.ok) return err(parsed.error);
      const { personaId, channelId, text, author, taskDomain } = parsed.value;
      try {
        return ok(toRespondData(target.handle(personaId, channelId, { text, ...(author !== undefined ? { author } : {}), ...(taskDomain !== undefined ? { taskDomain } : {}) })));
      } catch (error) {
        if (error instanceof ContinuumError) return err(error); // CognitionError (bad input) or SubstrateError (not running): the typed error is the cause
        throw error;
      }
    },
  };
}
