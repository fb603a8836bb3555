// continuum-substrate/sim: scripted simulations — load and validate scenarios, run them deterministically, write
// the trace, summary and HTML report.

// ── scripted simulations ─────────────────────────────────────────────────────────────────────────
export { loadScenario, parseScenario } from './load-scenario.js';
export { validateScenario, scenarioProblems, ScenarioError } from './validate-scenario.js';
export { runScenario, DEFAULT_READ_WINDOW_MS } from './run-scenario.js';
export type { RunOptions, SimulationResult } from './run-scenario.js';
export type { Scenario, ScenarioRegion, ScenarioPersona, TimelineEvent, Expectation, TraceOptions } from './scenario-types.js';
export { toJsonLines, parseJsonLines } from './trace.js';
export type { TraceRecord, TraceRecordType } from './trace.js';
export { formatSummary } from './summary-table.js';
export type { Summary, InstanceSummary, RegionSummary, ExpectationResult, IntervalStats } from './summary.js';
export { renderHtmlReport } from './html-report.js';
export { writeSimulationOutputs } from './write-outputs.js';
export { CATALOG_IDS } from './region-catalog.js';
export { SIM_COMMANDS } from './sim-commands.js';
