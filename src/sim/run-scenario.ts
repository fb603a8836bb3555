// The scenario runner: builds a substrate from a validated scenario and plays its timeline on the heap-based
// simulated clock (virtual time jumps from due event to due event), recording the trace and the summary.
import { createRealClock, createSimulatedClock, type Clock, type SimulatedClock } from '../runtime/clock.js';
import { Runtime } from '../runtime/runtime.js';
import type { ServiceModule } from '../runtime/modules.js';
import { createSubstrate, type Substrate } from '../create-substrate.js';
import { simCommandModule } from './sim-commands.js';
import { regionKey } from '../runtime/region-key.js';
import type { RegionState } from '../runtime/region-key.js';
import { buildRegions, catalogScope, FaultSwitch, usesCognition } from './region-catalog.js';
import { createCognition } from '../actors/cognition/cognition.js';
import { HandlerLoad } from './handler-load.js';
import { createInferenceWorkload, type InferenceWorkload } from './inference-load.js';
import { isInferenceLoad, type InferenceLoadEvent } from './inference-load-event.js';
import { checkExpectation } from './expectations.js';
import { ReadAggregator, traceRecordOf, type TraceRecord } from './trace.js';
import { SummaryBuilder, type ExpectationResult, type Summary } from './summary.js';
import type { Scenario, TimelineEvent } from './scenario-types.js';
import { CognitionRun } from './conversation/cognition-run.js';
import { isConversationLoad } from './conversation/conversation-load-event.js';
import type { ConversationTarget } from './conversation/conversation-target.js';
import { baselineVariant, defaultConversationTarget, type RunVariant } from './conversation/run-variant.js';
import type { CognitionSnapshot } from './conversation/cognition-expectations.js';

/** Options of `runScenario`. */
export interface RunOptions {
  /** Overrides the scenario's seed. @default scenario.seed ?? 1 */
  seed?: number;
  /** Run on the real clock, in real time (for watching with the inspector). @default false */
  realtime?: boolean;
  /** Called as simulated time advances (at most ~200 times per run). */
  onProgress?: (simulatedMs: number, durationMs: number) => void;
  /**
   * Calls `inspect` with the live substrate at simulated time `at` (after the timeline events and expectations due
   * then), e.g. to draw the actor tree. The run then goes on.
   */
  inspectAt?: { at: number; inspect: (substrate: Substrate) => void };
  /** Service modules registered on the run's runtime (its bus and clock) before it starts, e.g. an audit recorder. */
  modules?: readonly ServiceModule[];
  /**
   * The handler path conversation loads call (`handle` per message). @default the substrate's own `handle`, when it
   * has one. Tests pass a fake.
   */
  conversationTarget?: (substrate: Substrate, variant: RunVariant) => ConversationTarget | undefined;
}

/** What a run produces: the scenario, the trace records (see `toJsonLines`) and the summary. */
export interface SimulationResult {
  scenario: Scenario;
  seed: number;
  trace: TraceRecord[];
  summary: Summary;
}

/** The default window of aggregated buffer reads in the trace, ms. */
export const DEFAULT_READ_WINDOW_MS = 10_000;

/**
 * Lets settled async ticks' promise callbacks run before virtual time moves on. Awaiting a few resolved promises
 * drains chains of up to that many microtask hops (a region's `.then` is one hop); far cheaper than a macrotask.
 */
const MICROTASK_HOPS = 8;
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < MICROTASK_HOPS; i++) await null;
}
/** A command's response may take more hops (the runtime's routing is async); it is waited for, a macrotask at a time. */
const MAX_COMMAND_FLUSHES = 100;
const flushMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs a validated scenario (see `loadScenario`/`validateScenario`). The same scenario and seed give the same trace,
 * byte for byte. Expectations with `at` are checked at that instant (after timeline events due then, before the
 * ticks due then); the others at the end.
 *
 * @example
 * const result = await runScenario(loadScenario('scenarios/default.json'));
 * result.summary.passed; // every expectation passed
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<SimulationResult> {
  if (scenario.baseline === undefined) return (await runOnce(scenario, options, { role: 'main', variant: { predictor: true } })).result;
  // the baseline first (the same conversation, from the same seed), so this run's expectations can compare with it
  const variant = baselineVariant(scenario.baseline);
  const { conversationTarget, seed } = options;
  const baseline = await runOnce(scenario, { ...(seed !== undefined ? { seed } : {}), ...(conversationTarget ? { conversationTarget } : {}) }, { role: 'baseline', variant });
  const main = await runOnce(scenario, options, { role: 'main', variant: { predictor: true }, baseline: baseline.cognition.snapshots });
  const conversation = main.result.summary.conversation;
  const base = baseline.result.summary.conversation;
  if (conversation && base) conversation.baseline = { kind: scenario.baseline, ...base };
  return main.result;
}

