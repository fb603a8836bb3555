// The handler path: check the input (a typed error changes nothing), append the message to working memory, then
// only peek the regions' buffers — never await a region — and say for each read whether it hit, partially hit or
// missed, with a degraded answer on a miss. Reads are tallied (PrefetchTelemetry) for the regions' yield learning.
import { CONVERSATIONAL_ADAPTER } from '../../memory/genome-blend.js';
import { describeValue } from '../../runtime/describe.js';
import { CognitionError } from './cognition-error.js';
import type { CognitionCore } from './cognition.js';
import { MAX_MESSAGE_CHARS, type CandidateUtterance, type HandleResult, type InboundMessage, type ReadOutcome } from './handle-contract.js';
import type { BlendPrefetch, CandidateSet, EngramPrefetch } from './prefetch-types.js';
import { topicRelation } from './topic-terms.js';
import type { ChannelId } from '../../runtime/ids.js';
import type { PersonaCognition, PersonaViews } from './persona-cognition.js';
import type { ChannelRing } from './working-memory.js';

/** The reply a handler gets when the motor cortex has staged nothing for the channel (cold start, or paused). */
export const DEGRADED_REPLY: CandidateUtterance = Object.freeze({ text: '(no pre-scored reply staged: fall back to raw inference)', score: 0, basis: Object.freeze([]) as readonly string[] });
/** The blend on a miss: the conversational adapter alone (algorithm 6's prior when memory says nothing). */
export const DEGRADED_BLEND: Readonly<Record<string, number>> = Object.freeze({ [CONVERSATIONAL_ADAPTER]: 1 });
const NO_ENGRAMS: readonly never[] = Object.freeze([]);
/** How many of a hit prefetch's engrams count as rehearsed (handed to the reply). */
export const REHEARSED_PER_HIT = 3;
const MAX_CHANNEL_CHARS = 256;
const WHITESPACE = /\s/;
const NON_SPACE = /\S/;

/**
 * `WHITESPACE.test(s)` without running the regex on the usual input: printable ASCII other than the space is never
 * whitespace, so only other characters are asked of the regex (same answer; a cold regex costs microseconds).
 */
function hasWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c < 127) continue;
    if (c === 32 || WHITESPACE.test(s[i]!)) return true;
  }
  return false;
}

/** `NON_SPACE.test(s)`, answering at once when the first character is printable ASCII other than the space. */
function hasNonSpace(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c > 32 && c < 127) || NON_SPACE.test(s);
}

interface Parsed {
  text: string;
  author: string;
  taskDomain: string | undefined;
}

function invalid(message: string): CognitionError {
  return new CognitionError('invalid-message', message);
}

function parseMessage(message: unknown, op: string): Parsed {
  let text: unknown;
  let author: unknown;
  let taskDomain: unknown;
  if (typeof message === 'string') text = message;
  else if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
    const m = message as Partial<InboundMessage>;
    text = m.text;
    author = m.author;
    taskDomain = m.taskDomain;
  } else throw invalid(`${op}: the message must be a string or { text, author?, taskDomain? }, got ${describeValue(message)}`);
  if (typeof text !== 'string') throw invalid(`${op}: message.text must be a string, got ${describeValue(text)}`);
  if (text.length === 0 || !hasNonSpace(text)) throw invalid(`${op}: the message is empty; send some text`);
  if (text.length > MAX_MESSAGE_CHARS) throw invalid(`${op}: the message has ${text.length} characters; the limit is ${MAX_MESSAGE_CHARS} (split it)`);
  if (author !== undefined && (typeof author !== 'string' || author.length === 0)) throw invalid(`${op}: message.author must be a non-empty string when given, got ${describeValue(author)}`);
  if (taskDomain !== undefined && (typeof taskDomain !== 'string' || taskDomain.length === 0)) throw invalid(`${op}: message.taskDomain must be a non-empty string when given, got ${describeValue(taskDomain)}`);
  return { text, author: (author as string | undefined) ?? 'user', taskDomain: taskDomain as string | undefined };
}

/**
 * An entry this process staged (its topic terms a Set), or `undefined`. A substrate restored from `persist()` has its
 * buffers back as JSON, but its PersonaCognition starts empty: those entries read as misses until re-staged.
 */
export function usable(entry: unknown): { readonly terms: ReadonlySet<string> } | undefined {
  return entry !== undefined && (entry as { terms?: unknown }).terms instanceof Set ? (entry as { terms: ReadonlySet<string> }) : undefined;
}

/** hit when the entry shares a topic term with the message (or the message has none), partial otherwise. */
export function outcomeFor(staged: { readonly terms: ReadonlySet<string> } | undefined, text: string): ReadOutcome {
  if (staged === undefined) return 'miss';
  return topicRelation(text, staged.terms) === 'same' ? 'hit' : 'partial';
}

