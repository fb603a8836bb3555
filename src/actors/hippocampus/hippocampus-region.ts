// The `hippocampus` region (per persona): drains working memory into engrams and edges, applies salience decay, runs
// the predictor (algorithm 5) per active channel and stages recall (algorithms 1–4) as `prefetch:<channel>` and the
// genome blend (algorithm 6) as `blend:<channel>` in its one ready-buffer. Sleep: deep consolidation and pruning.
// Critical pressure: it only keeps the freshest prefetch alive.
import { defineRegion, type RegionDefinition, type RegionTickContext } from '../../runtime/region.js';
import type { TickOutcome } from '../../runtime/telemetry.js';
import type { CadenceHint } from '../../runtime/signals.js';
import { recall, prepareRecall, recalledEngrams } from '../../memory/recall.js';
import { computeGenomeBlend } from '../../memory/genome-blend.js';
import type { Engram } from '../../memory/engram.js';
import type { CognitionCore } from '../cognition/cognition.js';
import type { PersonaCognition } from '../cognition/persona-cognition.js';
import { HIPPOCAMPUS, type BlendPrefetch, type EngramPrefetch } from '../cognition/prefetch-types.js';
import type { ChannelRing } from '../cognition/working-memory.js';
import { consolidateDeep, consolidateShallow, noteStaged } from './consolidate.js';
import { predictQuery } from './predictor.js';
import type { ChannelId } from '../../runtime/ids.js';

/** Salience decay (a pass over the persona's heat map) runs at most this often. */
export const SALIENCE_DECAY_EVERY_MS = 1_000;
/** Buffer entries: a prefetch and a blend per channel. */
const entriesPerChannel = 2;

/** Merges two weighted read tallies (prefetch and blend reads) into the `{ hits, misses }` yield learning takes. */
function mergeReads(a: { hits: number; misses: number } | undefined, b: { hits: number; misses: number } | undefined): { hits: number; misses: number } | undefined {
  if (!a) return b;
  if (!b) return a;
  return { hits: a.hits + b.hits, misses: a.misses + b.misses };
}

