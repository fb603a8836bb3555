// The README's examples, run as written (imports from the public entry point), so the front page cannot rot.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bufferKey, channelId, createBus, createReadyBuffer, createRuntime, createSimulatedClock, createSubstrate, defineRegion,
  echoPrefetchRegion, err, exact, heartbeatRegion, ok, parseRequest, personaId, prefix, s,
} from '../src/index.js';
import { AuditChain, verifyAuditLog, createAuditRecorder } from '../src/actors/audit/index.js';

describe('README examples', () => {
  it('spawn a substrate', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({
      regions: [heartbeatRegion(), echoPrefetchRegion({ channels: ['general'] })],
      clock,
      seed: 42,
      governor: { basePassMs: { active: 100 } },
    }).start();
    substrate.spawnPersona('alice');
    clock.advanceBy(1_000);
    const view = substrate.buffer('echo-prefetch', 'alice');
    expect(view.peek('general')).toBeDefined();
    substrate.pressure({ kind: 'vram-high', usedPct: 92 });
    substrate.sleep('idle');
    expect(substrate.policy()).toMatchObject({ step: 1, level: 'moderate', phase: 'idle' });
    expect(substrate.regions().map((r) => r.key)).toEqual(['heartbeat', 'echo-prefetch@alice']);
    substrate.destroyPersona('alice');
    substrate.stop();
  });

  it('define a region', () => {
    const recallFor = (persona: string | undefined) => [`engram-for-${persona}`];
    const hippocampus = defineRegion({
      id: 'hippocampus',
      scope: 'per-persona',
      pressureProfile: { memoryClass: 'heavy', computeClass: 'cpu', respondsTo: ['system-mem-high', 'thermal'] },
      buffer: { max: 256, ttlMs: 30_000 },
      tick(ctx) {
        ctx.buffer.publish('general', recallFor(ctx.personaId), ctx.tickNumber);
        return { published: 1, consumedSinceLast: ctx.consumedSinceLast, cadenceHint: ctx.missesSinceLast > 0 ? 'faster' : 'hold' };
      },
      tickBudgetMs: 5_000,
    });
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [hippocampus], clock }).start();
    substrate.spawnPersona('alice');
    clock.advanceBy(100);
    expect(substrate.buffer('hippocampus', 'alice').peek('general')).toEqual(['engram-for-alice']);
    expect(() => defineRegion({ ...hippocampus, id: 'x', buffer: { max: 0 } })).toThrow(/buffer.max must be a positive integer/);
  });

  it('ready-buffers', () => {
    const buf = createReadyBuffer<string, string[]>({ max: 1_000, ttlMs: 5_000, clock: createSimulatedClock() });
    buf.publish(bufferKey(personaId('alice'), channelId('general')), ['engram-7'], 12);
    expect(buf.peek('alice|general')).toEqual(['engram-7']);
    expect(buf.evictStale(10_000)).toBe(0);
    expect(buf.stats()).toMatchObject({ hits: 1, misses: 0, publishes: 1 });
    expect(buf.drainCounters()).toEqual({ hitsSinceLast: 1, missesSinceLast: 0 });
    expect(buf.evictStale(0)).toBe(1);
  });

  it('message bus', async () => {
    const bus = createBus();
    const seen: string[] = [];
    const off = bus.subscribe('data:*:created', (_payload, name) => void seen.push(name));
    bus.subscribeArtifact(prefix('cognition/'), (_payload, key) => void seen.push(key));
    bus.subscribeArtifact(exact('paging/broker.snapshot'), (_payload, key) => void seen.push(key));
    const firehose: string[] = [];
    bus.subscribe('*', (_payload, name) => void firehose.push(name));
    const report = bus.publish('data:user:created', { id: 1 });
    expect(report).toMatchObject({ matched: 2, delivered: 2 });
    await bus.publishAsync('cognition/recall.ready', {});
    off();
    bus.publish('data:user:created', {});
    expect(seen).toEqual(['data:user:created', 'cognition/recall.ready']);
    expect(firehose).toEqual(['data:user:created', 'cognition/recall.ready', 'data:user:created']);
  });

  it('modules and envelopes', async () => {
    const recallParams = s.object({ query: s.string(), limit: s.optional(s.integer({ min: 1 })) });
    const runtime = createRuntime({ bus: createBus() });
    const events: string[] = [];
    runtime.register({
      config: { name: 'memory', commandPrefixes: ['memory/'], priority: 'normal', eventSubscriptions: ['persona:*'] },
      handleCommand(command, params) {
        const req = parseRequest(command, params, recallParams);
        if (!req.ok) return err(req.error.message);
        return ok({ hits: [] as string[] }).withHandle('memory', 'recall-1', 'recall-session');
      },
      handleEvent(name) {
        events.push(name);
      },
    });
    const response = await runtime.execute('memory/recall', { query: 'cats', limit: 3 });
    expect(response.toJSON()).toMatchObject({ success: true, hits: [], handle: { owner: 'memory', id: 'recall-1', typeTag: 'recall-session' } });
    const bad = await runtime.execute('memory/recall', { query: 'cats', limit: 'ten' });
    expect(bad.toJSON()).toMatchObject({ success: false });
    expect(String(bad.toJSON().error)).toMatch(/memory\/recall: field "limit"/);
  });

  it('audit log', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'continuum-readme-')), 'audit.jsonl');
    const chain = await AuditChain.open(path);
    await chain.append('refusal', { command: 'memory/recall', reason: 'quota' });
    await chain.close();
    expect((await verifyAuditLog(path)).ok).toBe(true);
    const runtime = createRuntime({ bus: createBus() });
    runtime.register(createAuditRecorder({ path }));
    await runtime.initialize();
    runtime.bus.publish('governor:override', { region: 'heartbeat', reason: 'paused: sleep phase' });
    expect((await runtime.execute('audit/verify', {})).toJSON()).toMatchObject({ success: true, valid: true, count: 2 });
    await runtime.shutdown();
  });

  it('cognition', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [], clock, cognition: {} }).start();
    substrate.spawnPersona('alice');
    expect(substrate.handle('alice', 'eng', 'the postgres migration locks the users table').degraded).toBe(true);
    clock.advanceBy(2_000);
    const r = substrate.handle('alice', 'eng', 'how long did the users table lock last?');
    expect(r.prefetch.outcome).toBe('hit');
    expect(substrate.cognition!.telemetry().hitRate).toBe(0.5);
    substrate.stop();
  });
});
