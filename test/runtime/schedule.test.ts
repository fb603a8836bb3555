// The schedule (src/runtime/schedule.ts). The due table: entries run at their due instant in arm order, re-arms and
// disarms leave no stale run and no stale timer, a throwing entry does not lose the rest of its instant. The
// instant batch: each item once per instant, flushed after the instant's timers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { DueTable, InstantBatch, type Scheduled } from '../../src/runtime/schedule.js';

type Entry = Scheduled & { name: number };
const entry = (name: number): Entry => ({ name, nextDueAt: undefined, armCount: 0 });

function table(onDue: (e: Entry, clockNow: number) => void = () => {}) {
  const clock = createSimulatedClock();
  const runs: Array<[number, number]> = [];
  const due = new DueTable<Entry>(clock, (e) => {
    runs.push([e.name, clock.now()]);
    onDue(e, clock.now());
  });
  return { clock, due, runs };
}

describe('DueTable', () => {
  it('runs entries at their due instant, in arm order among equal instants', () => {
    const { clock, due, runs } = table();
    const [a, b, c] = [entry(1), entry(2), entry(3)];
    due.arm(a, 200);
    due.arm(b, 100);
    due.arm(c, 200);
    clock.advanceTo(150);
    expect(runs).toEqual([[2, 100]]);
    expect(b.nextDueAt).toBeUndefined();
    expect(a.nextDueAt).toBe(200);
    clock.advanceTo(300);
    expect(runs).toEqual([[2, 100], [1, 200], [3, 200]]);
  });

  it('a re-armed entry runs once, at its new instant; a disarmed one not at all, and leaves no timer pending', () => {
    const { clock, due, runs } = table();
    const [a, b, c] = [entry(1), entry(2), entry(3)];
    due.arm(a, 100);
    due.arm(c, 100);
    due.arm(a, 300); // re-armed: its place at 100 is stale, beside c's live one
    due.arm(b, 200);
    due.disarm(b);
    expect(clock.pending).toBe(2); // 200 has no live entry left: its timer is gone
    clock.advanceTo(1_000);
    expect(runs).toEqual([[3, 100], [1, 300]]);
    expect(clock.pending).toBe(0);
  });

  it('an entry armed for the running instant runs in the same advance, after those already due', () => {
    const { clock, due, runs } = table((e) => {
      if (e.name === 1) due.arm(extra, 100);
    });
    const extra = entry(9);
    due.arm(entry(1), 100);
    due.arm(entry(2), 100);
    clock.advanceTo(100);
    expect(runs).toEqual([[1, 100], [2, 100], [9, 100]]);
  });

  it('an entry that throws stops the advance; the rest of its instant run at the next advance', () => {
    const { clock, due, runs } = table((e) => {
      if (e.name === 2) throw new Error('boom');
    });
    for (const n of [1, 2, 3]) due.arm(entry(n), 100);
    expect(() => clock.advanceTo(100)).toThrow('boom');
    expect(runs.map(([n]) => n)).toEqual([1, 2]);
    clock.advanceTo(100);
    expect(runs.map(([n]) => n)).toEqual([1, 2, 3]);
  });

  it('clear drops every armed entry and its timer', () => {
    const { clock, due, runs } = table();
    const a = entry(1);
    due.arm(a, 100);
    due.arm(entry(2), 200);
    due.clear();
    expect(clock.pending).toBe(0);
    expect(a.nextDueAt).toBeUndefined();
    clock.advanceTo(1_000);
    expect(runs).toEqual([]);
    due.arm(a, 1_100); // usable after a clear
    clock.advanceTo(2_000);
    expect(runs).toEqual([[1, 1_100]]);
  });

  it('matches the obvious model: each entry runs at its last armed instant, by (instant, last arm order)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('arm' as const), e: fc.integer({ min: 0, max: 5 }), at: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('disarm' as const), e: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('advance' as const), by: fc.integer({ min: 0, max: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { clock, due, runs } = table();
        const entries = Array.from({ length: 6 }, (_, i) => entry(i));
        const model = new Map<number, { at: number; seq: number }>(); // entry → its live arm
        const expected: Array<[number, number]> = [];
        let seq = 0;
        const advanceModel = (to: number): void => {
          const dueNow = [...model.entries()].filter(([, m]) => m.at <= to).sort((x, y) => x[1].at - y[1].at || x[1].seq - y[1].seq);
          for (const [e, m] of dueNow) {
            expected.push([e, Math.max(m.at, clock.now())]);
            model.delete(e);
          }
        };
        for (const o of ops) {
          if (o.kind === 'arm') {
            const at = clock.now() + o.at;
            due.arm(entries[o.e]!, at);
            model.set(o.e, { at, seq: seq++ });
          } else if (o.kind === 'disarm') {
            due.disarm(entries[o.e]!);
            model.delete(o.e);
          } else {
            advanceModel(clock.now() + o.by);
            clock.advanceTo(clock.now() + o.by);
          }
          for (const [e, m] of model) expect(entries[e]!.nextDueAt).toBe(m.at);
        }
        expect(runs).toEqual(expected);
        expect(clock.pending).toBe(new Set([...model.values()].map((m) => m.at)).size);
      }),
    );
  });
});

describe('InstantBatch', () => {
  it('flushes each item once per instant, after the timers already due then, and takes it again in a later instant', () => {
    const clock = createSimulatedClock();
    const flushed: Array<[number, string[]]> = [];
    const batch = new InstantBatch<{ name: string; batchNumber: number }>(clock, (items) => flushed.push([clock.now(), items.map((i) => i.name)]));
    const [a, b] = [{ name: 'a', batchNumber: 0 }, { name: 'b', batchNumber: 0 }];
    const order: string[] = [];
    clock.setTimeout(() => {
      batch.add(a);
      batch.add(b);
      batch.add(a);
      order.push('first');
    }, 100);
    clock.setTimeout(() => order.push('second'), 100);
    clock.advanceTo(100);
    expect(flushed).toEqual([[100, ['a', 'b']]]);
    expect(order).toEqual(['first', 'second']); // the flush came after both
    clock.setTimeout(() => batch.add(a), 50);
    clock.advanceTo(200);
    expect(flushed).toEqual([[100, ['a', 'b']], [150, ['a']]]);
  });

  it('cancel drops the pending batch; its items can join the next one', () => {
    const clock = createSimulatedClock();
    const flushed: string[][] = [];
    const batch = new InstantBatch<{ name: string; batchNumber: number }>(clock, (items) => flushed.push(items.map((i) => i.name)));
    const a = { name: 'a', batchNumber: 0 };
    batch.add(a);
    batch.cancel();
    expect(clock.pending).toBe(0);
    batch.add(a);
    clock.advanceTo(1);
    expect(flushed).toEqual([['a']]);
  });
});
