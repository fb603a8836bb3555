// The `attention` region (per persona): folds the salience map's reactions and rehearsals into the engram store
// (commuting increments; graph centrality is already counted by every link), publishes a salience snapshot — the
// hottest engrams by heat and salience — under `salience`, and writes the persona's vitals (their one owner).
import { defineRegion, type RegionDefinition, type RegionTickContext } from '../../runtime/region.js';
import type { TickOutcome } from '../../runtime/telemetry.js';
import type { CognitionCore } from '../cognition/cognition.js';
import { ATTENTION, type SalienceSnapshot } from '../cognition/prefetch-types.js';
import { writeVitals } from '../cognition/vitals.js';
import { REHEARSED_PER_HIT } from '../cognition/handler.js';

/** Engrams in a salience snapshot. */
export const SALIENCE_TOP = 8;
/** Rehearsals folded into one engram per tick at most (each is a `touch`). */
const MAX_TOUCHES = 8;
/** Messages per minute at which energy reaches 0. */
const ENERGY_FULL_LOAD_PER_MIN = 60;

/**
 * Per persona, like the salience map it maintains (§1.4 puts it in each persona's state): a global instance would
 * turn one persona's burst into every persona's latency, and the governor could not slow one persona's attention.
 */
export function attentionRegion(core: CognitionCore): RegionDefinition {
  /** Per persona: messages counted and per-channel seq at the previous tick (for vitals). */
  const tick = (ctx: RegionTickContext): TickOutcome => {
    const pc = core.persona(ctx.personaId);
    if (!pc) return { published: 0, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: 'slower' };
    const now = ctx.clock.now();
    const store = pc.memory.store;
    // Rehearsal: the first engrams of each prefetch the handler used since the previous tick.
    for (const used of pc.used) {
      const n = Math.min(REHEARSED_PER_HIT, used.engrams.length);
      for (let i = 0; i < n; i++) pc.salience.rehearse(used.engrams[i]!.engram.id, now);
    }
    pc.used.length = 0;
    const folded = pc.salience.takePending((id, reactions, rehearsals) => {
      if (!store.has(id)) return;
      if (reactions !== 0) store.updateSalience(id, 'reactions', reactions);
      for (let i = 0; i < rehearsals && i < MAX_TOUCHES; i++) store.touch(id);
    });
    const top = pc.salience.top(SALIENCE_TOP, now).flatMap(({ id, heat }) => {
      const e = store.get(id);
      return e ? [{ id, salience: e.salience, heat }] : [];
    });
    let published = 0;
    if (folded > 0 || top.length > 0) {
      const snapshot: SalienceSnapshot = { at: now, top };
      ctx.buffer.publish('salience', snapshot, ctx.tickNumber);
      published = 1;
    }
    // Vitals: energy falls with the message rate over the last minute, focus is the busiest channel's share.
    const state = pc.attention;
    const elapsed = Math.max(1, now - state.at);
    const newMessages = pc.messages - state.messages;
    const perMin = (newMessages * 60_000) / elapsed;
    let busiest = 0;
    let total = 0;
    for (const ring of pc.working.channels()) {
      const d = ring.seq - (state.seqs.get(ring.channelId) ?? 0);
      state.seqs.set(ring.channelId, ring.seq);
      total += d;
      if (d > busiest) busiest = d;
    }
    const vitals = pc.vitals.getSnapshot().context;
    const energy = vitals.energy + 0.2 * (1 - perMin / ENERGY_FULL_LOAD_PER_MIN - vitals.energy);
    const focus = total > 0 ? vitals.focus + 0.2 * (busiest / total - vitals.focus) : vitals.focus;
    const store_ = pc.vitalsStoreFor(ATTENTION);
    if (store_) writeVitals(store_, ATTENTION, energy, focus, now);
    state.at = now;
    state.messages = pc.messages;
    return { published, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: newMessages > 0 ? 'hold' : 'slower' };
  };
  return defineRegion({
    id: ATTENTION,
    scope: 'per-persona',
    description: 'Folds reactions and rehearsals into salience, publishes the hottest engrams under "salience", writes the persona\'s vitals.',
    pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: ['system-mem-high'] },
    buffer: { max: 1 },
    tick,
  });
}