/** The outcome of `staged`, reusing `known` when both entries carry the same term set (the usual case: one prediction). */
function outcomeLike(staged: { readonly terms: ReadonlySet<string> } | undefined, text: string, ref: { readonly terms: ReadonlySet<string> } | undefined, known: ReadOutcome): ReadOutcome {
  if (staged === undefined) return 'miss';
  if (ref !== undefined && staged.terms === ref.terms) return known;
  return outcomeFor(staged, text);
}

/** A message taken in: the persona, its buffer views, the channel's ring it was appended to, and when. */
export interface TakenMessage {
  readonly pc: PersonaCognition;
  readonly views: PersonaViews;
  readonly ring: ChannelRing;
  readonly now: number;
  readonly text: string;
}

/**
 * The write half of the handler path, shared by `handle` and `observe` (`op` names the call in error messages):
 * validates everything first (nothing is written on a problem), then appends the message to the persona's working
 * memory and tells sleep-policy of the activity.
 */
export function takeMessage(core: CognitionCore, personaId: unknown, channelId: unknown, message: unknown, op: 'handle' | 'overhear'): TakenMessage {
  const pc = typeof personaId === 'string' ? core.persona(personaId) : undefined;
  if (pc === undefined) {
    throw new CognitionError('unknown-persona', `${op}: unknown persona ${describeValue(personaId)}; spawn it first (substrate.spawnPersona)`, { personaId: typeof personaId === 'string' ? personaId : undefined });
  }
  if (typeof channelId !== 'string' || channelId.length === 0 || channelId.length > MAX_CHANNEL_CHARS || hasWhitespace(channelId)) {
    throw new CognitionError('invalid-channel', `${op}: channelId must be a non-empty string of at most ${MAX_CHANNEL_CHARS} characters without whitespace, got ${describeValue(channelId)}`);
  }
  const m = parseMessage(message, op);
  const views = (pc.views ??= core.bind(pc.personaId)); // resolved once per persona (see PersonaCognition.views)
  const now = core.clock.now();
  const ring = pc.working.ring(channelId as ChannelId);
  ring.push(m.text, m.author, m.taskDomain, now);
  pc.messages++;
  pc.lastMessageAt = now;
  core.sleep.onMessage(now);
  return { pc, views, ring, now, text: m.text };
}

/**
 * `substrate.handle(personaId, channelId, message)`. Validates everything first (unknown persona → `unknown-persona`,
 * a bad channel id → `invalid-channel`, a non-string, empty or oversized message → `invalid-message`; nothing is
 * written), then appends the message to the persona's working memory, tells sleep-policy of the activity, and peeks
 * three buffer entries: the hippocampus's `prefetch:<channel>` and `blend:<channel>`, the motor cortex's
 * `candidates:<channel>`. Each is a hit (staged, and the message shares one of its topic terms), a partial hit
 * (staged for the channel, but for an older topic) or a miss (nothing staged: the degraded answer).
 */
export function handleMessage(core: CognitionCore, personaId: unknown, channelId: unknown, message: unknown): HandleResult {
  const { pc, views, ring, now, text } = takeMessage(core, personaId, channelId, message, 'handle');
  const hippocampus = views.hippocampus;
  const motor = views.motor;

  // ── reads: peek only ──
  const prefetch = usable(hippocampus?.peek(ring.prefetchKey)) as EngramPrefetch | undefined;
  const blend = usable(hippocampus?.peek(ring.blendKey)) as BlendPrefetch | undefined;
  const candidates = usable(motor?.peek(ring.candidatesKey)) as CandidateSet | undefined;
  const prefetchOutcome = outcomeFor(prefetch, text);
  const blendOutcome = outcomeLike(blend, text, prefetch, prefetchOutcome);
  const candidateOutcome = outcomeLike(candidates, text, prefetch, prefetchOutcome);
  pc.prefetchReads.record(prefetchOutcome);
  pc.blendReads.record(blendOutcome);
  pc.candidateReads.record(candidateOutcome);
  if (prefetchOutcome === 'hit' && prefetch) pc.noteUsed(prefetch); // rehearsal: attention folds it (REHEARSED_PER_HIT engrams)
  const reply = candidates?.candidates[0] ?? DEGRADED_REPLY;
  return {
    personaId: pc.personaId,
    channelId: ring.channelId,
    at: now,
    prefetch: prefetch
      ? { outcome: prefetchOutcome, engrams: prefetch.engrams, stagedAt: prefetch.stagedAt, ageMs: now - prefetch.stagedAt, behindBy: ring.seq - 1 - prefetch.coveredSeq }
      : { outcome: 'miss', engrams: NO_ENGRAMS },
    candidate: { outcome: candidateOutcome, reply },
    blend: { outcome: blendOutcome, adapters: blend ? blend.adapters : DEGRADED_BLEND },
    degraded: prefetchOutcome === 'miss' || candidateOutcome === 'miss' || blendOutcome === 'miss',
  };
}
