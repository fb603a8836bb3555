// The scenario runner: builds a substrate from a validated scenario and plays its timeline on the heap-based
// simulated clock (virtual time jumps from due event to due event), streaming the trace to a sink and collecting
// the summary and the report's chart data as it goes (none of them grows with the run's length but the trace file).
import { createRealClock, createSimulatedClock, type Clock, type SimulatedClock } from '../runtime/clock.js';
import { Runtime } from '../runtime/runtime.js';
import type { ServiceModule } from '../runtime/modules.js';
import { createSubstrate, type Substrate } from '../create-substrate.js';
import { simCommandModule } from './sim-commands.js';
import { regionKey } from '../runtime/region-key.js';
import type { RegionState } from '../runtime/region-key.js';
import { buildRegions, catalogScope, FaultSwitch, usesCognition } from './region-catalog.js';
import { createCognition } from '../actors/cognition/cognition.js';
import { scenarioCognitionOptions } from './validate-cognition.js';
import { HandlerLoad } from './handler-load.js';
import { createInferenceWorkload, type InferenceWorkload } from './inference-load.js';
import { isInferenceLoad, type InferenceLoadEvent } from './inference-load-event.js';
import { checkExpectation } from './expectations.js';
import { DEFAULT_TRACE_LEVEL, MemoryTraceSink, NULL_TRACE_SINK, ReadAggregator, TickAggregator, tickRecordOf, traceRecordOf, type TraceLevel, type TraceRecord, type TraceSink } from './trace.js';
import { SummaryBuilder, type ExpectationResult, type Summary } from './summary.js';
import { ReportSeriesBuilder, type ReportData } from './report-series.js';
import { InstanceKeys } from './instance-keys.js';
import type { SubstrateEvent } from '../actors/governor/events.js';
import type { Scenario, TimelineEvent } from './scenario-types.js';
import { driveRealtime, driveSimulated, flushMacrotask, flushMicrotasks, MAX_COMMAND_FLUSHES } from './run-drivers.js';
import type { InspectionEvent } from 'xstate';

/** The one seam of the inspector and recorder (src/inspector/): XState inspection, the started substrate, a driver. */
export interface RunAttachment {
  /** Passed to `createSubstrate` as `inspect`. */
  inspect?: (event: InspectionEvent) => void;
  /** Called once the substrate has started (before any timeline step runs), with the run's clock. */
  started?: (substrate: Substrate, clock: Clock) => void;
  /** Plays the simulated clock to `end` in place of the default driver (e.g. paced by real time, or stepped). */
  drive?: (clock: SimulatedClock, end: number, settle: () => Promise<void> | undefined) => Promise<void>;
}
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
  /** Called as simulated time advances (at most ~200 times per run), with the region ticks so far. */
  onProgress?: (simulatedMs: number, durationMs: number, ticks: number) => void;
  /** Overrides the scenario's `trace.level`. @default scenario.trace?.level ?? 'full' */
  traceLevel?: TraceLevel;
  /**
   * Where the trace records go as they happen (e.g. a `JsonLinesFileSink`); the run closes it at its end. Without
   * one the records are kept in memory and returned in `trace` (fine for short runs and tests).
   */
  traceSink?: TraceSink;
  /**
   * Calls `inspect` with the live substrate at simulated time `at` (after the timeline events and expectations due
   * then), e.g. to draw the actor tree. The run then goes on.
   */
  inspectAt?: { at: number; inspect: (substrate: Substrate) => void };
  /** Service modules registered on the run's runtime (its bus and clock) before it starts, e.g. an audit recorder. */
  modules?: readonly ServiceModule[];
  /** The inspector's and recorder's attach point (see RunAttachment). */
  attach?: RunAttachment;
  /**
   * The handler path conversation loads call (`handle` per message). @default the substrate's own `handle`, when it
   * has one. Tests pass a fake.
   */
  conversationTarget?: (substrate: Substrate, variant: RunVariant) => ConversationTarget | undefined;
}

/** What a run produces: the scenario, the trace, the summary and the report's chart data. */
export interface SimulationResult {
  scenario: Scenario;
  seed: number;
  /** The trace records when they were kept in memory (no `traceSink` given); empty when streamed or level `off`. */
  trace: TraceRecord[];
  traceLevel: TraceLevel;
  /** Records written to the trace (to the sink or into `trace`). */
  traceRecords: number;
  summary: Summary;
  /** The report's charts, bounded whatever the run's length (see report-series.ts). */
  charts: ReportData;
}

