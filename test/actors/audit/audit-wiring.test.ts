// The audit recorder hears what the rest of the system refuses and denies: a command the runtime refuses
// (`command:refused`) and a cross-persona page read the genome working set blocks (`genome/working_set.access_denied`).
import { describe, expect, it } from 'vitest';
import { createBus, createRandom, createRuntime, createSimulatedClock, err } from '../../../src/index.js';
import { AuditChain, createAuditRecorder, createMemoryAuditSink } from '../../../src/actors/audit/index.js';
import { createMemoryTierStore, createWorkingSetManager, page } from '../../../src/actors/genome/index.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('audit wiring', () => {
  it('records refused commands and genome access denials', async () => {
    const clock = createSimulatedClock(1_000);
    const bus = createBus();
    const runtime = createRuntime({ bus, clock, random: createRandom(1) });
    const sink = createMemoryAuditSink();
    runtime.register(createAuditRecorder({ chain: new AuditChain(sink) }));
    runtime.register({ config: { name: 'grumpy', commandPrefixes: ['grumpy/'], priority: 'normal', eventSubscriptions: [] }, handleCommand: () => err('no thanks') });
    await runtime.execute('nobody/home', {});
    await runtime.execute('grumpy/please', {});

    const fast = createMemoryTierStore({ role: 'fast', limitBytes: 1 << 20, clock });
    const cold = createMemoryTierStore({ role: 'cold', limitBytes: 1 << 20, clock });
    const manager = createWorkingSetManager({ tiers: [fast, cold], bus, clock });
    const secret = page('lora-layer', 'alice-adapter');
    manager.registerPageOwner(secret, 'alice');
    expect(manager.auditAccess('bob', secret)).not.toBeNull();
    await settle();
    await settle();

    const entries = sink.text().trim().split('\n').map((l) => JSON.parse(l) as { kind: string; payload: { event: string; data: Record<string, unknown> } });
    expect(entries.map((e) => [e.kind, e.payload.event])).toEqual([
      ['refusal', 'command:refused'],
      ['refusal', 'command:refused'],
      ['access-denied', 'genome/working_set.access_denied'],
    ]);
    expect(entries[0]!.payload.data).toMatchObject({ command: 'nobody/home', module: null });
    expect(entries[1]!.payload.data).toMatchObject({ command: 'grumpy/please', module: 'grumpy', error: 'no thanks' });
  });
});
