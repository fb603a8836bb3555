// The Stately interop: the substrate's inspection stream goes through @statelyai/inspect's WebSocket inspector
// and arrives at a WebSocket server as the frames Stately's inspector reads (`@xstate.actor` with the machine's
// definition, `@xstate.event`, `@xstate.snapshot`, each with `_version` and `sessionId`). The hosted UI is not tested.
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createStatelyInspector, combineInspectors } from '../../src/inspector/stately-adapter.js';
import { InspectionHub } from '../../src/inspector/inspection-hub.js';
import { heartbeatRegion } from '../../src/actors/examples/heartbeat.js';
import { echoPrefetchRegion } from '../../src/actors/examples/echo-prefetch.js';
import { startSubstrate } from '../substrate/fixtures.js';

interface StatelyFrame { type: string; _version: string; sessionId: string; name?: string; definition?: string; event?: { type: string }; snapshot?: { value?: unknown } }

describe('the Stately adapter', () => {
  it('delivers actor, event and snapshot frames in the format @statelyai/inspect expects', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const received: StatelyFrame[] = [];
    let seen: (() => void) | undefined;
    const connected = new Promise<void>((resolve) => server.once('connection', (socket) => {
      socket.on('message', (data) => {
        received.push(JSON.parse(String(data)) as StatelyFrame);
        if (received.some((f) => f.type === '@xstate.event' && f.event?.type === 'PRESSURE')) seen?.();
      });
      resolve();
    }));
    const stately = createStatelyInspector({ url: `ws://127.0.0.1:${port}` });
    await connected;
    const hub = new InspectionHub();
    const { clock, substrate } = startSubstrate([heartbeatRegion(), echoPrefetchRegion()], { inspect: combineInspectors(hub.inspect, stately.inspect) });
    substrate.spawnPersona('alice');
    clock.advanceTo(1_000);
    substrate.pressure({ kind: 'vram-high', usedPct: 95 });
    await new Promise<void>((resolve) => (seen = resolve));
    substrate.stop();
    stately.stop();
    server.close();

    for (const f of received) {
      expect(['@xstate.actor', '@xstate.event', '@xstate.snapshot']).toContain(f.type);
      expect(typeof f._version).toBe('string');
      expect(typeof f.sessionId).toBe('string');
    }
    const governor = received.find((f) => f.type === '@xstate.actor' && f.name === 'governor');
    expect(governor).toBeDefined();
    expect(JSON.parse(governor!.definition!)).toMatchObject({ id: 'governor' });
    expect(received.filter((f) => f.type === '@xstate.actor').map((f) => f.name)).toEqual(expect.arrayContaining(['heartbeat', 'echo-prefetch@alice']));
    expect(received.some((f) => f.type === '@xstate.snapshot' && typeof f.snapshot?.value === 'object')).toBe(true);
    // the same stream reached the built-in hub too
    expect(hub.model.rows.has('echo-prefetch@alice')).toBe(true);
  });
});