/** The default window of aggregated buffer reads in the trace, ms. */
export const DEFAULT_READ_WINDOW_MS = 10_000;


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
  // the baseline only records what its cognition saw: it writes no trace
  const { conversationTarget, seed } = options;
  const baseline = await runOnce(scenario, { traceLevel: 'off', ...(seed !== undefined ? { seed } : {}), ...(conversationTarget ? { conversationTarget } : {}) }, { role: 'baseline', variant });
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
  // the four cognition regions share one cognition, with the scenario's options; a predictor-off baseline run gets
  // the same options with its predictor off
  const cognition = usesCognition(scenario.regions) ? createCognition(scenarioCognitionOptions(scenario, role.variant.predictor), clock) : undefined;
  const regions = buildRegions(scenario.regions, faults, { onAsyncSettle: () => (asyncSettled = true), ...(cognition ? { cognition } : {}) });
  const substrate = createSubstrate({ regions, clock, seed, ...(cognition ? { cognition } : {}), ...(scenario.governor ? { governor: scenario.governor } : {}), ...(options.attach?.inspect ? { inspect: options.attach.inspect } : {}) });

  const level = options.traceLevel ?? scenario.trace?.level ?? DEFAULT_TRACE_LEVEL;
  const memory = level !== 'off' && options.traceSink === undefined ? new MemoryTraceSink() : undefined;
  const sink: TraceSink = level === 'off' ? NULL_TRACE_SINK : (options.traceSink ?? memory!);
  /** Closes the sink (also one given with level `off`, which then takes nothing). */
  const closeSink = (): void => {
    sink.close();
    if (options.traceSink !== undefined && options.traceSink !== sink) options.traceSink.close();
  };
  let traceRecords = 0;
  const emit = level === 'off' ? (): void => undefined : (record: TraceRecord): void => {
    traceRecords++;
    sink.write(record);
  };
  const regionIds = scenario.regions.map((r) => r.id);
  emit({ t: 0, type: 'scenario', name: scenario.name, seed, durationMs: end, regions: regionIds, readWindowMs, format: 1, ...(level === 'decisions' ? { level } : {}) });
  const globalIds = scenario.regions.filter((r) => catalogScope(r.id) === 'global').map((r) => r.id);
  const personaIds = scenario.regions.filter((r) => catalogScope(r.id) === 'per-persona').map((r) => r.id);
  const builder = new SummaryBuilder(globalIds, personaIds, origin);
  const charts = new ReportSeriesBuilder(regionIds, end, readWindowMs);
  const reads = new ReadAggregator(emit);
  const tickWindows = level === 'decisions' ? new TickAggregator(emit) : undefined;
  const load = new HandlerLoad(substrate, clock, substrate.random, (slot, key, hit) => {
    reads.read(slot, key, hit);
    builder.onRead(slot, hit);
  }, end);
  const hasConversation = (scenario.timeline ?? []).some(isConversationLoad);
  const target = hasConversation ? (options.conversationTarget ?? defaultConversationTarget)(substrate, role.variant) : undefined;
  const cognitionRun = new CognitionRun({
    clock, origin, seed, endMs: end, windowMs: readWindowMs, emit, target, statuses: () => substrate.regions(), ...(role.baseline ? { baseline: role.baseline } : {}),
    ...(cognition ? { consolidation: () => cognition.consolidation() } : {}),
  });
  const personaIdsNow = (): string[] => substrate.personas();
  const keys = new InstanceKeys();
  // the substrate isolates a listener that throws; a bug here would silently lose records, so the run fails instead
  let observerError: { error: unknown } | undefined;
  const observe = (event: SubstrateEvent): void => {
    if (event.type === 'tick') {
      // the hot path: one key lookup, no record object unless the level writes per-tick records
      const m = event.telemetry;
      const key = keys.of(m.regionId, m.personaId);
      const t = event.at - origin;
      builder.onTick(key, t, m);
      charts.tick(m.regionId, key, t, m.published, m.consumedSinceLast, m.bufferMissesSinceLast);
      if (tickWindows) tickWindows.tick(key, m.published, m.consumedSinceLast, m.bufferMissesSinceLast, m.tickDurationMs, m.cadenceHint);
      else if (level === 'full') emit(tickRecordOf(key, t, m));
      return;
    }
    const record = traceRecordOf(event, origin);
    emit(record);
    builder.onEvent(event);
    cognitionRun.onEvent(event, personaIdsNow);
    switch (record.type) {
      case 'policy': return charts.level(record.t, record.level);
      case 'phase': return charts.phase(record.t, record.phase);
      case 'restart-scheduled': case 'restarted': case 'region-failed': return charts.supervision(record);
      case 'persona': return load.personasChanged();
      default: return;
    }
  };
  substrate.observe((event) => {
    try {
      observe(event);
    } catch (error) {
      observerError ??= { error };
      throw error;
    }
  });
  const flushWindows = (at: number): void => {
    tickWindows?.flush(at);
    reads.flush(at);
  };

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
  options.attach?.started?.(substrate, clock);
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
    flushWindows(rel());
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
    const settleIfNeeded = (): Promise<void> | undefined => (asyncSettled || pendingCommands > 0 || inference?.needsSettle() ? settle() : undefined);
    const progress = options.onProgress && ((ms: number, total: number): void => options.onProgress!(ms, total, builder.ticks));
    if (simulated && options.attach?.drive) await options.attach.drive(simulated, end, settleIfNeeded);
    else if (simulated) await driveSimulated(simulated, end, progress, settleIfNeeded);
    else await driveRealtime(clock, origin, end, progress);
  } catch (error) {
    await inference?.stop();
    cognitionRun.stop();
    load.stop();
    substrate.stop();
    closeSink();
    throw error;
  }
  options.onProgress?.(end, end, builder.ticks);

  flushWindows(end);
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
  closeSink();
  if (observerError) throw observerError.error;
  return { result: { scenario, seed, trace: memory?.records ?? [], traceLevel: level, traceRecords, summary, charts: charts.finish() }, cognition: cognitionRun };
}

