// The live session's controls, as a page sends them: step, pressure, sleep phase, persona create and destroy each
// reach the substrate and answer ok; bad ones answer with the error and change nothing; `handle` is offered only
// when the run has cognition (in the hello and in every batch), with the scenario's channels, and then reaches the
// real handler path.
import { describe, expect, it } from 'vitest';
import { conversationChannels, startLiveSession } from '../../src/inspector/live-session.js';
import type { AckMessage, BatchMessage, ClientMessage, ServerMessage } from '../../src/inspector/protocol.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { cognitionScenario, shortScenario } from './fixtures.js';

describe('a live session', () => {
  it('carries out the page controls and reports each outcome', async () => {
    const session = startLiveSession(shortScenario(), { step: true });
    const got: ServerMessage[] = [];
    const waiters: Array<{ test: (m: ServerMessage) => boolean; done: (m: ServerMessage) => void }> = [];
    const client = session.connect((m) => {
      got.push(m);
      for (const w of [...waiters]) if (w.test(m)) (waiters.splice(waiters.indexOf(w), 1), w.done(m));
    });
    const next = <T extends ServerMessage>(test: (m: ServerMessage) => boolean): Promise<T> => new Promise((done) => waiters.push({ test, done: done as (m: ServerMessage) => void }));
    const send = async (m: ClientMessage): Promise<AckMessage> => {
      const ack = next<AckMessage>((x) => x.kind === 'ack' && x.cmd === m.cmd);
      await client.receive(m);
      return ack;
    };
    try {
      expect((await send({ cmd: 'step' })).ok).toBe(true);
      await next<BatchMessage>((m) => m.kind === 'batch' && m.actors.some((a) => a.id === 'echo-prefetch@bob'));
      const substrate = session.substrate()!;
      expect(substrate.personas()).toEqual(['alice', 'bob']);

      expect((await send({ cmd: 'pressure', signal: { kind: 'vram-high', usedPct: 96 } })).ok).toBe(true);
      expect(substrate.policy().level).not.toBe('nominal');
      expect((await send({ cmd: 'sleep', phase: 'idle' })).ok).toBe(true);
      expect(substrate.policy().phase).toBe('idle');
      expect((await send({ cmd: 'persona-create', id: 'carol' })).ok).toBe(true);
      expect(substrate.personas()).toContain('carol');
      const dup = await send({ cmd: 'persona-create', id: 'carol' });
      expect(dup.ok).toBe(false);
      expect(dup.message).toContain('already exists');
      expect((await send({ cmd: 'persona-destroy', id: 'bob' })).ok).toBe(true);
      expect(substrate.personas()).not.toContain('bob');
      const bad = await send({ cmd: 'pressure', signal: { kind: 'vram-high', usedPct: 'lots' } });
      expect(bad.ok).toBe(false);
      expect((await send({ cmd: 'speed', value: -1 })).ok).toBe(false);

      expect(session.hello().controls).not.toContain('handle');
      expect((await send({ cmd: 'handle', persona: 'alice', channel: 'general', text: 'hi' })).message).toContain('no cognition');

      client.receive({ cmd: 'select', key: 'echo-prefetch@alice' });
      const batch = await next<BatchMessage>((m) => m.kind === 'batch' && m.region !== undefined);
      expect(batch.region).toMatchObject({ key: 'echo-prefetch@alice', status: { key: 'echo-prefetch@alice', regionId: 'echo-prefetch' } });
      expect(batch.region!.buffer).toBeDefined();
      expect(batch.driver).toMatchObject({ paused: true, finished: false });
    } finally {
      client.close();
      await session.close();
    }
    await expect(session.done).resolves.toBeDefined();
  });

  it("names the scenario's conversation channels for the handle() picker, and offers handle() in every batch once it can", async () => {
    expect(conversationChannels(shortScenario())).toEqual([]);
    const session = startLiveSession(cognitionScenario(), { step: true });
    let offered: (b: BatchMessage) => void = () => undefined;
    const withHandle = new Promise<BatchMessage>((done) => (offered = done));
    const client = session.connect((m) => void (m.kind === 'batch' && m.controls.includes('handle') && offered(m)));
    try {
      expect(session.hello().channels).toEqual(['general', 'engineering']);
      await client.receive({ cmd: 'step' });
      const batch = await withHandle; // the page learns of handle() from a batch, even if its hello came too early
      expect(batch.controls).toEqual([...session.hello().controls]);
    } finally {
      client.close();
      await session.close();
    }
  });

  it('offers handle() when the run has cognition, and answers from the real handler path', async () => {
    const scenario = validateScenario({ ...shortScenario(), timeline: [], regions: [{ id: 'hippocampus' }, { id: 'motor-cortex' }, { id: 'attention' }, { id: 'sleep-policy' }] });
    const session = startLiveSession(scenario, { step: true });
    const acks: AckMessage[] = [];
    const client = session.connect((m) => void (m.kind === 'ack' && acks.push(m)));
    const ack = async (m: ClientMessage): Promise<AckMessage> => {
      await client.receive(m);
      for (let i = 0; i < 100 && !acks.some((a) => a.cmd === m.cmd); i++) await new Promise((r) => setImmediate(r));
      return acks.splice(acks.findIndex((a) => a.cmd === m.cmd), 1)[0]!;
    };
    try {
      expect((await ack({ cmd: 'step' })).ok).toBe(true);
      for (let i = 0; i < 1000 && !session.substrate()?.cognition?.has('alice'); i++) await new Promise((r) => setImmediate(r));
      expect(session.hello().controls).toContain('handle');
      const answered = await ack({ cmd: 'handle', persona: 'alice', channel: 'general', text: 'the migration locks the users table' });
      expect(answered).toMatchObject({ ok: true, result: { personaId: 'alice', channelId: 'general', prefetch: { outcome: 'miss' }, degraded: true } });
      expect(session.substrate()!.cognition!.has('alice')).toBe(true);
      const unknown = await ack({ cmd: 'handle', persona: 'zed', channel: 'general', text: 'hi' });
      expect(unknown.ok).toBe(false);
    } finally {
      client.close();
      await session.close();
    }
  });
});
