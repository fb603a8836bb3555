import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus } from '../../../src/runtime/bus.js';
import { createSimulatedClock } from '../../../src/runtime/clock.js';
import { createRandom } from '../../../src/runtime/random.js';
import { defineRegion } from '../../../src/runtime/region.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { ValidationError } from '../../../src/runtime/errors.js';
import { createSubstrate, echoPrefetchRegion } from '../../../src/index.js';
import {
  AUDIT_APPEND_FAILED, AUDIT_SOURCES, AuditChain, createAuditRecorder, createMemoryAuditSink, verifyAuditBytes, verifyAuditLog,
  type AuditAppendFailedPayload, type AuditSink,
} from '../../../src/actors/audit/index.js';

/** Lets pending promise callbacks (the recorder's appends) run: one macrotask turn. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(options: Partial<Parameters<typeof createAuditRecorder>[0]> = {}) {
  const clock = createSimulatedClock();
  const bus = createBus();
  const runtime = createRuntime({ bus, clock, random: createRandom(1) });
  const sink = createMemoryAuditSink();
  const recorder = createAuditRecorder({ chain: new AuditChain(sink), ...options });
  runtime.register(recorder);
  const failures: AuditAppendFailedPayload[] = [];
  bus.subscribe<AuditAppendFailedPayload>(AUDIT_APPEND_FAILED, (p) => void failures.push(p));
  return { clock, bus, runtime, sink, recorder, failures };
}

/** A sink whose appends fail while `failing()` says so (then behave as memory). */
function flakySink(failing: () => boolean): AuditSink & { text(): string } {
  const memory = createMemoryAuditSink();
  return {
    name: 'flaky',
    append: (line) => (failing() ? Promise.reject(new Error('EIO: disk went away')) : memory.append(line)),
    read: () => memory.read(),
    close: () => memory.close(),
    text: () => memory.text(),
  };
}

