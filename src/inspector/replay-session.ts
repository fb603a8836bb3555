// A replay session: serves a recording to the page without re-running anything — each seek rebuilds the actor
// table at that frame from the nearest checkpoint and sends it with the events around it and the region's series.
import type { RecordingIndex } from './recording-reader.js';
import type { BufferFrame, Frame, SubstrateFrame } from './frames.js';
import { RegionSeries } from './region-series.js';
import type { ClientMessage, FrameMessage, HelloMessage, InspectorSession, RegionPanel } from './protocol.js';

/** Frames sent before the current one, as the event stream at that instant. */
export const STREAM_WINDOW = 200;

/**
 * Serves `recording` (from `openRecording`) to pages.
 *
 * @example
 * const server = await startInspectorServer(replaySession(openRecording('run.inspect.jsonl')), { port: 4747 });
 */
export function replaySession(recording: RecordingIndex): InspectorSession {
  const last = Math.max(0, recording.count - 1);
  const panel = (key: string, index: number): RegionPanel => {
    const mine = recording.framesOfKey(key);
    let hi = 0;
    while (hi < mine.length && mine[hi]! <= index) hi++;
    const series = new RegionSeries();
    const from = Math.max(0, hi - 240);
    for (let i = from; i < hi; i++) {
      const f = recording.frames(mine[i]!, mine[i]! + 1)[0];
      if (f?.k === 'substrate') series.add(f.record);
    }
    const columns = series.columns(key);
    const sample = bufferSampleAt(key, mine, hi);
    const recorded = recordedStatus(key, mine, hi);
    if (sample) Object.assign(recorded, { 'buffer size': sample.size, 'buffer sampled': `at ${sample.t} ms` });
    return { key, ...(columns ? { series: columns } : {}), ...(sample ? { buffer: sample.stats } : {}), recorded };
  };
  /** The instance's latest buffer sample among its first `hi` frames (a version-1 recording has none). */
  const bufferSampleAt = (key: string, mine: readonly number[], hi: number): BufferFrame | undefined => {
    const types = recording.typesOfKey(key);
    for (let i = hi - 1; i >= 0; i--) {
      if (types[i] !== 'buffer') continue;
      const f = recording.frames(mine[i]!, mine[i]! + 1)[0];
      return f?.k === 'buffer' ? f : undefined;
    }
    return undefined;
  };
  /** What the recording says about the instance up to its `hi`-th record: counts, and the latest of each kind. */
  const recordedStatus = (key: string, mine: readonly number[], hi: number): Record<string, string | number> => {
    const types = recording.typesOfKey(key);
    const latest = new Map<string, number>();
    let ticks = 0;
    let restarts = 0;
    for (let i = 0; i < hi; i++) {
      const type = types[i]!;
      latest.set(type, i);
      if (type === 'tick') ticks++;
      else if (type === 'restarted') restarts++;
    }
    const record = (type: string) => {
      const i = latest.get(type);
      const f = i === undefined ? undefined : recording.frames(mine[i]!, mine[i]! + 1)[0];
      return f?.k === 'substrate' ? f.record : undefined;
    };
    const out: Record<string, string | number> = { ticks, restarts };
    const lastOf = (...kinds: string[]): string | undefined => kinds.reduce<string | undefined>((best, k) => ((latest.get(k) ?? -1) > (best === undefined ? -1 : latest.get(best)!) ? k : best), undefined);
    out.state = ({ 'restart-scheduled': 'restarting', 'region-failed': 'failed', restarted: 'running' } as Record<string, string>)[lastOf('restart-scheduled', 'region-failed', 'restarted') ?? 'restarted']!;
    const tick = record('tick');
    if (tick?.type === 'tick') Object.assign(out, { cadence: tick.hint, 'last tick': `#${tick.tick} at ${tick.t} ms: +${tick.published} published, ${tick.consumed} consumed, ${tick.misses} misses, ${tick.hint}` });
    const decision = record('decision');
    if (decision?.type === 'decision') Object.assign(out, { 'interval ms': decision.intervalMs, weight: decision.weight, passes: decision.passes });
    const failure = record(lastOf('restart-scheduled', 'region-failed') ?? '');
    if (failure && 'error' in failure) out['last error'] = failure.error;
    const override = record('override');
    if (override?.type === 'override') out.override = override.reason ?? 'none';
    return out;
  };
  const policyAt = (index: number): SubstrateFrame | undefined => {
    const list = recording.policyFrames;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return undefined;
    const f = recording.frames(list[lo - 1]!, list[lo - 1]! + 1)[0];
    return f?.k === 'substrate' ? f : undefined;
  };
  const frameAt = (index: number, selected: string | null): FrameMessage => {
    const i = Math.max(0, Math.min(last, index));
    const events: Frame[] = recording.frames(Math.max(0, i - STREAM_WINDOW + 1), i + 1);
    const policy = policyAt(i);
    return {
      kind: 'frame', index: i, t: recording.time(i), actors: recording.actorsAt(i), events,
      ...(policy ? { policy } : {}), ...(selected ? { region: panel(selected, i) } : {}),
    };
  };
  const { problem } = recording;
  return {
    hello: (): HelloMessage => ({
      kind: 'hello', mode: 'replay', scenario: recording.header.scenario, durationMs: recording.header.durationMs, regions: recording.header.regions,
      controls: ['seek', 'seek-time'], actors: [], events: [],
      replay: { frames: recording.count, endT: recording.time(last), ...(problem ? { problem: { kind: problem.kind, message: problem.message, ...(problem.line !== undefined ? { line: problem.line } : {}) } } : {}) },
    }),
    connect(send) {
      let index = 0;
      let selected: string | null = null;
      send(frameAt(0, null));
      return {
        receive(m: ClientMessage) {
          if (m.cmd === 'seek') index = Number(m.index);
          else if (m.cmd === 'seek-time') index = recording.indexAt(Number(m.t));
          else if (m.cmd === 'select') selected = typeof m.key === 'string' ? m.key : null;
          else return send({ kind: 'ack', cmd: m.cmd, ok: false, message: `a replay does not take "${m.cmd}": it only reads the recording` });
          send(frameAt(Number.isFinite(index) ? index : 0, selected));
        },
        close: () => undefined,
      };
    },
    close: async () => recording.close(),
  };
}
