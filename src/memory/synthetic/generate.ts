// The seeded synthetic-memory generator: personas with channels, task domains, topic clusters and threads that
// cross channels, the graph a consolidation pass would find (with noise), and held-out queries with ground truth.
import { createRandom, type Random } from '../../runtime/random.js';
import { channelId, engramId, personaId, type ChannelId, type EngramId, type PersonaId } from '../../runtime/ids.js';
import { DEFAULT_EDGE_WEIGHTS, type EdgeKind } from '../engram-graph.js';
import { checkInteger, checkNumber, MemoryError } from '../errors.js';
import { entityName, FILLER_WORDS, SYNTHETIC_CHANNELS, SYNTHETIC_DOMAINS, SYNTHETIC_TOPICS, type SyntheticTopic } from './vocabulary.js';

export interface SyntheticOptions {
  /** @default 1 */
  seed?: number;
  /** @default 1 */
  personas?: number;
  /** Engrams per persona (held-out query messages not included). @default 2_000 */
  engrams?: number;
  /** Held-out queries per persona, half "home" (asked where the thread lives), half "cross" (asked in a channel it just reached). @default 40 */
  queries?: number;
  /** Share of engrams that are chatter outside any thread. @default 0.35 */
  noiseShare?: number;
  /** Chance that a thread message is posted outside the thread's home channel. @default 0.3 */
  crossChannelRate?: number;
  /** Simulated history length. @default 14 days */
  durationMs?: number;
  /**
   * Link each thread's messages the way the hippocampus will: every thread message gets a `conversational-reply`
   * edge to the thread's previous message (in whatever channel it was posted), and every substantive one
   * `shared-topic` edges to up to two earlier substantive messages of its thread. Drawn from a random stream of
   * their own, so `false` gives exactly the world without them (every other engram and edge unchanged). @default true
   */
  threadLinks?: boolean;
}

export interface SyntheticEngram {
  readonly id: EngramId;
  readonly channelId: ChannelId;
  readonly taskDomain: string;
  readonly text: string;
  readonly createdAt: number;
  /** The importance tag it is appended with. */
  readonly importance: number;
  /** Reactions it received (salience evidence). */
  readonly reactions: number;
  /** The thread whose content it carries, ≤ -2 for an acknowledgement in thread −2 − n, or -1 for chatter. */
  readonly thread: number;
}

export interface SyntheticEdge {
  readonly from: EngramId;
  readonly to: EngramId;
  readonly kind: EdgeKind;
  readonly weight: number;
}

export interface SyntheticQuery {
  readonly id: string;
  readonly kind: 'home' | 'cross';
  readonly channelId: ChannelId;
  readonly taskDomain: string;
  readonly text: string;
  /** The last three engrams of the query's channel, oldest first. */
  readonly recentHistory: readonly EngramId[];
  /** Ground truth: every stored substantive engram of the query's thread. */
  readonly relevant: readonly EngramId[];
  readonly thread: number;
}

export interface SyntheticPersona {
  readonly personaId: PersonaId;
  /** In creation order. */
  readonly engrams: readonly SyntheticEngram[];
  readonly edges: readonly SyntheticEdge[];
  readonly queries: readonly SyntheticQuery[];
  /** The present: when the queries are asked. */
  readonly now: number;
}

export interface SyntheticMemory {
  readonly seed: number;
  readonly channels: readonly ChannelId[];
  readonly domains: readonly string[];
  readonly personas: readonly SyntheticPersona[];
}

const DAY = 86_400_000;

interface Thread {
  index: number;
  topic: SyntheticTopic;
  words: string[];
  entities: string[];
  domain: string;
  home: string;
  size: number;
  start: number;
  end: number;
  current: boolean;
}

/**
 * Generates a deterministic synthetic memory: the same options give the same data, byte for byte.
 *
 * @example
 * const world = generateSyntheticMemory({ seed: 7, personas: 2, engrams: 1_000, queries: 20 });
 * world.personas[0].queries[0].relevant // ground-truth engram ids
 */
