// The hippocampus's consolidation: drain working memory into engrams with reply, shared-topic and co-occurrence
// edges (shallow, every active/idle tick), and deep consolidation in sleep: cross-channel shared-topic links and
// pruning by algorithm 4 (the store's eviction order, only engrams whose recency has faded).
import { DEFAULT_EDGE_WEIGHTS } from '../../memory/engram-graph.js';
import { MemoryError } from '../../memory/errors.js';
import { recency } from '../../memory/decay.js';
import { cosine } from '../../memory/vector.js';
import type { Engram } from '../../memory/engram.js';
import type { ChannelId, EngramId } from '../../runtime/ids.js';
import type { PersonaCognition } from '../cognition/persona-cognition.js';
import type { ResolvedCognitionOptions } from '../cognition/cognition-options.js';
import { domainFromCues, intentCues } from '../cognition/intent-cues.js';
import type { EngramPrefetch } from '../cognition/prefetch-types.js';

/** Source tag of every engram the hippocampus appends (§1.4: each region tags its appends). */
export const HIPPOCAMPUS_SOURCE = 'hippocampus';
/** Cosine at or above which two engrams get a shared-topic edge. */
export const SHARED_TOPIC_COSINE = 0.35;
/** Shallow consolidation compares a new engram with this many of the channel's newest. */
const SHALLOW_NEIGHBOURS = 8;
/** Shared-topic edges one new engram gets at most (shallow). */
const SHALLOW_TOPIC_EDGES = 2;
/** Deep consolidation: cross-channel edges added per pass at most. */
const DEEP_EDGES_PER_PASS = 64;

function link(pc: PersonaCognition, from: EngramId, to: EngramId, kind: keyof typeof DEFAULT_EDGE_WEIGHTS, weight = DEFAULT_EDGE_WEIGHTS[kind]): boolean {
  if (from === to || !pc.memory.store.has(from) || !pc.memory.store.has(to)) return false;
  pc.memory.link(from, to, kind, weight);
  pc.counters.edges++;
  return true;
}

/**
 * Drains every channel's new working-memory entries into engrams. Edges: `conversational-reply` to the channel's
 * previous engram; `shared-topic` to up to 2 of its 8 newest with cosine ≥ 0.35; `recall-co-occurrence` to the top
 * engram of the prefetch that was staged for the channel when the message came (what it was recalled with).
 * Returns the number of engrams appended.
 */
export function consolidateShallow(pc: PersonaCognition, options: ResolvedCognitionOptions, now: number): number {
  let appended = 0;
  for (const ring of pc.working.channels()) {
    if (ring.seq === ring.drainedSeq) continue;
    const entries = ring.drain();
    const c = pc.channel(ring.channelId);
    let previousText = entries.length ? ring.get(entries[0]!.seq - 1)?.text : undefined;
    for (const entry of entries) {
      pc.counters.drained++;
      const cues = intentCues(entry.text, previousText);
      const domain = entry.taskDomain ?? domainFromCues(cues) ?? c.lastDomain;
      if (entry.taskDomain !== undefined || domainFromCues(cues) !== undefined) c.lastDomain = domain;
      let engram: Engram;
      try {
        engram = pc.memory.store.append({
          personaId: pc.personaId, channelId: ring.channelId as ChannelId, taskDomain: domain, text: entry.text,
          embedding: options.embedder.embed(entry.text), source: HIPPOCAMPUS_SOURCE, createdAt: entry.at,
          salience: cues.question || cues.deadline ? 0.6 : 0.5,
        });
      } catch (error) {
        if (error instanceof MemoryError && error.kind === 'store-full') continue; // every engram above the floor: keep the rest
        throw error;
      }
      appended++;
      pc.counters.engrams++;
      const prev = c.recent[c.recent.length - 1];
      if (prev !== undefined) link(pc, engram.id, prev, 'conversational-reply');
      let topicEdges = 0;
      for (let i = c.recent.length - 2; i >= 0 && i >= c.recent.length - SHALLOW_NEIGHBOURS && topicEdges < SHALLOW_TOPIC_EDGES; i--) {
        const other = pc.memory.store.get(c.recent[i]!);
        if (other && cosine(engram.embedding, other.embedding) >= SHARED_TOPIC_COSINE && link(pc, engram.id, other.id, 'shared-topic')) topicEdges++;
      }
      const co = c.coRecalled;
      if (co !== undefined && co !== engram.id) link(pc, engram.id, co, 'recall-co-occurrence');
      if (entry.reactions !== 0) pc.salience.react(engram.id, entry.reactions, now);
      pc.noteConsolidated(ring.channelId, entry.seq, engram.id);
      previousText = entry.text;
    }
  }
  if (appended > 0) pc.counters.shallowPasses++;
  return appended;
}

/** Records which engram the channel's newest prefetch put first (the co-occurrence partner of the next message). */
export function noteStaged(pc: PersonaCognition, prefetch: EngramPrefetch): void {
  pc.channel(prefetch.channelId).coRecalled = prefetch.engrams[0]?.engram.id;
}

/**
 * Deep consolidation (sleep only): links each channel's newest engrams to other channels' newest ones on the same
 * topic (`shared-topic`, cosine ≥ 0.35, once per pair), then prunes by algorithm 4: evicts the store's eviction
 * candidate (smallest fadesAt, salience ≤ floor) while its recency is below `pruneBelowRecency`, at most
 * `prunePerPass`. Returns edges added and engrams pruned.
 */
export function consolidateDeep(pc: PersonaCognition, options: ResolvedCognitionOptions, now: number): { edges: number; pruned: number } {
  pc.counters.deepPasses++;
  if (pc.deepLinked.size > 100_000) pc.deepLinked.clear();
  const channels = [...pc.channels.entries()];
  let edges = 0;
  outer: for (let a = 0; a < channels.length; a++) {
    for (let b = a + 1; b < channels.length; b++) {
      for (const x of channels[a]![1].recent) {
        const ex = pc.memory.store.get(x);
        if (!ex) continue;
        for (const y of channels[b]![1].recent) {
          const key = x < y ? `${x}|${y}` : `${y}|${x}`;
          if (pc.deepLinked.has(key)) continue;
          const ey = pc.memory.store.get(y);
          if (!ey || cosine(ex.embedding, ey.embedding) < SHARED_TOPIC_COSINE) continue;
          pc.deepLinked.add(key);
          if (link(pc, x, y, 'shared-topic') && link(pc, y, x, 'shared-topic')) edges += 2;
          if (edges >= DEEP_EDGES_PER_PASS) break outer;
        }
      }
    }
  }
  pc.counters.deepEdges += edges;
  let pruned = 0;
  const store = pc.memory.store;
  while (pruned < options.prunePerPass) {
    const candidate = store.evictionCandidate();
    if (!candidate || recency(now, candidate.lastTouched, candidate.salience, store.decay) >= options.pruneBelowRecency) break;
    store.evictOne();
    pruned++;
  }
  pc.counters.pruned += pruned;
  return { edges, pruned };
}