/** The hippocampus of `core`'s personas (one instance per persona; they share nothing but the options). */
export function hippocampusRegion(core: CognitionCore): RegionDefinition {
  const o = core.options;
  const recallOptions = prepareRecall({});
  const settings = { enabled: o.predictor, window: o.centroidWindow, maxTerms: o.predictedTerms };

  /** Predicts and stages one channel; returns entries published (0 or 2). */
  const stage = (ctx: RegionTickContext, pc: PersonaCognition, ring: ChannelRing, now: number): number => {
    const c = pc.channel(ring.channelId);
    if (c.predictedSeq >= ring.drainedSeq) return 0; // nothing new since the last prediction
    c.predictedSeq = ring.drainedSeq;
    const engrams: Engram[] = [];
    for (const id of c.recent.slice(-o.centroidWindow)) {
      const e = pc.memory.store.get(id);
      if (e) engrams.push(e);
    }
    const predicted = predictQuery(engrams, c.lastDomain, settings);
    if (!predicted) return 0;
    pc.counters.predicted++;
    if (o.predictor && predicted.confidence < o.confidenceThreshold) {
      pc.counters.gated++;
      return 0;
    }
    const result = recall(
      { personaId: pc.personaId, channelId: ring.channelId as ChannelId, embedding: predicted.embedding, taskDomain: predicted.taskDomain, recentHistory: predicted.recentHistory },
      pc.memory.store, pc.memory.graph, { totalTokens: o.recallTokens }, recallOptions,
    );
    const chosen = recalledEngrams(result).slice(0, o.prefetchEngrams);
    const prefetch: EngramPrefetch = {
      channelId: ring.channelId, stagedAt: now, coveredSeq: ring.drainedSeq, terms: predicted.terms, taskDomain: predicted.taskDomain,
      confidence: predicted.confidence, intents: predicted.intents, engrams: chosen,
    };
    const blend: BlendPrefetch = {
      channelId: ring.channelId, stagedAt: now, terms: predicted.terms,
      adapters: Object.fromEntries(computeGenomeBlend(chosen, o.adapters)),
    };
    ctx.buffer.publish(ring.prefetchKey, prefetch, ctx.tickNumber);
    ctx.buffer.publish(ring.blendKey, blend, ctx.tickNumber);
    c.stagedSeq = ring.drainedSeq;
    c.stagedAt = now;
    noteStaged(pc, prefetch);
    pc.counters.staged++;
    return entriesPerChannel;
  };

  const outcome = (ctx: RegionTickContext, pc: PersonaCognition | undefined, published: number, hint: CadenceHint): TickOutcome => {
    const prefetch = pc ? mergeReads(pc.prefetchReads.drainWeighted(), pc.blendReads.drainWeighted()) : undefined;
    return { published, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: hint, ...(prefetch ? { prefetch } : {}) };
  };

  /** Active and idle: shallow consolidation, salience decay, prediction and staging for each active channel. */
  const tick = (ctx: RegionTickContext): TickOutcome => {
    const pc = core.persona(ctx.personaId);
    if (!pc) return outcome(ctx, pc, 0, 'slower');
    const now = ctx.clock.now();
    const appended = consolidateShallow(pc, o, now);
    if (appended > 0) core.consolidation[ctx.phase].shallowPasses++;
    if (now - pc.salienceDecayedAt >= SALIENCE_DECAY_EVERY_MS) {
      pc.salience.decay(now);
      pc.salienceDecayedAt = now;
    }
    let published = 0;
    for (const ring of pc.working.channels()) {
      if (now - ring.lastAt <= o.activeChannelMs) published += stage(ctx, pc, ring, now);
    }
    // Faster while messages arrive or reads miss; hold while chat is live; slower when there is nothing to do.
    const hint: CadenceHint = appended > 0 || ctx.missesSinceLast > 0 ? 'faster' : pc.working.size > 0 && now - pc.lastMessageAt <= o.activeChannelMs ? 'hold' : 'slower';
    return outcome(ctx, pc, published, hint);
  };

  /** Sleep: drain what is left, then deep consolidation and pruning (algorithm 4). */
  const sleepWork = (ctx: RegionTickContext): TickOutcome => {
    const pc = core.persona(ctx.personaId);
    if (!pc) return outcome(ctx, pc, 0, 'hold');
    const now = ctx.clock.now();
    if (consolidateShallow(pc, o, now) > 0) core.consolidation[ctx.phase].shallowPasses++;
    pc.salience.decay(now);
    const deep = consolidateDeep(pc, o, now);
    const tally = core.consolidation[ctx.phase];
    tally.deepPasses++;
    tally.pruned += deep.pruned;
    return outcome(ctx, pc, 0, 'hold');
  };

  /**
   * Critical pressure: no consolidation, no recall. Keeps only the freshest prefetch (and its blend) alive —
   * re-published so it stays the newest entry — and drops the other channels' entries to free memory (their reads
   * miss and take the degraded path until the pressure falls).
   */
  const pressureWork = (ctx: RegionTickContext): TickOutcome => {
    const pc = core.persona(ctx.personaId);
    if (!pc) return outcome(ctx, pc, 0, 'slower');
    pc.counters.pressurePasses++;
    let freshest: ChannelRing | undefined;
    let at = -Infinity;
    for (const ring of pc.working.channels()) {
      const s = pc.channels.get(ring.channelId)?.stagedAt;
      if (s !== undefined && s > at && ctx.buffer.has(ring.prefetchKey)) { at = s; freshest = ring; }
    }
    let published = 0;
    for (const ring of pc.working.channels()) {
      for (const key of [ring.prefetchKey, ring.blendKey]) {
        if (ring !== freshest) { ctx.buffer.delete(key); continue; }
        const entry = ctx.buffer.entry(key);
        if (entry) { ctx.buffer.publish(key, entry.value, ctx.tickNumber); published++; }
      }
    }
    return outcome(ctx, pc, published, 'slower');
  };

  return defineRegion({
    id: HIPPOCAMPUS,
    scope: 'per-persona',
    description: 'Drains working memory into engrams and edges; predicts each active channel\'s next query (algorithm 5) and stages recall as prefetch:<channel> and the genome blend as blend:<channel>; deep consolidation and pruning in sleep.',
    pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu-vectorized', respondsTo: ['system-mem-high', 'inference-queue-depth'] },
    buffer: { max: o.maxChannels * entriesPerChannel },
    tick,
    sleepWork,
    pressureWork,
  });
}
