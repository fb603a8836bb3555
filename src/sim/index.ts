// continuum-substrate/sim: scripted simulations — load and validate scenarios, run them deterministically, write
// the trace, summary and HTML report.

// ── scripted simulations ─────────────────────────────────────────────────────────────────────────
export { loadScenario, parseScenario } from './load-scenario.js';
export { validateScenario, scenarioProblems, ScenarioError } from './validate-scenario.js';
export { runScenario, DEFAULT_READ_WINDOW_MS } from './run-scenario.js';
export type { RunOptions, SimulationResult } from './run-scenario.js';
export type { Scenario, ScenarioRegion, ScenarioPersona, TimelineEvent, Expectation, TraceOptions, BaselineKind } from './scenario-types.js';
export { toJsonLines, parseJsonLines, MemoryTraceSink, TRACE_LEVELS, DEFAULT_TRACE_LEVEL } from './trace.js';
export type { TraceRecord, TraceRecordType, TraceSink, TraceLevel } from './trace.js';
export { JsonLinesFileSink } from './trace-file.js';
export { formatSummary } from './summary-table.js';
export type { Summary, InstanceSummary, RegionSummary, ExpectationResult, IntervalStats } from './summary.js';
export { renderHtmlReport } from './html-report.js';
export type { ReportInput } from './html-report.js';
export { reportDataFromTrace } from './report-series.js';
export type { ReportData } from './report-series.js';
export { writeSimulationOutputs, openSimulationOutputs, TraceNotInMemoryError } from './write-outputs.js';
export type { StreamedOutputs } from './write-outputs.js';
export { CATALOG_IDS } from './region-catalog.js';
export { SIM_COMMANDS } from './sim-commands.js';

// ── conversation workload (issue #11) ────────────────────────────────────────────────────────────
export { ConversationGenerator, REACTION_DELAY_MS } from './conversation/conversation-generator.js';
export type { ConversationEvent, ConversationMessage, ConversationReaction } from './conversation/conversation-generator.js';
export { CONVERSATION_DEFAULTS, CONVERSATION_LIMITS, isConversationLoad } from './conversation/conversation-load-event.js';
export type { ConversationLoadEvent, ConversationChannel, ConversationBursts } from './conversation/conversation-load-event.js';
export { CONVERSATION_TOPICS, CONVERSATION_TOPIC_NAMES } from './conversation/topic-catalog.js';
export type { ConversationTarget, InboundReaction } from './conversation/conversation-target.js';
export type { ConversationSummary, PersonaConversationSummary, BufferRates, HitRateSeries } from './conversation/conversation-summary.js';
export type { GovernorSummary, GovernorRegionSummary } from './conversation/governor-log.js';
export type { HandledTraceRecord } from './conversation/conversation-recorder.js';
export { PREDICTOR_FAILING_BELOW, HIT_RATE_TARGET } from './conversation/cognition-expectation-types.js';