/** How one run of a scenario goes: the main run, or the baseline run that only records (no expectations checked). */
interface RunRole {
  role: 'main' | 'baseline';
  variant: RunVariant;
  baseline?: ReadonlyMap<number, CognitionSnapshot>;
}

async function runOnce(scenario: Scenario, options: RunOptions, role: RunRole): Promise<{ result: SimulationResult; cognition: CognitionRun }> {
  const seed = options.seed ?? scenario.seed ?? 1;
  const end = scenario.durationMs;
  const readWindowMs = scenario.trace?.readWindowMs ?? DEFAULT_READ_WINDOW_MS;
  const simulated: SimulatedClock | undefined = options.realtime ? undefined : createSimulatedClock();
  const clock: Clock = simulated ?? createRealClock();
  const origin = clock.now();
  const rel = (): number => clock.now() - origin;

  let asyncSettled = false;
  const faults = new FaultSwitch();
  // the four cognition regions share one cognition; a predictor-off baseline run switches its predictor off
  const cognition = usesCognition(scenario.regions) ? createCognition({ predictor: role.variant.predictor }, clock) : undefined;
  const regions = buildRegions(scenario.regions, faults, { onAsyncSettle: () => (asyncSettled = true), ...(cognition ? { cognition } : {}) });
  const substrate = createSubstrate({ regions, clock, seed, ...(cognition ? { cognition } : {}), ...(scenario.governor ? { governor: scenario.governor } : {}) });

  const trace: TraceRecord[] = [];
  const emit = (record: TraceRecord): void => void trace.push(record);
  emit({ t: 0, type: 'scenario', name: scenario.name, seed, durationMs: end, regions: scenario.regions.map((r) => r.id), readWindowMs, format: 1 });
  const globalIds = scenario.regions.filter((r) => catalogScope(r.id) === 'global').map((r) => r.id);
  const personaIds = scenario.regions.filter((r) => catalogScope(r.id) === 'per-persona').map((r) => r.id);
  const builder = new SummaryBuilder(globalIds, personaIds, origin);
  const reads = new ReadAggregator(emit);
  const load = new HandlerLoad(substrate, clock, substrate.random, (slot, key, hit) => {
    reads.read(slot, key, hit);
    builder.onRead(slot, hit);
  }, end);
  const hasConversation = (scenario.timeline ?? []).some(isConversationLoad);
  const target = hasConversation ? (options.conversationTarget ?? defaultConversationTarget)(substrate, role.variant) : undefined;
  const cognitionRun = new CognitionRun({
    clock, origin, seed, endMs: end, windowMs: readWindowMs, emit, target, statuses: () => substrate.regions(), ...(role.baseline ? { baseline: role.baseline } : {}),
  });
  const personaIdsNow = (): string[] => substrate.personas();
  substrate.observe((event) => {
    emit(traceRecordOf(event, origin));
    builder.onEvent(event);
    cognitionRun.onEvent(event, personaIdsNow);
    if (event.type === 'persona') load.personasChanged();
  });

  const runtime = new Runtime({ bus: substrate.bus, clock, random: substrate.random });
  const inference: InferenceWorkload | undefined = (scenario.timeline ?? []).some(isInferenceLoad)
    ? await createInferenceWorkload({ host: substrate, bus: substrate.bus, clock, seed, endAt: origin + end })
    : undefined;
  runtime.register(simCommandModule(substrate));
  for (const module of options.modules ?? []) runtime.register(module);
  let pendingCommands = 0;

  const results: ExpectationResult[] = [];
  const check = (index: number): void => {
    if (role.role === 'baseline') return; // the baseline run only records
    const r = checkExpectation(scenario.expect![index]!, index, rel(), substrate, builder, cognitionRun);
    results.push(r);
    emit({ t: r.at, type: 'expectation', index, description: r.description, passed: r.passed, actual: r.actual });
  };

  const apply = (event: TimelineEvent, index: number): void => {
    emit({ t: rel(), type: 'timeline', index, event });
    switch (event.type) {
      case 'pressure': return substrate.pressure(event.signal);
      case 'sleep': return substrate.sleep(event.phase);
      case 'persona-create': return void substrate.spawnPersona(event.persona);
      case 'persona-destroy': return substrate.destroyPersona(event.persona);
      case 'load':
        if (isConversationLoad(event)) return cognitionRun.apply(event, index, substrate.personas());
        return isInferenceLoad(event) ? inference!.apply(event as InferenceLoadEvent, origin) : load.apply(event as Exclude<typeof event, InferenceLoadEvent>, origin);
      case 'fault': {
        if (event.persona !== undefined || catalogScope(event.region) === 'global') faults.arm(regionKey(event.region, event.persona), event.ticks);
        else for (const p of substrate.personas()) faults.arm(regionKey(event.region, p), event.ticks);
        return;
      }
      case 'command': {
        pendingCommands++;
        void runtime.execute(event.command, event.params ?? {}).then((response) => {
          pendingCommands--;
          emit({ t: rel(), type: 'command', index, command: event.command, response: response.toJSON() });
        });
        return;
      }
    }
  };

  await runtime.initialize();
  substrate.start();
  // Persona entries first, then the timeline, then expectations: equal-time timers fire in the order they were set.
  type Step = { at: number; order: number; run: () => void };
  const steps: Step[] = [];
  (scenario.personas ?? []).forEach((p) => {
    steps.push({ at: p.createdAt ?? 0, order: 0, run: () => void substrate.spawnPersona(p.id) });
    if (p.destroyedAt !== undefined) steps.push({ at: p.destroyedAt, order: 0, run: () => substrate.destroyPersona(p.id) });
  });
  (scenario.timeline ?? []).forEach((e, i) => steps.push({ at: e.at, order: 1, run: () => apply(e, i) }));
  for (const t of CognitionRun.snapshotTimes(scenario.expect ?? [], end)) steps.push({ at: t, order: 1.5, run: () => cognitionRun.mark(t) });
  const atEnd: number[] = [];
  (scenario.expect ?? []).forEach((x, i) => {
    if (x.at === undefined) atEnd.push(i);
    else steps.push({ at: x.at, order: 2, run: () => check(i) });
  });
  if (options.inspectAt) {
    const { at, inspect } = options.inspectAt;
    steps.push({ at, order: 3, run: () => inspect(substrate) });
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const step of steps) clock.setTimeout(step.run, step.at);
  const flushReads = (): void => {
    reads.flush(rel());
    cognitionRun.flush(rel());
    if (rel() + readWindowMs < end) clock.setTimeout(flushReads, readWindowMs);
  };
  if (readWindowMs < end) clock.setTimeout(flushReads, readWindowMs);

  try {
    const settle = async (): Promise<void> => {
      if (inference?.needsSettle()) await inference.settle(); // the inference module and engine go on in promise callbacks
      if (asyncSettled) {
        asyncSettled = false;
        await flushMicrotasks(); // let async ticks' promise callbacks run before time moves on
      }
      for (let i = 0; pendingCommands > 0 && i < MAX_COMMAND_FLUSHES; i++) await flushMacrotask(); // command responses
    };
    if (simulated) await driveSimulated(simulated, end, options.onProgress, () => (asyncSettled || pendingCommands > 0 || inference?.needsSettle() ? settle() : undefined));
    else await driveRealtime(clock, origin, end, options.onProgress);
  } catch (error) {
    await inference?.stop();
    cognitionRun.stop();
    load.stop();
    substrate.stop();
    throw error;
  }
  options.onProgress?.(end, end);

  reads.flush(end);
  cognitionRun.flush(end);
  cognitionRun.mark(end);
  for (const i of atEnd) check(i);
  const states = new Map<string, RegionState>(substrate.regions().map((s) => [s.key, s.state]));
  const inferenceStats = inference?.stats();
  await inference?.stop();
  cognitionRun.stop();
  load.stop();
  substrate.stop();
  results.sort((a, b) => a.index - b.index);
  const summary = builder.finish(end, { scenario: scenario.name, seed, durationMs: end }, states, results);
  if (inferenceStats) summary.inference = inferenceStats;
  Object.assign(summary, cognitionRun.summary(hasConversation));
  emit({ t: end, type: 'end', ticks: summary.ticks, passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length });
  return { result: { scenario, seed, trace, summary }, cognition: cognitionRun };
}

/** Plays the simulated clock up to `end`, jumping from due timer to due timer. */
async function driveSimulated(clock: SimulatedClock, end: number, onProgress: RunOptions['onProgress'], settle: () => Promise<void> | undefined): Promise<void> {
  const progressStep = end / 200;
  let nextProgress = progressStep;
  let due = clock.nextDueAt();
  while (due !== undefined && due <= end) {
    clock.advanceTo(due);
    const settling = settle();
    if (settling) await settling;
    if (onProgress && due >= nextProgress) {
      onProgress(due, end);
      nextProgress = due + progressStep;
    }
    due = clock.nextDueAt();
  }
  clock.advanceTo(end);
}

/** Waits on the real clock until `end` ms after `origin`, reporting progress about once a second. */
function driveRealtime(clock: Clock, origin: number, end: number, onProgress: RunOptions['onProgress']): Promise<void> {
  return new Promise<void>((resolve) => {
    const report = (): void => {
      const t = clock.now() - origin;
      if (t >= end) return resolve();
      onProgress?.(t, end);
      clock.setTimeout(report, Math.min(1000, end - t));
    };
    clock.setTimeout(report, 0);
  });
}
