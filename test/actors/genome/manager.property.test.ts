// Property test of the working-set manager: random operation sequences keep capacities, pins, resident sets and events consistent.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createMemoryTierStore, createWorkingSetManager, pageKey, subscribeToGenomeEvents, EVICTION_RECORD_KEY, PAGE_FAULT_KEY,
  type EvictionRecord, type PageFault, type TierRole, type TierStore,
} from '../../../src/actors/genome/index.js';
import { createBus, createSimulatedClock } from '../../../src/index.js';
import { adapter, blobOf, prov } from './fixtures.js';

const PERSONAS = ['ada', 'bob', 'cyd'] as const;
const PAGES = Array.from({ length: 8 }, (_, i) => ({ name: `p${i}`, size: 40 + ((i * 37) % 121) }));
const ROLES: TierRole[] = ['fast', 'warm', 'bench', 'cold', 'frozen'];
const CAPACITY = { fastBytes: 200, warmBytes: 150, maxPinnedBytes: 120 };

type Op =
  | { op: 'pageIn' | 'pin' | 'unpin'; who: number; page: number }
  | { op: 'pageOut'; who: number; page: number; to: number }
  | { op: 'write'; page: number; to: number }
  | { op: 'turn' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('pageIn' as const), who: fc.nat(2), page: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pageOut' as const), who: fc.nat(2), page: fc.nat(7), to: fc.nat(4) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('pin' as const, 'unpin' as const), who: fc.nat(2), page: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('write' as const), page: fc.nat(7), to: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'turn' as const }) },
);

async function run(ops: Op[]): Promise<void> {
  const clock = createSimulatedClock();
  const limits: Record<TierRole, number> = { fast: 300, warm: 400, bench: 500, cold: 2000, frozen: 1200 };
  const tiers: TierStore[] = ROLES.map((role) =>
    createMemoryTierStore({ role, limitBytes: limits[role], clock, ...(role === 'warm' ? { policy: { kind: 'lru-across-turns', windowTurns: 3 } } : {}) }),
  );
  const bus = createBus();
  const manager = createWorkingSetManager({ tiers, bus, clock });
  // The resident sets as the events tell them: persona → page key → role.
  const fromEvents = new Map<string, Map<string, TierRole>>(PERSONAS.map((p) => [p, new Map()]));
  const pinned = new Map<string, Set<string>>(PERSONAS.map((p) => [p, new Set()]));
  const violations: string[] = [];
  subscribeToGenomeEvents(bus, (e) => {
    if (e.key === PAGE_FAULT_KEY) {
      const f = e.payload as PageFault;
      if (f.fromRole !== null) fromEvents.get(f.persona)!.set(pageKey(f.page), f.toRole);
    } else if (e.key === EVICTION_RECORD_KEY) {
      const r = e.payload as EvictionRecord;
      for (const w of r.workingSets) {
        if (pinned.get(w.persona)!.has(pageKey(r.page))) violations.push(`pinned ${pageKey(r.page)} of ${w.persona} was evicted`);
        if (w.role === null) fromEvents.get(w.persona)!.delete(pageKey(r.page));
        else fromEvents.get(w.persona)!.set(pageKey(r.page), w.role);
      }
    }
  });
  for (const p of PERSONAS) manager.registerPersona(p, CAPACITY);
  for (const { name, size } of PAGES) await manager.write(adapter(name), blobOf(name, size), prov(name), 'cold');

  for (const o of ops) {
    clock.advanceBy(1);
    const who = o.op === 'write' || o.op === 'turn' ? undefined : PERSONAS[o.who]!;
    const page = o.op === 'turn' ? undefined : adapter(PAGES[o.page]!.name);
    try {
      if (o.op === 'pageIn') await manager.pageIn(who!, page!);
      else if (o.op === 'pageOut') await manager.pageOut(who!, page!, ROLES[o.to]!);
      else if (o.op === 'pin') {
        await manager.pin(who!, page!);
        pinned.get(who!)!.add(pageKey(page!));
      } else if (o.op === 'unpin') {
        const held = [...pinned.get(who!)!];
        const target = held.length > 0 && o.page % 2 === 0 ? (JSON.parse(held[o.page % held.length]!) as typeof page) : page!;
        await manager.unpin(who!, target!);
        pinned.get(who!)!.delete(pageKey(target!));
      } else if (o.op === 'write') {
        const { name, size } = PAGES[o.page]!;
        await manager.write(page!, blobOf(name, size), prov(name), ROLES[o.to]!);
      } else await manager.beginTurn();
    } catch (e) {
      const kind = (e as { kind?: string }).kind;
      expect(['no-eviction-candidate', 'page-not-resident', 'pin-limit-exceeded'], `${o.op}: ${String(e)}`).toContain(kind);
    }

    for (const t of tiers) expect(t.capacity().currentUsed, `${t.role} over its limit after ${o.op}`).toBeLessThanOrEqual(t.capacity().configuredLimit);
    for (const { name } of PAGES) expect(tiers.some((t) => t.has(adapter(name))), `${name} was lost`).toBe(true);
    for (const p of PERSONAS) {
      const ws = manager.snapshot(p)!;
      expect(ws.invariantsHold(), `${p}'s working set after ${o.op}`).toBe(true);
      const actual = new Map(Object.entries(ws.pages).map(([k, r]) => [k, r.role]));
      expect(actual, `${p}'s resident set vs the events after ${JSON.stringify(o)}`).toEqual(fromEvents.get(p));
      for (const r of Object.values(ws.pages)) expect(tiers[ROLES.indexOf(r.role)]!.has(r.page), `${p} holds ${r.page.artifact} at ${r.role}`).toBe(true);
      for (const key of pinned.get(p)!) expect(ws.pages[key]?.pinned, `${p}'s pin on ${key}`).toBe(true);
    }
    expect(violations).toEqual([]);
  }
}

describe('working-set manager (property)', () => {
  it('random pageIn / pageOut / pin / unpin / write / turn sequences keep capacities, pins and events consistent', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 60, size: 'medium' }), run), { numRuns: 150, seed: 1414 });
  });
});
