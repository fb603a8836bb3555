// Tests for the genome's bus surface: keys, selectors, helpers, what the manager publishes, and an audit recorder module receiving denials.
import { describe, expect, it } from 'vitest';
import {
  ACCESS_DENIED_KEY, EVICTION_RECORD_KEY, genomeSelectors, PAGE_FAULT_KEY, publishAccessDenied, publishEvictionRecord, publishPageFault,
  subscribeToGenomeEvents, CROSS_PERSONA_REASON, type AccessDenied, type EvictionRecord, type GenomeBusEvent, type PageFault,
} from '../../../src/actors/genome/index.js';
import { createBus, createRuntime, ok, personaId, type ServiceModule } from '../../../src/index.js';
import { adapter, managerWith } from './fixtures.js';

const cap = { fastBytes: 10_000, warmBytes: 0, maxPinnedBytes: 0 };
const ada = personaId('ada');
const fault: PageFault = { persona: ada, page: adapter('a'), fromRole: null, toRole: 'fast', elapsedUs: 0, evictionCost: null };
const record: EvictionRecord = { page: adapter('a'), fromRole: 'fast', toRole: 'bench', policyFired: { kind: 'lru-within-turn' }, elapsedUs: 0, reason: 'tier-capacity', persona: null, workingSets: [] };
const denied: AccessDenied = { actor: personaId('bob'), page: adapter('a'), owner: ada, reason: CROSS_PERSONA_REASON };

function recorder(): { events: GenomeBusEvent[]; bus: ReturnType<typeof createBus> } {
  const bus = createBus();
  const events: GenomeBusEvent[] = [];
  subscribeToGenomeEvents(bus, (e) => events.push(e));
  return { bus, events };
}

describe('genome bus keys and helpers', () => {
  it('the keys have their canonical values and the selectors are exactly three exact ones', () => {
    expect([PAGE_FAULT_KEY, EVICTION_RECORD_KEY, ACCESS_DENIED_KEY]).toEqual(['genome/working_set.page_fault', 'genome/working_set.eviction', 'genome/working_set.access_denied']);
    expect(genomeSelectors()).toEqual([
      { kind: 'exact', value: PAGE_FAULT_KEY },
      { kind: 'exact', value: EVICTION_RECORD_KEY },
      { kind: 'exact', value: ACCESS_DENIED_KEY },
    ]);
  });

  it('each helper routes only to its own key, and payloads round-trip through JSON', () => {
    const { bus, events } = recorder();
    publishPageFault(bus, fault);
    publishEvictionRecord(bus, record);
    publishAccessDenied(bus, denied);
    expect(events.map((e) => e.key)).toEqual([PAGE_FAULT_KEY, EVICTION_RECORD_KEY, ACCESS_DENIED_KEY]);
    expect(events.map((e) => JSON.parse(JSON.stringify(e.payload)))).toEqual([fault, record, denied]);
  });

  it('a selective subscriber sees only its keys, and one call unsubscribes all', () => {
    const bus = createBus();
    const seen: string[] = [];
    const off = subscribeToGenomeEvents(bus, (e) => seen.push(e.key), [PAGE_FAULT_KEY]);
    publishEvictionRecord(bus, record);
    publishPageFault(bus, fault);
    expect(seen).toEqual([PAGE_FAULT_KEY]);
    off();
    publishPageFault(bus, fault);
    expect(seen).toHaveLength(1);
    expect(bus.subscriberCount()).toBe(0);
  });
});

describe('the manager on a bus', () => {
  it('publishes a true cold miss and a promotion with their fields; a resident hit publishes nothing', async () => {
    const { bus, events } = recorder();
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10 }, { bus });
    manager.registerPersona('ada', cap);
    await manager.pageIn('ada', adapter('missing'));
    await manager.pageIn('ada', adapter('a'));
    const before = events.length;
    await manager.pageIn('ada', adapter('a'));
    expect(events.length).toBe(before);
    const faults = events.filter((e) => e.key === PAGE_FAULT_KEY).map((e) => e.payload as PageFault);
    expect(faults.map((f) => [f.page.artifact, f.fromRole, f.toRole, f.persona])).toEqual([
      ['missing', null, 'fast', 'ada'],
      ['a', 'cold', 'fast', 'ada'],
    ]);
  });

  it('publishes every eviction record', async () => {
    const { bus, events } = recorder();
    const { manager } = await managerWith({ fast: 100, bench: 1000, cold: 1000 }, { a: 100, b: 100 }, { bus });
    manager.registerPersona('ada', cap);
    await manager.pageIn('ada', adapter('a'));
    await manager.pageIn('ada', adapter('b'));
    const evictions = events.filter((e) => e.key === EVICTION_RECORD_KEY).map((e) => e.payload as EvictionRecord);
    expect(evictions.map((r) => [r.page.artifact, r.fromRole, r.toRole])).toEqual([['a', 'fast', 'bench']]);
    expect(manager.stats().evictions).toBe(1);
  });

  it('publishes a cross-persona denial, and nothing for an allowed access', async () => {
    const { bus, events } = recorder();
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10 }, { bus });
    manager.registerPageOwner(adapter('a'), 'ada');
    expect(manager.auditAccess('ada', adapter('a'))).toBeNull();
    expect(events).toEqual([]);
    await manager.pageIn('bob', adapter('a')).catch(() => undefined);
    expect(events).toEqual([{ key: ACCESS_DENIED_KEY, payload: { actor: 'bob', page: adapter('a'), owner: 'ada', reason: CROSS_PERSONA_REASON } }]);
  });

  it('without a bus the methods work the same', async () => {
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10 });
    manager.registerPersona('ada', cap);
    expect((await manager.pageIn('ada', adapter('a'))).fault?.fromRole).toBe('cold');
    manager.registerPageOwner(adapter('a'), 'ada');
    expect(manager.auditAccess('bob', adapter('a'))).not.toBeNull();
  });

  it('a throwing subscriber does not break the manager', async () => {
    const bus = createBus({ onUnreportedFailure: () => undefined });
    bus.subscribeArtifact(genomeSelectors()[0]!, () => {
      throw new Error('subscriber bug');
    });
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10 }, { bus });
    expect((await manager.pageIn('ada', adapter('a'))).handle).not.toBeNull();
  });

  it('an audit recorder module subscribed with genomeSelectors() records the access denied', async () => {
    const bus = createBus();
    const runtime = createRuntime({ bus });
    const recorded: Array<{ name: string; payload: unknown }> = [];
    const auditRecorder: ServiceModule = {
      config: { name: 'audit', commandPrefixes: ['audit/'], artifactSubscriptions: genomeSelectors(), priority: 'background' },
      handleCommand: () => ok({}),
      handleEvent: (name, payload) => {
        if (name === ACCESS_DENIED_KEY) recorded.push({ name, payload });
      },
    };
    runtime.register(auditRecorder);
    const { manager } = await managerWith({ fast: 1000, cold: 1000 }, { a: 10 }, { bus });
    manager.registerPageOwner(adapter('a'), 'ada');
    await expect(manager.pageIn('bob', adapter('a'))).rejects.toMatchObject({ kind: 'access-denied' });
    expect(recorded).toEqual([{ name: ACCESS_DENIED_KEY, payload: { actor: 'bob', page: adapter('a'), owner: 'ada', reason: CROSS_PERSONA_REASON } }]);
  });
});
