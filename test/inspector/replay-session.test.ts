// The replay session: a seek answers with the actor table, the stream window and the policy at that frame, and the
// selected region's recorded status, series and ready-buffer sample as the records up to that frame say; a replay refuses live controls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run-scenario.js';
import { recordRun } from '../../src/inspector/attach-hub.js';
import { openRecording, type RecordingIndex } from '../../src/inspector/recording-reader.js';
import { replaySession, STREAM_WINDOW } from '../../src/inspector/replay-session.js';
import type { FrameMessage, ServerMessage } from '../../src/inspector/protocol.js';
import type { BufferFrame, Frame } from '../../src/inspector/frames.js';
import { shortScenario } from './fixtures.js';

let recording: RecordingIndex;
let all: Frame[];
beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'continuum-replay-session-')), 'run.inspect.jsonl');
  const scenario = shortScenario();
  const rec = recordRun(path, scenario, 7);
  const result = await runScenario(scenario, { attach: rec.attach });
  rec.finish(result.summary.durationMs);
  recording = openRecording(path);
  all = recording.frames(0, recording.count);
});

describe('a replay session', () => {
  it('answers a seek with the recording as it was at that frame', () => {
    const got: ServerMessage[] = [];
    const session = replaySession(recording);
    expect(session.hello()).toMatchObject({ kind: 'hello', mode: 'replay', scenario: 'inspector-short', replay: { frames: recording.count } });
    const client = session.connect((m) => void got.push(m));
    expect(got[0]).toMatchObject({ kind: 'frame', index: 0 });
    const key = 'echo-prefetch@bob';
    client.receive({ cmd: 'select', key });
    const at = recording.indexAt(45_000); // after the fault at 30 s and its restarts
    client.receive({ cmd: 'seek', index: at });
    const m = got.at(-1) as FrameMessage;
    expect(m.index).toBe(at);
    expect(m.t).toBe(all[at]!.t);
    expect(m.actors).toEqual(recording.actorsAt(at));
    expect(m.events).toEqual(all.slice(at - STREAM_WINDOW + 1, at + 1));
    const policies = all.slice(0, at + 1).filter((f) => f.k === 'substrate' && f.record.type === 'policy');
    expect(m.policy).toEqual(policies.at(-1));
    const mine = all.slice(0, at + 1).flatMap((f) => (f.k === 'substrate' && 'key' in f.record && f.record.key === key ? [f.record] : []));
    expect(m.region?.recorded).toMatchObject({
      ticks: mine.filter((r) => r.type === 'tick').length,
      restarts: mine.filter((r) => r.type === 'restarted').length,
      state: 'running',
    });
    expect(m.region?.recorded?.restarts).toBe(2);
    expect(m.region?.series?.t.at(-1)).toBe(mine.filter((r) => r.type === 'tick').at(-1)!.t);
    // the ready-buffer as its latest recorded sample at or before the frame had it (live-only data before v2)
    const sample = all.slice(0, at + 1).filter((f): f is BufferFrame => f.k === 'buffer' && f.key === key).at(-1)!;
    expect(sample).toBeDefined();
    expect(m.region?.buffer).toEqual(sample.stats);
    expect(m.region?.recorded).toMatchObject({ 'buffer size': sample.size, 'buffer sampled': `at ${sample.t} ms` });
    client.receive({ cmd: 'seek', index: 0 });
    expect((got.at(-1) as FrameMessage).region?.buffer).toBeUndefined(); // nothing sampled yet at frame 0

    client.receive({ cmd: 'seek-time', t: 0 });
    expect((got.at(-1) as FrameMessage).index).toBe(0);
    client.receive({ cmd: 'seek', index: 1e9 });
    expect((got.at(-1) as FrameMessage).index).toBe(recording.count - 1);
    client.receive({ cmd: 'pressure', signal: { kind: 'vram-high', usedPct: 99 } });
    expect(got.at(-1)).toMatchObject({ kind: 'ack', ok: false });
  });
});
