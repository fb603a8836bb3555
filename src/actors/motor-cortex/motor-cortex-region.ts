// The `motor-cortex` region (per persona): pre-scores candidate replies for each active channel from the
// hippocampus's prefetch and attention's salience snapshot and publishes them as `candidates:<channel>`. A
// deterministic scorer — no LLM is loaded. On cold start (no prefetch yet) it publishes nothing: the handler falls back.
import { defineRegion, type RegionDefinition, type RegionTickContext } from '../../runtime/region.js';
import type { TickOutcome } from '../../runtime/telemetry.js';
import type { CadenceHint } from '../../runtime/signals.js';
import type { CognitionCore } from '../cognition/cognition.js';
import { ATTENTION, HIPPOCAMPUS, MOTOR_CORTEX, type CandidateSet, type EngramPrefetch, type SalienceSnapshot } from '../cognition/prefetch-types.js';
import { scoreCandidates } from './candidate-scorer.js';

/**
 * Latency-sensitive: faster when reads missed, or when it staged new candidates and handlers read the last ones;
 * slower when nobody read anything since its previous tick; else hold.
 */
export function motorHint(published: number, hits: number, misses: number): CadenceHint {
  if (misses > 0) return 'faster';
  if (hits === 0) return 'slower';
  return published > 0 ? 'faster' : 'hold';
}

export function motorCortexRegion(core: CognitionCore): RegionDefinition {
  const o = core.options;

  const tick = (ctx: RegionTickContext): TickOutcome => {
    const pc = core.persona(ctx.personaId);
    if (!pc) return { published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'slower' };
    const now = ctx.clock.now();
    const hippocampus = ctx.peer(HIPPOCAMPUS);
    let salience: SalienceSnapshot | undefined;
    let salienceRead = false;
    let published = 0;
    for (const ring of pc.working.channels()) {
      if (now - ring.lastAt > o.activeChannelMs) continue;
      const c = pc.channels.get(ring.channelId);
      if (c?.stagedAt === undefined || c.candidatesFrom === c.stagedAt) continue; // cold start, or nothing new
      const prefetch = hippocampus?.peek(ring.prefetchKey) as EngramPrefetch | undefined;
      if (!prefetch || !(prefetch.terms instanceof Set)) continue; // none, or restored from JSON (not re-staged yet)
      if (!salienceRead) {
        salience = ctx.peer(ATTENTION)?.peek('salience') as SalienceSnapshot | undefined;
        salienceRead = true;
      }
      const set: CandidateSet = { channelId: ring.channelId, stagedAt: now, fromPrefetchAt: prefetch.stagedAt, terms: prefetch.terms, candidates: scoreCandidates(prefetch, salience) };
      ctx.buffer.publish(ring.candidatesKey, set, ctx.tickNumber);
      c.candidatesFrom = c.stagedAt;
      published++;
    }
    const reads = pc.candidateReads.drainWeighted();
    return {
      published, consumedSinceLast: ctx.consumedSinceLast,
      cadenceHint: motorHint(published, ctx.consumedSinceLast, ctx.missesSinceLast),
      ...(reads ? { prefetch: reads } : {}),
    };
  };

  return defineRegion({
    id: MOTOR_CORTEX,
    scope: 'per-persona',
    description: 'Pre-scores candidate replies per active channel (deterministic templates over the prefetch; no LLM loaded) as candidates:<channel>; nothing on cold start.',
    pressureProfile: { memoryClass: 'light', computeClass: 'inference-light', respondsTo: ['inference-queue-depth', 'thermal'] },
    buffer: { max: o.maxChannels },
    tick,
  });
}
