// The genome region (§1.5 "Genome: LRU adapter paging plus multi-LoRA blend"): per persona, it reads the blend the
// hippocampus publishes, pages in the adapters whose weight passes the threshold (the rest are left to the tiers'
// policies), publishes the resident blend for the handler to peek before inference, and sheds under VRAM pressure.
import { describeError } from '../../runtime/describe.js';
import { ValidationError } from '../../runtime/errors.js';
import type { PersonaId } from '../../runtime/ids.js';
import { defineRegion, type RegionDefinition, type RegionTickContext } from '../../runtime/region.js';
import type { TickOutcome } from '../../runtime/telemetry.js';
import {
  DEFAULT_MAX_ADAPTERS,
  DEFAULT_PAGE_IN_THRESHOLD,
  GENOME_BLEND_KEY,
  GENOME_BLEND_SOURCE_REGION,
  GENOME_REGION_ID,
  normalizeWeights,
  parseGenomeBlend,
  RESIDENT_BLEND_KEY,
  selectAdapters,
  type ResidentBlend,
  type SelectedAdapter,
} from './blend.js';
import type { WorkingSetManager } from './manager.js';
import { page as makePage, pageKey, type PageRef } from './page.js';
import type { TierRole } from './tier.js';
import type { WorkingSetCapacity } from './working-set.js';

export interface GenomeRegionOptions {
  /** The working-set manager the personas' adapters live in (shared by every persona). Required. */
  manager: WorkingSetManager;
  /** Each persona's working-set capacity, registered on its first tick. Required. */
  capacity: WorkingSetCapacity;
  /** @default 'genome' */
  id?: string;
  /** Adapters with weight strictly above this are paged in. @default 0.1 */
  threshold?: number;
  /** Most adapters paged in per blend (the heaviest). @default 4 */
  maxAdapters?: number;
  /** Where the blend is read: a peer region's buffer and key. @default { regionId: 'hippocampus', key: 'genome-blend' } */
  source?: { regionId: string; key: string };
  /** The pages of an adapter. @default one whole `lora-layer` page whose artifact is the adapter id */
  pagesOf?: (adapter: string) => readonly PageRef[];
  /** Where adapters the blend no longer selects go when VRAM pressure is signalled. @default the manager's second tier */
  shedTo?: TierRole;
}

interface PersonaFollow {
  /** The blend object last consumed (a publish replaces it, so identity says "new blend"). */
  lastRaw: unknown;
  selected: SelectedAdapter[];
}

const defaultPagesOf = (adapter: string): readonly PageRef[] => [makePage('lora-layer', adapter)];

/**
 * Defines the per-persona genome region. Each tick with a new blend in the source buffer it: starts a manager turn,
 * selects the adapters (weight > `threshold`, top `maxAdapters`), pages their pages in, and publishes a
 * `ResidentBlend` under `RESIDENT_BLEND_KEY`. It never pages out on its own at nominal pressure — adapters the blend
 * dropped stay resident until the fast tier's policy evicts them, so a topic that comes back finds them. Under
 * pressure from `vram-high` it pages the unselected ones out to `shedTo`, which lowers the fast tier's utilization
 * and lets the cascade retreat (the pressure loop). While the substrate sleeps it runs the manager's garbage collection.
 *
 * @example
 * const genome = genomeRegion({ manager, capacity: { fastBytes: 64 << 20, warmBytes: 0, maxPinnedBytes: 0 } });
 * const substrate = createSubstrate({ regions: [hippocampus, genome], clock }).start();
 * substrate.buffer('genome', 'ada').peek(RESIDENT_BLEND_KEY); // { weights, selected, missing, turn, faults }
 */