export function generateSyntheticMemory(options: SyntheticOptions = {}): SyntheticMemory {
  const seed = checkInteger('seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const personas = checkInteger('personas', options.personas ?? 1, 1, 1_000);
  const engrams = checkInteger('engrams', options.engrams ?? 2_000, 10, 10_000_000);
  const queries = checkInteger('queries', options.queries ?? 40, 0, 10_000);
  const noiseShare = checkNumber('noiseShare', options.noiseShare ?? 0.35, 0, 0.9);
  const crossRate = checkNumber('crossChannelRate', options.crossChannelRate ?? 0.3, 0, 1);
  const durationMs = checkNumber('durationMs', options.durationMs ?? 14 * DAY, DAY, 3650 * DAY);
  const threadLinks = options.threadLinks ?? true;
  if (typeof threadLinks !== 'boolean') throw new MemoryError('invalid-option', `threadLinks must be a boolean, got ${String(threadLinks)}`, {});
  const out: SyntheticPersona[] = [];
  for (let p = 0; p < personas; p++) {
    out.push(generatePersona(createRandom((seed * 1_000_003 + p) >>> 0), `persona-${p}`, { engrams, queries, noiseShare, crossRate, durationMs, threadLinks }));
  }
  return { seed, channels: SYNTHETIC_CHANNELS.map((c) => channelId(c)), domains: SYNTHETIC_DOMAINS, personas: out };
}

interface PersonaPlan {
  engrams: number;
  queries: number;
  noiseShare: number;
  crossRate: number;
  durationMs: number;
  threadLinks: boolean;
}

function generatePersona(rand: Random, name: string, plan: PersonaPlan): SyntheticPersona {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand.next() * xs.length)]!;
  const now = plan.durationMs;
  const threadBudget = Math.round(plan.engrams * (1 - plan.noiseShare));
  // Threads: the current ones (one per query, active up to the present) first, then background ones.
  const threads: Thread[] = [];
  let planned = 0;
  while (planned < threadBudget) {
    const current = threads.length < plan.queries;
    const topic = pick(SYNTHETIC_TOPICS);
    const size = Math.min(threadBudget - planned, 4 + Math.floor(rand.next() * 18)) + (current ? 1 : 0); // + the held-out message
    const life = DAY * (0.5 + rand.next() * 4.5);
    const end = current ? now - rand.next() * 0.1 * DAY : life + rand.next() * (now - life);
    const words = shuffle(rand, [...topic.words]).slice(0, 6);
    threads.push({
      index: threads.length,
      topic,
      words,
      entities: [entityName(rand.next), entityName(rand.next)],
      domain: rand.next() < 0.85 ? topic.domain : pick(SYNTHETIC_DOMAINS),
      home: rand.next() < 0.7 ? topic.home : pick(SYNTHETIC_CHANNELS),
      size,
      start: Math.max(0, end - life),
      end,
      current,
    });
    planned += size - (current ? 1 : 0);
  }

  interface Draft { channel: string; domain: string; text: string; at: number; importance: number; reactions: number; thread: number; entity: boolean }
  const drafts: Draft[] = [];
  const heldOut = new Map<number, Draft>();
  for (const t of threads) {
    const times = Array.from({ length: t.size }, () => t.start + rand.next() * (t.end - t.start)).sort((a, b) => a - b);
    let anySubstantive = false;
    times.forEach((at, i) => {
      // A thread message is substantive (it carries the thread's content: what recall should bring back) or an
      // acknowledgement ("sure, thanks"). Importance and reactions are noisy observations of which it is. A
      // current thread keeps at least one stored substantive message (its query needs ground truth and an
      // arrival engram); forcing it only then leaves every other world unchanged.
      const substantive = (t.current && i === t.size - 1) || rand.next() < 0.7 || (t.current && i === t.size - 2 && !anySubstantive);
      anySubstantive ||= substantive;
      const entity = rand.next() < (substantive ? 0.5 : 0.15);
      const d: Draft = {
        channel: rand.next() < plan.crossRate ? pick(SYNTHETIC_CHANNELS) : t.home,
        domain: t.domain,
        text: substantive ? threadMessage(rand, t, entity) : acknowledgement(rand, t, entity),
        at,
        importance: substantive ? (rand.next() < 0.15 ? 0.75 + rand.next() * 0.2 : 0.3 + rand.next() * 0.45) : 0.1 + rand.next() * 0.35,
        reactions: rand.next() < (substantive ? 0.35 : 0.05) ? 1 + Math.floor(rand.next() * 3) : 0,
        thread: substantive ? t.index : -2 - t.index,
        entity,
      };
      if (t.current && i === t.size - 1) heldOut.set(t.index, d);
      else drafts.push(d);
    });
  }
  const noise = plan.engrams - drafts.length;
  for (let i = 0; i < noise; i++) {
    const text = shuffle(rand, [...sample(rand, FILLER_WORDS, 3 + Math.floor(rand.next() * 4)), ...sample(rand, pick(SYNTHETIC_TOPICS).words, 1 + Math.floor(rand.next() * 2))]).join(' ');
    drafts.push({ channel: pick(SYNTHETIC_CHANNELS), domain: 'conversational', text, at: rand.next() * now, importance: 0.05 + rand.next() * 0.3, reactions: 0, thread: -1, entity: false });
  }
  drafts.sort((a, b) => a.at - b.at);

  // Cross queries: the thread's newest stored message moves to a channel the thread had not reached (it just arrived there).
  const kinds = new Map<number, 'home' | 'cross'>();
  const queryChannel = new Map<number, string>();
  threads.filter((t) => t.current).forEach((t, i) => {
    const kind = i % 2 === 0 ? 'home' : 'cross';
    kinds.set(t.index, kind);
    const members = drafts.filter((d) => d.thread === t.index);
    if (kind === 'home') queryChannel.set(t.index, t.home);
    else {
      const used = new Set(members.map((m) => m.channel));
      const target = SYNTHETIC_CHANNELS.find((c) => !used.has(c)) ?? pick(SYNTHETIC_CHANNELS.filter((c) => c !== t.home));
      members.forEach((m) => m.channel === target && (m.channel = t.home));
      members[members.length - 1]!.channel = target;
      queryChannel.set(t.index, target);
    }
  });

  const engrams: SyntheticEngram[] = drafts.map((d, i) => ({
    id: engramId(`${name}/s${i}`), channelId: channelId(d.channel), taskDomain: d.domain, text: d.text, createdAt: Math.round(d.at),
    importance: Math.round(d.importance * 1000) / 1000, reactions: d.reactions, thread: d.thread,
  }));
  const edges = buildEdges(rand, engrams, drafts.map((d) => d.entity), threads);
  // Drawn even when unused, and after everything else, so the rest of the world does not depend on the option.
  const linkRand = createRandom(Math.floor(rand.next() * 2 ** 32));
  if (plan.threadLinks) for (const edge of threadEdges(linkRand, engrams)) edges.push(edge);
  const queriesOut: SyntheticQuery[] = [];
  for (const t of threads) {
    const held = heldOut.get(t.index);
    if (!held) continue;
    const ch = channelId(queryChannel.get(t.index)!);
    const inChannel = engrams.filter((e) => e.channelId === ch);
    queriesOut.push({
      id: `${name}/q${queriesOut.length}`, kind: kinds.get(t.index)!, channelId: ch, taskDomain: t.domain, text: held.text,
      recentHistory: inChannel.slice(-3).map((e) => e.id), relevant: engrams.filter((e) => e.thread === t.index).map((e) => e.id), thread: t.index,
    });
  }
  return { personaId: personaId(name), engrams, edges, queries: queriesOut, now };
}

