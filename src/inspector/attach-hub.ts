// Attaches an inspection hub to a scenario run (the run's one seam, `RunOptions.attach`), and records a run:
// `continuum simulate --record` streams the hub's frames to a recording while the run goes on.
import type { Scenario } from '../sim/scenario-types.js';
import type { RunAttachment } from '../sim/run-scenario.js';
import type { Substrate } from '../create-substrate.js';
import type { Clock } from '../runtime/clock.js';
import { InspectionHub } from './inspection-hub.js';
import { BufferSampler } from './buffer-sampler.js';
import { createRecordingWriter, type RecordingWriter } from './recording-writer.js';

/**
 * The attachment that feeds `hub` (plus an optional `started` of your own, called after the hub's): XState's
 * inspection, the substrate's events, and a sample of each region instance's ready-buffer after its ticks.
 */
export function hubAttachment(hub: InspectionHub, more: Partial<RunAttachment> = {}): RunAttachment {
  return {
    ...more,
    inspect: hub.inspect,
    started: (substrate: Substrate, clock: Clock) => {
      const origin = clock.now();
      hub.setClock(() => clock.now() - origin);
      const sampler = new BufferSampler(substrate, (key, t, size, stats) => hub.bufferSample(key, t, size, stats));
      substrate.observe((event) => {
        const record = hub.substrateEvent(event, origin);
        if (event.type === 'tick' && record.type === 'tick') sampler.onTick(record.key, record.t, event.telemetry);
      });
      more.started?.(substrate, clock);
    },
  };
}

/** A run being recorded. */
export interface RunRecording {
  readonly attach: RunAttachment;
  readonly writer: RecordingWriter;
  readonly hub: InspectionHub;
  /** Writes the end line and closes the file (call after the run, with its duration). */
  finish(t: number): void;
  /** Closes the file without the end line (the run failed). */
  abort(): void;
}

/**
 * Starts recording a run of `scenario` to `path` (replaced).
 *
 * @throws RecordingError (`write-failed`) when the file cannot be created.
 * @example
 * const rec = recordRun('run.inspect.jsonl', scenario, 42);
 * const result = await runScenario(scenario, { seed: 42, attach: rec.attach });
 * rec.finish(result.summary.durationMs);
 */
export function recordRun(path: string, scenario: Scenario, seed: number, hub = new InspectionHub()): RunRecording {
  const writer = createRecordingWriter(path, { scenario: scenario.name, seed, durationMs: scenario.durationMs, regions: scenario.regions.map((r) => r.id) });
  hub.addSink((frame) => writer.write(frame));
  return { attach: hubAttachment(hub), writer, hub, finish: (t) => writer.close(t), abort: () => writer.abort() };
}
