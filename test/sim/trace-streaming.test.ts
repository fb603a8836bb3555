// The streamed trace: records reach the file while the run goes, the bytes are the same for the same scenario,
// seed and level, `decisions` aggregates ticks per window, `off` writes nothing, and the heap does not grow with
// the run's length.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/sim/run-scenario.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { JsonLinesFileSink } from '../../src/sim/trace-file.js';
import { TraceNotInMemoryError, writeSimulationOutputs } from '../../src/sim/write-outputs.js';
import { parseJsonLines, toJsonLines, type TraceLevel, type TraceRecord } from '../../src/sim/trace.js';

const HOUR = 3_600_000;
const scenario = (durationMs: number, level?: TraceLevel, idle = true) =>
  validateScenario({
    name: 'streamed',
    seed: 7,
    durationMs,
    regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch', channels: ['general'], bufferTtlMs: 3000 }],
    personas: [{ id: 'a' }, { id: 'b' }],
    timeline: [
      { at: 0, type: 'load', region: 'echo-prefetch', persona: 'a', key: 'general', readsPerSecond: 3 },
      { at: 60_000, type: 'fault', region: 'echo-prefetch', persona: 'b', ticks: 2 },
      ...(idle ? [{ at: 120_000, type: 'sleep', phase: 'idle' }] : []),
    ],
    ...(level ? { trace: { level } } : {}),
  });
const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'continuum-trace-')), 'trace.jsonl');

/** Runs with a file sink; returns the file's bytes and the result. */
async function streamed(durationMs: number, level: TraceLevel, bufferChars?: number) {
  const sink = new JsonLinesFileSink(tempFile(), bufferChars);
  const result = await runScenario(scenario(durationMs), { traceLevel: level, traceSink: sink });
  return { result, text: readFileSync(sink.path, 'utf8'), sink };
}

describe('the streamed trace', () => {
  it('is written while the run goes: the file grows before the end', async () => {
    const path = tempFile();
    const sink = new JsonLinesFileSink(path, 4096);
    const sizes: Array<{ at: number; bytes: number }> = [];
    const result = await runScenario(scenario(HOUR), { traceSink: sink, onProgress: (at, end) => void (at < end && sizes.push({ at, bytes: statSync(path).size })) });
    const final = statSync(path).size;
    expect(sizes.length).toBeGreaterThan(100);
    const mid = sizes.find((s) => s.at >= HOUR / 2)!;
    expect(mid.bytes).toBeGreaterThan(final / 4); // half way through, a good part is on disk already
    expect(mid.bytes).toBeLessThan(final);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!.bytes).toBeGreaterThanOrEqual(sizes[i - 1]!.bytes);
    expect(result.trace).toEqual([]); // nothing kept in memory
    expect(result.traceRecords).toBe(readFileSync(path, 'utf8').split('\n').length - 1);
  });

  it('has the same bytes as the in-memory trace at level full', async () => {
    const memory = await runScenario(scenario(10 * 60_000));
    const { text } = await streamed(10 * 60_000, 'full', 1000);
    expect(text).toBe(toJsonLines(memory.trace));
    expect(memory.traceLevel).toBe('full');
  });

  it.each(['full', 'decisions'] as const)('is byte-identical for the same scenario, seed and level (%s)', async (level) => {
    const a = await streamed(20 * 60_000, level);
    const b = await streamed(20 * 60_000, level, 777); // another buffer size, the same bytes
    expect(b.text).toBe(a.text);
    expect(a.text.length).toBeGreaterThan(10_000);
  });

  it('at level decisions replaces tick records by per-window ticks records that add up to the run', async () => {
    const full = await streamed(20 * 60_000, 'full');
    const dec = await streamed(20 * 60_000, 'decisions');
    const records = parseJsonLines(dec.text);
    const all = parseJsonLines(full.text);
    expect(records.some((r) => r.type === 'tick')).toBe(false);
    expect(records[0]).toMatchObject({ type: 'scenario', level: 'decisions' });
    const windows = records.filter((r): r is Extract<TraceRecord, { type: 'ticks' }> => r.type === 'ticks');
    expect(windows.reduce((n, w) => n + w.ticks, 0)).toBe(dec.result.summary.ticks);
    for (const w of windows) expect(w.t - w.from).toBeLessThanOrEqual(10_000);
    // every other record is the full trace's, in the same order
    const notTicks = (rs: TraceRecord[]) => rs.filter((r) => r.type !== 'tick' && r.type !== 'ticks' && r.type !== 'scenario');
    expect(notTicks(records)).toEqual(notTicks(all));
    expect(dec.text.length).toBeLessThan(full.text.length / 2);
    expect(dec.result.summary).toEqual(full.result.summary);
  });

  it('at level off writes no record, and the summary and charts are the same', async () => {
    const off = await runScenario(scenario(10 * 60_000), { traceLevel: 'off' });
    const full = await runScenario(scenario(10 * 60_000));
    expect(off.traceRecords).toBe(0);
    expect(off.trace).toEqual([]);
    expect(off.summary).toEqual(full.summary);
    expect(off.charts).toEqual(full.charts);
  });

  it('cannot be written from memory once streamed: writeSimulationOutputs refuses and writes nothing', async () => {
    const { result } = await streamed(120_000, 'full');
    const out = join(mkdtempSync(join(tmpdir(), 'continuum-trace-out-')), 'out');
    expect(() => writeSimulationOutputs(result, out)).toThrow(TraceNotInMemoryError);
    expect(existsSync(out)).toBe(false);
  });

  it('takes the level from the scenario unless the options say', async () => {
    expect((await runScenario(scenario(120_000, 'decisions'))).traceLevel).toBe('decisions');
    expect((await runScenario(scenario(120_000, 'decisions'), { traceLevel: 'full' })).trace.some((r) => r.type === 'tick')).toBe(true);
  });
});

describe('memory', () => {
  it('stays flat across run lengths with a streamed full trace', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    /** The heap in use after a full collection, at the last progress call before the end. */
    const retainedNearEnd = async (durationMs: number): Promise<{ heap: number; records: number }> => {
      let heap = 0;
      const sink = new JsonLinesFileSink(tempFile());
      const result = await runScenario(scenario(durationMs, 'full', false), {
        traceSink: sink,
        onProgress: (at, end) => {
          if (at >= end * 0.98 && heap === 0) {
            gc();
            heap = process.memoryUsage().heapUsed;
          }
        },
      });
      return { heap, records: result.traceRecords };
    };
    await retainedNearEnd(HOUR / 4); // warm up
    const short = await retainedNearEnd(HOUR / 2);
    const long = await retainedNearEnd(3 * HOUR);
    expect(long.records).toBeGreaterThan(3 * short.records);
    // ~90 k more records (~25 MB as objects) must not be held: a generous bound, far below that
    expect(long.heap - short.heap).toBeLessThan(8 * 2 ** 20);
  }, 120_000);
});