function acknowledgement(rand: Random, t: Thread, entity: boolean): string {
  const parts = sample(rand, FILLER_WORDS, 2 + Math.floor(rand.next() * 4));
  if (rand.next() < 0.4) parts.push(t.words[Math.floor(rand.next() * t.words.length)]!);
  if (entity) parts.push(t.entities[Math.floor(rand.next() * 2)]!);
  return shuffle(rand, parts).join(' ');
}

function threadMessage(rand: Random, t: Thread, entity: boolean): string {
  const parts = [...sample(rand, t.words, 2 + Math.floor(rand.next() * 3)), ...sample(rand, FILLER_WORDS, 3 + Math.floor(rand.next() * 4))];
  if (entity) parts.push(t.entities[Math.floor(rand.next() * 2)]!);
  if (rand.next() < 0.3) parts.push(SYNTHETIC_TOPICS[Math.floor(rand.next() * SYNTHETIC_TOPICS.length)]!.words[Math.floor(rand.next() * 12)]!);
  return shuffle(rand, parts).join(' ');
}

/** Fisher–Yates in place (a random comparator in sort() would depend on the engine's sort algorithm). */
function shuffle<T>(rand: Random, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand.next() * (i + 1));
    const t = xs[i]!;
    xs[i] = xs[j]!;
    xs[j] = t;
  }
  return xs;
}

