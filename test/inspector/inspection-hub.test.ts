// The inspection hub: the actor table follows the substrate (spawns, state changes, a destroyed persona's regions
// stopped), only changes are framed, and live batches are bounded (newest events kept, the rest counted).
import { describe, expect, it } from 'vitest';
import { InspectionHub } from '../../src/inspector/inspection-hub.js';
import type { Frame } from '../../src/inspector/frames.js';
import { echoPrefetchRegion } from '../../src/actors/examples/echo-prefetch.js';
import { heartbeatRegion } from '../../src/actors/examples/heartbeat.js';
import { readActorTree, type ActorTreeNode } from '../../src/inspect/actor-tree.js';
import { flush, startSubstrate } from '../substrate/fixtures.js';

const liveIds = (node: ActorTreeNode): string[] => [node.id, ...node.children.flatMap(liveIds)];

describe('the inspection hub', () => {
  it('keeps the actor table equal to the live actor tree, through spawns and a destroyed persona', async () => {
    const hub = new InspectionHub({ batchEvents: 50 });
    hub.live = true;
    const frames: Frame[] = [];
    hub.addSink((f) => frames.push(f));
    const { clock, substrate } = startSubstrate([heartbeatRegion(), echoPrefetchRegion()], { inspect: hub.inspect });
    hub.setClock(() => clock.now());
    substrate.observe((e) => hub.substrateEvent(e));
    substrate.spawnPersona('alice');
    substrate.spawnPersona('bob');
    for (let t = 100; t <= 2_000; t += 100) {
      clock.advanceTo(t);
      await flush();
      if (t === 1_000) substrate.destroyPersona('bob');
    }
    const active = [...hub.model.rows.values()].filter((r) => r.status !== 'stopped').map((r) => r.id).sort();
    expect(active).toEqual(liveIds(readActorTree(substrate)).sort());
    expect(hub.model.rows.get('echo-prefetch@bob')?.status).toBe('stopped');
    expect(frames.some((f) => f.k === 'gone' && f.id === 'echo-prefetch@bob')).toBe(true);
    // every state frame is a change: no two consecutive state frames of one actor say the same thing
    const last = new Map<string, string>();
    for (const f of frames) {
      if (f.k !== 'state') continue;
      const text = JSON.stringify([f.value, f.status]);
      expect(last.get(f.id), `${f.id} at ${f.t}`).not.toBe(text);
      last.set(f.id, text);
    }
    const heartbeat = hub.model.rows.get('heartbeat')!;
    expect(heartbeat).toMatchObject({ parent: 'governor', machine: 'region', status: 'active' });
    expect(heartbeat.value).toEqual(substrate.actor.getSnapshot().children['heartbeat']?.getSnapshot().value);
    substrate.stop();

    const batch = hub.takeBatch();
    expect(batch.events.length).toBeLessThanOrEqual(100);
    expect(batch.events.length + batch.dropped).toBe(frames.filter((f) => f.k === 'event').length);
    expect(batch.events.at(-1)).toBe(frames.filter((f) => f.k === 'event').at(-1));
    expect(hub.takeBatch()).toMatchObject({ actors: [], events: [], dropped: 0 });
  });

  it('keeps a bounded series per region instance from its ticks and decisions', () => {
    const hub = new InspectionHub();
    const { clock, substrate } = startSubstrate([heartbeatRegion(), echoPrefetchRegion()], { inspect: hub.inspect });
    const key = 'echo-prefetch@alice';
    const tickTimes: number[] = [];
    const decisions: Array<{ at: number; weight: number; intervalMs: number }> = [];
    substrate.observe((e) => {
      hub.substrateEvent(e);
      if (e.type === 'tick' && e.telemetry.regionId === 'echo-prefetch') tickTimes.push(e.at);
      if (e.type === 'decision' && e.key === key) decisions.push(e);
    });
    substrate.spawnPersona('alice');
    for (let t = 1_000; t <= 400_000; t += 1_000) clock.advanceTo(t);
    const series = hub.series.columns(key)!;
    expect(tickTimes.length).toBeGreaterThan(120);
    expect(series.t).toEqual(tickTimes.slice(-120));
    expect(decisions.length).toBeGreaterThan(0); // nobody reads alice's echoes: they slow down
    const last = decisions.at(-1)!;
    expect(series.intervalMs.at(-1)).toBe(last.intervalMs);
    expect(series.weight.at(-1)).toBeCloseTo(last.weight, 4);
    expect(hub.series.columns('nobody')).toBeUndefined();
    substrate.stop();
  });
});
