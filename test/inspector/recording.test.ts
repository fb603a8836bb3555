// Recording and replay: a recorded run reads back whole and in order, the actor table at any frame is what the
// live hub had, buffer samples are bounded and follow the buffer, a version-1 file still reads, and a malformed,
// cut-off or foreign file gets a typed error naming the line (replaying up to it).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run-scenario.js';
import { recordRun } from '../../src/inspector/attach-hub.js';
import { openRecording } from '../../src/inspector/recording-reader.js';
import { RecordingError } from '../../src/inspector/recording-error.js';
import { ActorModel } from '../../src/inspector/actor-model.js';
import type { BufferFrame, Frame } from '../../src/inspector/frames.js';
import { BUFFER_SAMPLE_MS } from '../../src/inspector/buffer-sampler.js';
import { shortScenario } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'continuum-recording-'));
const path = join(dir, 'run.inspect.jsonl');
let frames = 0;
let summary: string;
let finalRows: string;
let lines: string[];

beforeAll(async () => {
  const scenario = shortScenario();
  const rec = recordRun(path, scenario, 7);
  const result = await runScenario(scenario, { attach: rec.attach });
  rec.finish(result.summary.durationMs);
  frames = rec.writer.frames;
  summary = JSON.stringify(result.summary);
  finalRows = JSON.stringify([...rec.hub.model.rows.values()]);
  lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
});

const writeVariant = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('a recording', () => {
  it('starts with a versioned header and ends with an end line counting its frames', () => {
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'continuum-inspect', version: 2, scenario: 'inspector-short', seed: 7, durationMs: 60_000 });
    expect(JSON.parse(lines.at(-1)!)).toEqual({ k: 'end', t: 60_000, frames });
    expect(lines.length).toBe(frames + 2);
  });

  it('holds actors, states, events, removals and substrate records, in time order', () => {
    const kinds = new Set(lines.slice(1, -1).map((l) => (JSON.parse(l) as Frame).k));
    expect([...kinds].sort()).toEqual(['actor', 'buffer', 'event', 'gone', 'state', 'substrate']); // gone: bob's crashed region left its cohort before its restart
    const ts = lines.slice(1, -1).map((l) => (JSON.parse(l) as Frame).t);
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1]!)).toBe(true);
    const types = new Set(lines.map((l) => JSON.parse(l) as Frame).filter((f) => f.k === 'event').map((f) => (f as { event: { type: string } }).event.type));
    for (const t of ['TICK', 'PRESSURE', 'SLEEP.TRANSITION', 'RESTART.PLANNED']) expect(types).toContain(t);
  });

  it('replays whole: every frame reads back, and the table at the last frame is the live one', () => {
    const rec = openRecording(path, { checkpointEvery: 500 });
    expect(rec.problem).toBeUndefined();
    expect(rec.count).toBe(frames);
    expect(rec.frames(0, rec.count).map((f) => JSON.stringify(f))).toEqual(lines.slice(1, -1));
    expect(JSON.stringify(rec.actorsAt(rec.count - 1))).toBe(finalRows);
    rec.close();
  });

  it('rebuilds the table at any frame from a checkpoint the same as applying every frame from the start', () => {
    const rec = openRecording(path, { checkpointEvery: 300 });
    const model = new ActorModel();
    const all = rec.frames(0, rec.count);
    const probes = [0, 1, 299, 300, 301, Math.floor(rec.count / 3), rec.count - 2];
    let next = 0;
    for (const i of probes) {
      for (; next <= i; next++) model.apply(all[next]!);
      expect(JSON.stringify(rec.actorsAt(i)), `frame ${i}`).toBe(JSON.stringify(model.copyRows()));
    }
    expect(rec.actorsAt(-1)).toEqual([]);
    rec.close();
  });

  it('samples each instance\'s ready-buffer after its ticks: at most every 5 s, only on change, as the live buffer reads', () => {
    const samples = lines.slice(1, -1).map((l) => JSON.parse(l) as Frame).filter((f): f is BufferFrame => f.k === 'buffer');
    const keys = new Set(samples.map((f) => f.key));
    for (const k of ['heartbeat', 'echo-prefetch@alice', 'echo-prefetch@bob', 'slow-consolidator@alice']) expect(keys).toContain(k);
    for (const key of keys) {
      const mine = samples.filter((f) => f.key === key);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.t - mine[i - 1]!.t, key).toBeGreaterThanOrEqual(BUFFER_SAMPLE_MS);
        expect(JSON.stringify([mine[i]!.size, mine[i]!.stats]), key).not.toBe(JSON.stringify([mine[i - 1]!.size, mine[i - 1]!.stats]));
      }
    }
    // alice's echo-prefetch is read 3 times a second: its hits grow sample after sample, as the buffer counted them
    const alice = samples.filter((f) => f.key === 'echo-prefetch@alice');
    expect(alice.length).toBeGreaterThan(3);
    expect(alice.at(-1)!.stats.hits).toBeGreaterThan(alice[0]!.stats.hits);
    expect(alice.at(-1)!.size).toBeGreaterThan(0);
    const rec = openRecording(path);
    const indexed = rec.framesOfKey('echo-prefetch@alice').filter((_, i) => rec.typesOfKey('echo-prefetch@alice')[i] === 'buffer');
    expect(indexed.length).toBe(alice.length);
    rec.close();
  });

  it('leaves the run as it was: the same summary as without a recording (sampling the buffers only reads them)', async () => {
    expect(JSON.stringify((await runScenario(shortScenario())).summary)).toBe(summary);
  });

  it('reads a version-1 recording (before buffer samples) as before', () => {
    const v1 = [JSON.stringify({ ...JSON.parse(lines[0]!), version: 1 }), ...lines.slice(1).filter((l) => !l.startsWith('{"k":"buffer"'))];
    const rec = openRecording(writeVariant('v1.jsonl', v1.join('\n') + '\n'));
    expect(rec.header.version).toBe(1);
    expect(rec.problem).toBeUndefined();
    expect(rec.count).toBe(v1.length - 2);
    expect(JSON.stringify(rec.actorsAt(rec.count - 1))).toBe(finalRows);
    rec.close();
  });

  it('finds the first frame at an instant', () => {
    const rec = openRecording(path);
    const i = rec.indexAt(20_000);
    expect(rec.time(i)).toBeGreaterThanOrEqual(20_000);
    expect(rec.time(i - 1)).toBeLessThan(20_000);
    expect(rec.indexAt(1e12)).toBe(rec.count);
    rec.close();
  });
});