function sample<T>(rand: Random, xs: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.floor(rand.next() * xs.length)]!);
  return out;
}

/**
 * The within-thread links the hippocampus creates as a thread's messages arrive: a `conversational-reply` to the
 * thread's previous message (acknowledgements included) and, from a substantive message, `shared-topic` edges to
 * up to two distinct earlier substantive messages of the thread. Newer → older, in creation order.
 */
function threadEdges(rand: Random, engrams: readonly SyntheticEngram[]): SyntheticEdge[] {
  const edges: SyntheticEdge[] = [];
  const last = new Map<number, SyntheticEngram>();
  const substantive = new Map<number, SyntheticEngram[]>();
  for (const e of engrams) {
    if (e.thread === -1) continue;
    const thread = e.thread >= 0 ? e.thread : -2 - e.thread;
    const prev = last.get(thread);
    if (prev) edges.push({ from: e.id, to: prev.id, kind: 'conversational-reply', weight: DEFAULT_EDGE_WEIGHTS['conversational-reply'] });
    last.set(thread, e);
    if (e.thread < 0) continue;
    const earlier = substantive.get(thread) ?? [];
    const picks = new Set<number>();
    while (picks.size < Math.min(2, earlier.length)) picks.add(Math.floor(rand.next() * earlier.length));
    for (const k of [...picks].sort((a, b) => a - b)) edges.push({ from: e.id, to: earlier[k]!.id, kind: 'shared-topic', weight: DEFAULT_EDGE_WEIGHTS['shared-topic'] });
    earlier.push(e);
    substantive.set(thread, earlier);
  }
  return edges;
}

/** The links a consolidation pass would find: replies, thread links (entity, topic, citations), and noise. */
function buildEdges(rand: Random, engrams: readonly SyntheticEngram[], entity: readonly boolean[], threads: readonly Thread[]): SyntheticEdge[] {
  const edges: SyntheticEdge[] = [];
  const add = (from: SyntheticEngram, to: SyntheticEngram, kind: EdgeKind): void => {
    if (from.id !== to.id) edges.push({ from: from.id, to: to.id, kind, weight: DEFAULT_EDGE_WEIGHTS[kind] });
  };
  const lastInChannel = new Map<string, SyntheticEngram>();
  const byThread = new Map<number, SyntheticEngram[]>();
  const byTopic = new Map<string, SyntheticEngram[]>();
  engrams.forEach((e, i) => {
    const prev = lastInChannel.get(e.channelId);
    if (prev && rand.next() < 0.6) add(e, prev, 'conversational-reply');
    lastInChannel.set(e.channelId, e);
    const thread = e.thread >= 0 ? e.thread : e.thread <= -2 ? -2 - e.thread : -1;
    if (thread >= 0) {
      const members = byThread.get(thread) ?? [];
      if (members.length > 0 && rand.next() < (e.thread >= 0 ? 0.75 : 0.4)) {
        for (let k = 0; k < 1 + Math.floor(rand.next() * 2); k++) {
          const target = members[Math.floor(rand.next() * members.length)]!;
          const kind: EdgeKind = target.channelId !== e.channelId ? (entity[i] ? 'shared-entity' : 'cited-in') : entity[i] ? 'shared-entity' : 'shared-topic';
          add(e, target, kind);
          if (rand.next() < 0.5) add(target, e, kind);
        }
      }
      members.push(e);
      byThread.set(thread, members);
      const topic = threads[thread]!.topic.name;
      const sameTopic = byTopic.get(topic) ?? [];
      if (sameTopic.length > 0 && rand.next() < 0.35) add(e, sameTopic[Math.floor(rand.next() * sameTopic.length)]!, 'shared-topic');
      sameTopic.push(e);
      byTopic.set(topic, sameTopic);
    }
    if (i > 0 && rand.next() < 0.25) add(e, engrams[Math.floor(rand.next() * i)]!, 'recall-co-occurrence');
    if (i > 0 && rand.next() < 0.05) add(e, engrams[Math.floor(rand.next() * i)]!, 'task-outcome');
  });
  return edges;
}
