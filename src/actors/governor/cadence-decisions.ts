// The governor's decisions about each region slot: passes from the cadence table, weight from yield learning,
// the interval for the phase and pressure, and when the region is paused (sleep or critical pressure). In-place.
import { nextPasses, regionIntervalMs } from '../../policy/cadence.js';
import { normalizeWeightsInPlace, updateBudgetInPlace } from '../../policy/yield-learning.js';
import type { CadenceHint, SleepPhase } from '../../runtime/signals.js';
import type { KernelSlot, SubstrateKernel } from './host.js';
import type { TickReport } from '../../machines/governor.machine.js';
import { bodyFor } from '../region/tick-runner.js';
import { publishSubstrateEvent } from './bus-events.js';

/** Why the governor is not giving a region what its hint asked, or `undefined` when it is. */
export function overrideReason(kernel: SubstrateKernel, slot: KernelSlot, phase: SleepPhase = kernel.phase): string | undefined {
  if (slot.level === 'critical' && !slot.def.pressureWork) return 'paused: critical pressure and no pressureWork';
  if (phase === 'sleep' && slot.level !== 'critical' && !slot.def.sleepWork) return 'paused: sleep phase and no sleepWork';
  if (slot.level !== 'nominal') return `slowed: ${slot.level} pressure (×${kernel.config.pressureMultipliers[slot.level]})`;
  return undefined;
}

/**
 * Interval = base pass (phase) × passes ÷ yield weight × pressure multiplier (only levels the region responds to
 * reach it), rounded to whole milliseconds (at least 1). A higher weight (more of the output consumed) ticks more often.
 */
export function intervalFor(kernel: SubstrateKernel, slot: KernelSlot, phase: SleepPhase = kernel.phase): number {
  const w = slot.weight;
  const ms = regionIntervalMs({
    basePassMs: kernel.config.basePassMs[phase],
    passes: slot.passes,
    inverseYieldWeight: w > 0 ? 1 / w : w,
    pressureMultiplier: kernel.config.pressureMultipliers[slot.level],
  });
  return ms < 1 ? 1 : Math.round(ms);
}

function noteOverride(kernel: SubstrateKernel, slot: KernelSlot, phase: SleepPhase): void {
  const reason = overrideReason(kernel, slot, phase);
  if (reason === slot.override) return;
  slot.override = reason;
  const hint = slot.lastOutcome?.cadenceHint ?? 'hold';
  publishSubstrateEvent(kernel.bus, 'governor:override', { region: slot.regionId, personaId: slot.personaId ?? null, key: slot.key, hint, reason: reason ?? null });
  if (kernel.observed) kernel.emit({ type: 'override', at: kernel.clock.now(), key: slot.key, reason, hint });
}

/**
 * Arms the slot's next tick from its current passes, weight, phase and pressure — or pauses it (no timer) when
 * no body can run now. The first tick of a fresh slot is due one interval after it starts.
 */
export function scheduleNext(kernel: SubstrateKernel, slot: KernelSlot): void {
  const phase = kernel.phase; // read once: the phase cannot change while one decision runs
  noteOverride(kernel, slot, phase);
  if (slot.status !== 'running' || bodyFor(kernel, slot, phase) === undefined) {
    kernel.cancelTimer(slot);
    return;
  }
  const now = kernel.clock.now();
  slot.intervalMs = intervalFor(kernel, slot, phase);
  const due = (slot.lastTickAt ?? now) + slot.intervalMs;
  kernel.armTick(slot, due > now ? due : now);
}

const weightOf = (s: KernelSlot): number => s.weight;
const setWeight = (s: KernelSlot, w: number): void => {
  s.weight = w;
};
/** Only live regions share a persona's mean weight: a failed or restarting sibling keeps its weight out of it. */
const isLive = (s: KernelSlot): boolean => s.status === 'running';

/**
 * The slot a tick report is about, while it still runs the actor that ticked (not destroyed, not restarted since).
 * `hint` is the slot the host reported at this position (`kernel.reported`); it is used when its key is the report's.
 */
function liveSlot(kernel: SubstrateKernel, report: TickReport, hint: KernelSlot | undefined): KernelSlot | undefined {
  const slot = hint !== undefined && hint.key === report.key ? hint : kernel.slots.get(report.key);
  return slot && slot.status === 'running' && slot.tickNumber === report.tickNumber ? slot : undefined;
}

const liveScratch: Array<KernelSlot | undefined> = [];
/** The batch's normalization groups, each once, in first-seen order (reused array: no Set per batch). */
const groupScratch: Array<readonly KernelSlot[]> = [];
/** Stamped on a group's first slot when the group is queued for this batch (`normalizedIn`), instead of a Set lookup. */
let batchNumber = 0;

/** Applies the governor's decision for each region that ticked in this instant (the `REGIONS.TICKED` reports). */
export function decideBatch(kernel: SubstrateKernel, ticks: readonly TickReport[]): void {
  const lr = kernel.config.learningRate;
  const groups = groupScratch;
  groups.length = 0;
  const batch = ++batchNumber;
  const slots = liveScratch; // each report's live slot, looked up once (reused array: no allocation per batch)
  slots.length = ticks.length;
  const reported = kernel.reported?.length === ticks.length ? kernel.reported : undefined;
  for (let i = 0; i < ticks.length; i++) {
    const report = ticks[i]!;
    const slot = (slots[i] = liveSlot(kernel, report, reported?.[i]));
    if (slot && !report.failed) {
      updateBudgetInPlace(slot, report, report, lr); // the slot holds its budget; a report is its own YieldOutcome and PrefetchStats
      const group = slot.group;
      const head = group[0]!; // a group holds at least the slot itself
      if (head.normalizedIn !== batch) {
        head.normalizedIn = batch;
        groups.push(group);
      }
    }
  }
  for (let g = 0; g < groups.length; g++) normalizeWeightsInPlace(groups[g]!, weightOf, setWeight, isLive);
  groups.length = 0;
  for (let i = 0; i < ticks.length; i++) {
    const report = ticks[i]!;
    const slot = slots[i];
    slots[i] = undefined;
    if (!slot) continue;
    const hint: CadenceHint = report.failed ? 'slower' : report.cadenceHint;
    const passes = slot.passes;
    const interval = slot.intervalMs;
    slot.passes = nextPasses(passes, hint);
    scheduleNext(kernel, slot);
    if (kernel.observed && (slot.passes !== passes || slot.intervalMs !== interval)) {
      kernel.emit({ type: 'decision', at: kernel.clock.now(), key: slot.key, hint, passes: slot.passes, weight: slot.weight, intervalMs: slot.intervalMs, nextDueAt: slot.nextDueAt });
    }
  }
}