export function genomeRegion(options: GenomeRegionOptions): RegionDefinition {
  const manager = options?.manager;
  if (manager === undefined || typeof manager.pageIn !== 'function') throw new ValidationError('genomeRegion: "manager" (a WorkingSetManager) is required');
  const threshold = options.threshold ?? DEFAULT_PAGE_IN_THRESHOLD;
  const maxAdapters = options.maxAdapters ?? DEFAULT_MAX_ADAPTERS;
  if (!(threshold >= 0 && threshold < 1)) throw new ValidationError(`genomeRegion: threshold must be in [0, 1), got ${String(threshold)}`);
  if (!Number.isSafeInteger(maxAdapters) || maxAdapters < 1) throw new ValidationError(`genomeRegion: maxAdapters must be a whole number ≥ 1, got ${String(maxAdapters)}`);
  const source = options.source ?? { regionId: GENOME_BLEND_SOURCE_REGION, key: GENOME_BLEND_KEY };
  const pagesOf = options.pagesOf ?? defaultPagesOf;
  const shedTo = options.shedTo ?? manager.roles[1];
  const follows = new Map<PersonaId, PersonaFollow>();

  const ensureRegistered = (persona: PersonaId): void => {
    if (!manager.hasPersona(persona)) manager.registerPersona(persona, options.capacity);
  };

  /** Pages out every resident page of the persona that no selected adapter needs. */
  const shed = async (persona: PersonaId, selected: readonly SelectedAdapter[]): Promise<void> => {
    if (shedTo === undefined) return;
    const keep = new Set(selected.flatMap((s) => pagesOf(s.adapter).map(pageKey)));
    const set = manager.snapshot(persona);
    for (const resident of Object.values(set?.pages ?? {})) {
      if (keep.has(pageKey(resident.page)) || resident.pinned) continue;
      await manager.pageOut(persona, resident.page, shedTo).catch(() => undefined);
    }
  };

  const follow = async (ctx: RegionTickContext): Promise<TickOutcome> => {
    const persona = ctx.personaId!;
    const buffer = ctx.buffer;
    const tick = ctx.tickNumber;
    const level = ctx.level;
    const consumedSinceLast = ctx.consumedSinceLast;
    const idle = (hint: TickOutcome['cadenceHint']): TickOutcome => ({ published: 0, consumedSinceLast, cadenceHint: hint });
    ensureRegistered(persona);
    const raw = ctx.peer(source.regionId)?.peek(source.key);
    const state = follows.get(persona) ?? { lastRaw: undefined, selected: [] };
    follows.set(persona, state);
    if (raw === undefined) return idle('slower');
    if (raw === state.lastRaw) {
      if (level !== 'nominal') await shed(persona, state.selected);
      return idle('hold');
    }
    state.lastRaw = raw;
    const blend = parseGenomeBlend(raw);
    if (typeof blend === 'string') return idle('slower');
    await manager.beginTurn();
    const selected = selectAdapters(blend, threshold, maxAdapters);
    state.selected = selected;
    const resident: Record<string, number> = {};
    const missing: Array<{ adapter: string; reason: string }> = [];
    let faults = 0;
    for (const { adapter, weight } of selected) {
      let reason: string | undefined;
      for (const p of pagesOf(adapter)) {
        try {
          const r = await manager.pageIn(persona, p);
          if (r.fault) faults++;
          if (r.handle === null) reason ??= `page ${pageKey(p)} is in no tier`;
        } catch (e) {
          reason ??= describeError(e);
        }
      }
      if (reason === undefined) resident[adapter] = weight;
      else missing.push({ adapter, reason });
    }
    if (level !== 'nominal') await shed(persona, selected);
    const published: ResidentBlend = { weights: normalizeWeights(resident), selected: selected.map((s) => s.adapter), missing, turn: manager.turn, faults };
    buffer.publish(RESIDENT_BLEND_KEY, published, tick);
    return { published: 1, consumedSinceLast, cadenceHint: faults > 0 || missing.length > 0 ? 'faster' : 'hold' };
  };

  return defineRegion({
    id: options.id ?? GENOME_REGION_ID,
    scope: 'per-persona',
    description: 'Follows the hippocampus blend: pages in adapters above the threshold, publishes the resident blend.',
    pressureProfile: { memoryClass: 'vram-sensitive', computeClass: 'bookkeeping', respondsTo: ['vram-high'] },
    buffer: { max: 4 },
    tick: follow,
    sleepWork: async (ctx) => {
      const consumedSinceLast = ctx.consumedSinceLast;
      await manager.collectGarbage();
      return { published: 0, consumedSinceLast, cadenceHint: 'slower' };
    },
    onSignal: async (signal, ctx) => {
      const persona = ctx.personaId;
      if (persona === undefined) return;
      if (signal.kind === 'persona-lifecycle' && signal.lifecycle.kind === 'destroyed') {
        follows.delete(persona);
        manager.unregisterPersona(persona);
      } else if (signal.kind === 'system-pressure-changed' && signal.level !== 'nominal') {
        const state = follows.get(persona);
        if (state !== undefined) await shed(persona, state.selected);
      }
    },
  });
}