describe('a damaged recording', () => {
  it('cut off in the middle of a line: truncated, naming the line, the frames before it replay', () => {
    const cut = lines.slice(0, 40).join('\n') + '\n' + lines[40]!.slice(0, 12);
    const rec = openRecording(writeVariant('cut.jsonl', cut));
    expect(rec.problem).toBeInstanceOf(RecordingError);
    expect(rec.problem!.kind).toBe('truncated');
    expect(rec.problem!.line).toBe(41);
    expect(rec.problem!.message).toContain('line 41');
    expect(rec.count).toBe(39);
    expect(rec.frames(38, 39).map((f) => JSON.stringify(f))).toEqual([lines[39]]);
    rec.close();
  });

  it('without its end line: truncated after its last frame', () => {
    const rec = openRecording(writeVariant('noend.jsonl', lines.slice(0, 100).join('\n') + '\n'));
    expect(rec.problem?.kind).toBe('truncated');
    expect(rec.count).toBe(99);
    rec.close();
  });

  it('with a line that is not JSON, or not a frame: malformed-line, naming it', () => {
    const bad = [...lines.slice(0, 9), '{not json', ...lines.slice(10)].join('\n');
    const rec = openRecording(writeVariant('bad.jsonl', bad));
    expect(rec.problem?.kind).toBe('malformed-line');
    expect(rec.problem?.line).toBe(10);
    expect(rec.count).toBe(8);
    rec.close();
    const foreign = [...lines.slice(0, 5), '{"k":"telepathy","t":1}', ...lines.slice(6)].join('\n');
    const rec2 = openRecording(writeVariant('foreign.jsonl', foreign));
    expect(rec2.problem?.kind).toBe('malformed-line');
    expect(rec2.problem?.line).toBe(6);
    rec2.close();
  });

  it('that is not a recording at all: a typed error, nothing to replay', () => {
    const fail = (p: string): RecordingError => {
      try {
        openRecording(p);
      } catch (error) {
        return error as RecordingError;
      }
      throw new Error('expected a RecordingError');
    };
    expect(fail(join(dir, 'missing.jsonl')).kind).toBe('unreadable');
    expect(fail(writeVariant('empty.jsonl', '')).kind).toBe('bad-header');
    expect(fail(writeVariant('trace.jsonl', '{"t":0,"type":"scenario"}\n')).kind).toBe('bad-header');
    expect(fail(writeVariant('v9.jsonl', '{"format":"continuum-inspect","version":9}\n')).kind).toBe('unsupported-version');
  });
});
