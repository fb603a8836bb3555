// The genome's tiered working set: tiers and policies, page refs, stores (memory, files), the working-set manager,
// its bus surface and pressure loop, and the per-persona genome region that follows the hippocampus's blend.
export { TIER_ROLES, tierRank, isTierRole, isPresentOnUma, WARM_WINDOW_TURNS, EVICTION_POLICY_KINDS, canonicalPolicyFor, parseEvictionPolicy, availableBytes, utilization, tierConfigsFor, roleLabel } from './tier.js';
export type { TierRole, EvictionPolicy, EvictionPolicyKind, TierCapacity, TierConfig, HardwareClass } from './tier.js';
export { PAGE_KINDS, pageKey, parsePageRef, page, samePage } from './page.js';
export type { PageKind, PageOffset, PageRef, PageHandle } from './page.js';
export { sha256Hex, artifactIdFromBytes, inlineBlob, contentBlob, minimalProvenance, parseProvenance } from './blob.js';
export type { ArtifactBlob, Provenance, ProvenanceOrigin } from './blob.js';
export { TierError } from './tier-error.js';
export type { TierErrorKind, TierErrorWire } from './tier-error.js';
export { WorkingSetError } from './working-set-error.js';
export type { WorkingSetErrorKind } from './working-set-error.js';
export { accessDeniedMessage, CROSS_PERSONA_REASON } from './events.js';
export type { PageFault, EvictionRecord, EvictionReason, WorkingSetChange, AccessDenied } from './events.js';
export { WorkingSet, parseWorkingSetCapacity } from './working-set.js';
export type { ResidentPage, WorkingSetCapacity } from './working-set.js';
export {
  createVictimPolicy, DEFAULT_MAX_PAGES, DEFAULT_FREQUENCY_HALF_LIFE_MS, DEFAULT_CROSS_PERSONA_BONUS, DEFAULT_DEMAND_HALF_LIFE_MS,
} from './policies/victim-policy.js';
export type { VictimPolicy, VictimPolicyOptions } from './policies/victim-policy.js';
export type { TierStore, StoredPage, EvictOptions } from './store.js';
export { IndexedTierStore } from './indexed-store.js';
export type { ByteBackend, TierStoreOptions } from './indexed-store.js';
export { createMemoryTierStore } from './memory-store.js';
export type { MemoryTierStoreOptions } from './memory-store.js';
export { FileTierStore, openFileTierStore } from './file-store.js';
export type { FileTierStoreOptions, FileStoreOpenReport } from './file-store.js';
export { PAGE_FILE_FORMAT, PAGE_FILE_SUFFIX, TEMP_FILE_PREFIX } from './file-format.js';
export { canMakeRoom } from './eviction-plan.js';
export { createWorkingSetManager } from './manager.js';
export type { WorkingSetManager, WorkingSetManagerOptions, WorkingSetManagerStats, PageInResult, PageOutResult } from './manager.js';
export { DEFAULT_TIER_PRESSURE, resolveTierPressure, TierPressureMonitor } from './pressure.js';
export type { TierPressureThreshold, TierPressureThresholds } from './pressure.js';
export {
  PAGE_FAULT_KEY, EVICTION_RECORD_KEY, ACCESS_DENIED_KEY, genomeSelectors, publishPageFault, publishEvictionRecord, publishAccessDenied, subscribeToGenomeEvents,
} from './bus.js';
export type { GenomeBusEvent } from './bus.js';
export {
  GENOME_BLEND_SOURCE_REGION, GENOME_BLEND_KEY, GENOME_REGION_ID, RESIDENT_BLEND_KEY, CONVERSATIONAL_ADAPTER, DEFAULT_PAGE_IN_THRESHOLD, DEFAULT_MAX_ADAPTERS,
  parseGenomeBlend, normalizeWeights, selectAdapters,
} from './blend.js';
export type { GenomeBlend, ResidentBlend, SelectedAdapter } from './blend.js';
export { genomeRegion } from './genome-region.js';
export type { GenomeRegionOptions } from './genome-region.js';
export { createThrashMeter } from './thrash-meter.js';
export type { ThrashMeter, ThrashReport } from './thrash-meter.js';
export { topicShiftBlends, DEFAULT_TOPICS } from './topic-shift.js';
export type { TopicShiftOptions, TopicTurn } from './topic-shift.js';
