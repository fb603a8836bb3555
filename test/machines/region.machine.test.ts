// Model-based test of the region machine: every state reachable from its events (TICK included; xstate/graph), each
// shortest path replayed on a real actor, which must land in the same state and context.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { regionMachine, type RegionEvent, type RegionMachineInput } from '../../src/machines/region.machine.js';
import { CADENCE_HINTS } from '../../src/runtime/signals.js';

/** The machine is a pure definition: unprovided, its effects do nothing, so a plain input is all it needs. */
const input = (): RegionMachineInput => ({ key: 'r', tickBudgetMs: 5_000 });

const EVENTS: RegionEvent[] = [
  { type: 'SLEEP' },
  { type: 'WAKE' },
  { type: 'STOP' },
  { type: 'TICK' },
  { type: 'TICK.ASYNC', token: 1 },
  { type: 'TICK.SETTLED', token: 1, outcome: { published: 1, consumedSinceLast: 0, cadenceHint: 'hold' } },
  { type: 'TICK.SETTLED', token: 99, outcome: { published: 1, consumedSinceLast: 0, cadenceHint: 'hold' } },
  ...CADENCE_HINTS.map((hint) => ({ type: 'CADENCE.SET' as const, hint })),
];

const stepsOf = (p: { steps: Array<{ event: RegionEvent | { type: string } }> }) => p.steps.map((s) => s.event as RegionEvent).filter((e) => e.type !== ('xstate.init' as string));

const paths = getShortestPaths(regionMachine, {
  events: EVENTS,
  input: input(),
  serializeState: (s) => JSON.stringify({ value: s.value, context: s.context }),
  serializeEvent: (e) => JSON.stringify(e),
});

describe('region machine (model-based)', () => {
  it('reaches every status × cadence combination, and nothing else', () => {
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    const expected = new Set<string>();
    for (const status of ['active', 'sleeping', 'awaiting', 'stopped']) for (const cadence of CADENCE_HINTS) expected.add(JSON.stringify({ status, cadence }));
    expect(reached).toEqual(expected);
  });

  it('a stale settle (wrong token) never leaves awaiting; SLEEP/WAKE wait until the tick settles', () => {
    const toAwaiting = paths.find((p) => JSON.stringify(p.state.value) === JSON.stringify({ status: 'awaiting', cadence: 'hold' }))!;
    expect(stepsOf(toAwaiting).map((e) => e.type)).toEqual(['TICK.ASYNC']);
    expect(toAwaiting.state.context.inFlight).toBe(1);
    const actor = createActor(regionMachine, { input: input() }).start();
    actor.send({ type: 'TICK.ASYNC', token: 1 });
    for (const e of [EVENTS[6]!, { type: 'SLEEP' } as const, { type: 'WAKE' } as const]) {
      actor.send(e);
      expect(actor.getSnapshot().value).toEqual({ status: 'awaiting', cadence: 'hold' });
    }
    actor.send(EVENTS[5]!);
    expect(actor.getSnapshot().value).toEqual({ status: 'active', cadence: 'hold' });
  });

  for (const path of paths) {
    const events = stepsOf(path);
    it(`replays ${events.map((e) => e.type + ('hint' in e ? `(${e.hint})` : '')).join(' → ') || '(initial)'} on a real actor`, () => {
      const actor = createActor(regionMachine, { input: input() }).start();
      for (const event of events) actor.send(event);
      expect(actor.getSnapshot().value).toEqual(path.state.value);
      expect(actor.getSnapshot().context).toEqual(path.state.context);
    });
  }
});
