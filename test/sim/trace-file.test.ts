// The trace file sink: the same bytes as toJsonLines for any records and buffer size, tick lines exactly as
// JSON.stringify writes them, nothing buffered past the bound, and close is durable and idempotent.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JsonLinesFileSink, TickLines } from '../../src/sim/trace-file.js';
import { toJsonLines, type TraceRecord } from '../../src/sim/trace.js';

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'continuum-sink-')), 'trace.jsonl');
const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e21, 5e-7, NaN, Infinity, -Infinity));
const tick = fc.record({ t: num, type: fc.constant('tick' as const), key: fc.string({ unit: 'binary' }), tick: num, durationMs: num, published: num, consumed: num, misses: num, hint: fc.oneof(fc.constantFrom('faster', 'hold', 'slower', 'sleep'), fc.string({ unit: 'binary' })) });

describe('TickLines', () => {
  it('writes exactly what JSON.stringify writes, for any numbers and strings', () => {
    const lines = new TickLines();
    fc.assert(fc.property(tick, (r) => {
      expect(lines.tick(r)).toBe(JSON.stringify(r));
    }), { numRuns: 2000 });
  });
});

describe('JsonLinesFileSink', () => {
  it('writes the bytes of toJsonLines for any records and buffer size', () => {
    const other = fc.record({ t: fc.integer({ min: 0 }), type: fc.constant('phase' as const), phase: fc.string() });
    fc.assert(
      fc.property(fc.array(fc.oneof(tick, other), { maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (records, bufferChars) => {
        const sink = new JsonLinesFileSink(tempFile(), bufferChars);
        for (const r of records) sink.write(r as TraceRecord);
        sink.close();
        sink.close(); // idempotent
        expect(readFileSync(sink.path, 'utf8')).toBe(toJsonLines(records as TraceRecord[]));
        expect(sink.records).toBe(records.length);
      }),
      { numRuns: 100 },
    );
  });

  it('holds at most one buffer: the file has all but the last buffer-full while writing', () => {
    const sink = new JsonLinesFileSink(tempFile(), 1000);
    const record: TraceRecord = { t: 1, type: 'phase', phase: 'idle' };
    const line = JSON.stringify(record).length + 1;
    for (let i = 0; i < 5000; i++) sink.write(record);
    expect(statSync(sink.path).size).toBeGreaterThan(5000 * line - 1000 - line);
    expect(sink.bytesWritten).toBe(statSync(sink.path).size);
    sink.close();
    expect(statSync(sink.path).size).toBe(5000 * line);
  });

  it('refuses an existing file (never overwrites) and writes nothing after close', () => {
    const path = tempFile();
    writeFileSync(path, 'keep');
    expect(() => new JsonLinesFileSink(path)).toThrow(/EEXIST/);
    expect(readFileSync(path, 'utf8')).toBe('keep');
    const other = tempFile();
    const sink = new JsonLinesFileSink(other);
    sink.close();
    sink.write({ t: 0, type: 'phase', phase: 'sleep' });
    sink.close();
    expect(existsSync(other) && readFileSync(other, 'utf8')).toBe('');
  });
});