describe('AuditRecorderModule', () => {
  it('records the substrate’s governor overrides and give-ups as governor-override entries, in arrival order, on the module clock', async () => {
    const { clock, bus, runtime, sink, recorder } = setup();
    await runtime.initialize();
    clock.advanceTo(1500);
    bus.publish('governor:override', { region: 'echo', personaId: 'alice', key: 'echo@alice', hint: 'faster', reason: 'paused: sleep phase and no sleepWork' });
    clock.advanceTo(2500);
    bus.publish('region:failed', { region: 'flaky', personaId: null, key: 'flaky', restartsInWindow: 5, error: 'boom' });
    bus.publish('persona:created', { personaId: 'bob' }); // not audit-worthy
    await recorder.flush();
    const r = verifyAuditBytes(sink.bytes());
    expect(r.ok).toBe(true);
    expect(r.entries.map((e) => [e.seq, e.timestampMs, e.kind, (e.payload as { event: string }).event])).toEqual([
      [0, 1500, 'governor-override', 'governor:override'],
      [1, 2500, 'governor-override', 'region:failed'],
    ]);
    expect(r.entries[1]!.payload).toEqual({ event: 'region:failed', data: { region: 'flaky', personaId: null, key: 'flaky', restartsInWindow: 5, error: 'boom' } });
  });

  it('records access denied from the genome artifact key, and refusals, with their kinds', async () => {
    const { bus, runtime, sink, recorder } = setup();
    await runtime.initialize();
    bus.publish('genome/working_set.access_denied', { actor: 'alice', owner: 'bob', page: 'p-1' });
    bus.publish('command:refused', { command: 'memory/recall', reason: 'quota' });
    bus.publish('genome/working_set.page_fault', { persona: 'alice' }); // not audit-worthy
    await recorder.flush();
    expect(verifyAuditBytes(sink.bytes()).entries.map((e) => e.kind)).toEqual(['access-denied', 'refusal']);
  });

  it('keeps every subscribed name in one table (AUDIT_SOURCES), and follows a renamed table', async () => {
    expect(AUDIT_SOURCES.map((s) => s.name)).toContain('governor:override');
    const { bus, runtime, sink, recorder } = setup({ sources: [{ name: 'governor.override', kind: 'governor-override', publishedBy: 'test' }] });
    expect(recorder.config.eventSubscriptions).toEqual(['governor.override']);
    await runtime.initialize();
    bus.publish('governor:override', {});
    bus.publish('governor.override', { renamed: true });
    await recorder.flush();
    expect(verifyAuditBytes(sink.bytes()).entries.map((e) => e.payload)).toEqual([{ event: 'governor.override', data: { renamed: true } }]);
  });

  it('records what the substrate itself publishes: an override when it sleeps, a give-up after a crash loop', async () => {
    const clock = createSimulatedClock();
    const crashing = defineRegion({
      id: 'crashing', scope: 'global', buffer: { max: 1 },
      pressureProfile: { memoryClass: 'light', computeClass: 'bookkeeping', respondsTo: [] },
      tick: () => { throw new Error('always fails'); },
    });
    const substrate = createSubstrate({ regions: [echoPrefetchRegion(), crashing], clock, seed: 3, governor: { restart: { maxRestarts: 1, withinMs: 60_000 } } });
    const runtime = createRuntime({ bus: substrate.bus, clock, random: createRandom(1) });
    const sink = createMemoryAuditSink();
    const recorder = createAuditRecorder({ chain: new AuditChain(sink) });
    runtime.register(recorder);
    await runtime.initialize();
    substrate.start();
    substrate.spawnPersona('alice');
    clock.advanceTo(5_000);
    substrate.sleep('sleep');
    clock.advanceTo(10_000);
    substrate.stop();
    await recorder.flush();
    const r = verifyAuditBytes(sink.bytes());
    expect(r.ok).toBe(true);
    const events = r.entries.map((e) => e.payload as { event: string; data: { key: string; reason?: string } });
    expect(events).toContainEqual(expect.objectContaining({ event: 'region:failed', data: expect.objectContaining({ key: 'crashing' }) }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'governor:override', data: expect.objectContaining({ key: 'echo-prefetch@alice', reason: 'paused: sleep phase and no sleepWork' }) }));
  });

  it('answers audit/verify and audit/tail through the typed envelopes', async () => {
    const { bus, runtime } = setup();
    await runtime.initialize();
    for (let i = 0; i < 4; i++) bus.publish('governor:override', { i });
    const verify = (await runtime.execute('audit/verify', {})).toJSON();
    expect(verify).toMatchObject({ success: true, valid: true, count: 4, lastSeq: 3, failure: null, recorded: 4, pending: 0 });
    const tail = (await runtime.execute('audit/tail', { n: 2 })).toJSON() as unknown as { entries: Array<{ seq: number }> };
    expect(tail).toMatchObject({ success: true, valid: true, count: 4 });
    expect(tail.entries.map((e) => e.seq)).toEqual([2, 3]);
    const bad = (await runtime.execute('audit/tail', { n: 'ten' })).toJSON();
    expect(bad).toMatchObject({ success: false });
    expect(String(bad.error)).toMatch(/audit\/tail: field "n" must be an integer between 0 and 1000/);
    expect((await runtime.execute('audit/verify', { extra: 1 })).success).toBe(false);
    expect(String((await runtime.execute('audit/nope', {})).error)).toMatch(/audit\/verify and audit\/tail/);
  });

  it('retries a failed append with a bound, reporting every failure, and keeps the order', async () => {
    let failuresLeft = 2;
    const sink = flakySink(() => failuresLeft-- > 0);
    const retryClock = createSimulatedClock();
    const { bus, runtime, recorder, failures } = setup({ chain: new AuditChain(sink), retryClock, retryDelayMs: 100 });
    await runtime.initialize();
    bus.publish('governor:override', { n: 1 });
    bus.publish('governor:override', { n: 2 });
    await settle();
    expect(failures).toEqual([expect.objectContaining({ event: 'governor:override', attempt: 1, maxAttempts: 5, willRetry: true, error: expect.stringMatching(/EIO/) })]);
    retryClock.advanceBy(99);
    await settle();
    expect(failures).toHaveLength(1); // waits 100 ms before the first retry
    retryClock.advanceBy(1);
    await settle();
    expect(failures.map((f) => f.attempt)).toEqual([1, 2]);
    retryClock.advanceBy(200); // then twice as long
    await recorder.flush();
    const r = verifyAuditBytes(Buffer.from(sink.text()));
    expect(r.entries.map((e) => (e.payload as { data: { n: number } }).data.n)).toEqual([1, 2]);
    expect(recorder.stats()).toEqual({ recorded: 2, failedAttempts: 2, givenUp: 0, pending: 0 });
  });

  it('gives an event up after maxAttempts, says so, and goes on with the next', async () => {
    let calls = 0;
    const sink = flakySink(() => ++calls <= 3); // the first event's three attempts fail, the next append works
    const retryClock = createSimulatedClock();
    const { bus, runtime, recorder, failures } = setup({ chain: new AuditChain(sink), retryClock, maxAttempts: 3, retryDelayMs: 10 });
    await runtime.initialize();
    bus.publish('governor:override', { n: 'lost' });
    bus.publish('governor:override', { n: 'kept' });
    for (let i = 0; i < 3; i++) {
      await settle();
      retryClock.advanceBy(100);
    }
    await settle();
    await recorder.flush();
    expect(failures.map((f) => [f.attempt, f.willRetry])).toEqual([[1, true], [2, true], [3, false]]);
    expect(verifyAuditBytes(Buffer.from(sink.text())).entries.map((e) => (e.payload as { data: { n: string } }).data.n)).toEqual(['kept']);
    expect(recorder.stats()).toMatchObject({ recorded: 1, givenUp: 1 });
  });

  it('refuses (and reports) events beyond maxPending instead of growing without bound', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const memory = createMemoryAuditSink();
    const slow: AuditSink = { name: 'slow', append: async (line) => { await blocked; await memory.append(line); }, read: () => memory.read(), close: () => memory.close() };
    const { bus, runtime, recorder, failures } = setup({ chain: new AuditChain(slow), maxPending: 2 });
    await runtime.initialize();
    for (let i = 0; i < 3; i++) bus.publish('governor:override', { i });
    expect(failures).toEqual([expect.objectContaining({ willRetry: false, error: expect.stringMatching(/queue is full/) })]);
    release();
    await recorder.flush();
    expect(recorder.stats()).toMatchObject({ recorded: 2, givenUp: 1 });
  });

  it('records a payload JSON cannot carry as a description of it, never dropping the event', async () => {
    const { bus, runtime, sink, recorder } = setup();
    await runtime.initialize();
    bus.publish('governor:override', { load: NaN, note: 'ok' });
    await recorder.flush();
    const [entry] = verifyAuditBytes(sink.bytes()).entries;
    expect(entry!.payload).toMatchObject({ event: 'governor:override', data: null, unencodable: expect.stringMatching(/load/), summary: expect.stringMatching(/note/) });
  });

  it('opens a log file on initialize (resuming it) and closes it on shutdown', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'continuum-audit-')), 'audit.jsonl');
    for (const round of [1, 2]) {
      const bus = createBus();
      const runtime = createRuntime({ bus, clock: createSimulatedClock(), random: createRandom(1) });
      runtime.register(createAuditRecorder({ path, fsync: false }));
      await runtime.initialize();
      bus.publish('governor:override', { round });
      await runtime.shutdown();
    }
    const r = await verifyAuditLog(path);
    expect(r.ok && r.entries.map((e) => [e.seq, (e.payload as { data: { round: number } }).data.round])).toEqual([[0, 1], [1, 2]]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
  });

  it('refuses a bad configuration at construction', () => {
    expect(() => createAuditRecorder({})).toThrow(ValidationError);
    expect(() => createAuditRecorder({ path: 'a', chain: new AuditChain(createMemoryAuditSink()) })).toThrow(/exactly one/);
    const twice = [AUDIT_SOURCES[0]!, AUDIT_SOURCES[0]!];
    expect(() => createAuditRecorder({ path: 'a', sources: twice })).toThrow(/twice/);
    expect(() => createAuditRecorder({ path: 'a', maxAttempts: 0 })).toThrow(/maxAttempts/);
  });
});
