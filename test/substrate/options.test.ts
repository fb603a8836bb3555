// createSubstrate and defineRegion refuse bad input up front, with typed errors that name the field: unknown or
// misspelled options, reserved region ids, and buffer bounds the ready-buffer would refuse later.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { ValidationError } from '../../src/runtime/errors.js';
import { createReadyBuffer, ReadyBufferError } from '../../src/runtime/ready-buffer.js';
import { defineRegion } from '../../src/runtime/region.js';
import { createSubstrate, type SubstrateOptions } from '../../src/create-substrate.js';
import { SubstrateError } from '../../src/actors/governor/host.js';
import { probeRegion } from './fixtures.js';

const thrownBy = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('createSubstrate options', () => {
  it.each([
    [{ governor: { basePassMS: { active: 50 } } }, 'governor.basePassMS', 'governor.basePassMs'],
    [{ governor: { restart: { maxRestart: 3 } } }, 'governor.restart.maxRestart', 'governor.restart.maxRestarts'],
    [{ governor: { basePassMs: { activ: 50 } } }, 'governor.basePassMs.activ', 'governor.basePassMs.active'],
    [{ sede: 3 }, 'sede', 'seed'],
  ])('refuses %j naming the field and the likely fix', (extra, path, suggestion) => {
    const e = thrownBy(() => createSubstrate({ regions: [probeRegion('probe')], ...(extra as Partial<SubstrateOptions>) }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).message).toContain(`unknown option "${path}"`);
    expect((e as ValidationError).message).toContain(`did you mean "${suggestion}"`);
    expect((e as ValidationError).details).toMatchObject({ path });
  });

  it('bounds the governor sizes', () => {
    expect(() => createSubstrate({ regions: [], governor: { telemetryHistory: 1e9 } })).toThrow(/telemetryHistory must be an integer from 1 to 1000000/);
    expect(() => createSubstrate({ regions: [], governor: { cohortSize: 0 } })).toThrow(ValidationError);
  });

  it('refuses a non-integer seed and a missing regions list', () => {
    expect(() => createSubstrate({ regions: [], seed: 1.5 })).toThrow(/"seed" must be an integer/);
    expect(() => createSubstrate({} as SubstrateOptions)).toThrow(/"regions" must be an array/);
  });

  it.each(['governor', 'personas'])('refuses region id "%s", which the substrate’s own actors use, at creation', (id) => {
    const e = thrownBy(() => createSubstrate({ regions: [probeRegion(id)], clock: createSimulatedClock() }));
    expect(e).toBeInstanceOf(SubstrateError);
    expect((e as SubstrateError).kind).toBe('invalid-config');
  });
});

describe('one bound check for regions and ready-buffers', () => {
  const region = (buffer: { max: number; ttlMs?: number }) => () =>
    defineRegion({ id: 'r', scope: 'per-persona', pressureProfile: { memoryClass: 'light', computeClass: 'cpu', respondsTo: [] }, buffer, tick: () => ({ published: 0, consumedSinceLast: 0, cadenceHint: 'hold' }) });

  it('defineRegion refuses what ReadyBuffer would refuse (ttlMs 1.5, max 1e9)', () => {
    expect(region({ max: 4, ttlMs: 1.5 })).toThrow(/buffer.ttlMs must be a positive integer/);
    expect(region({ max: 1e9 })).toThrow(/buffer.max must be a positive integer bound on its entries, at most/);
  });

  it('accepts exactly the bounds a ready-buffer accepts (property)', () => {
    const clock = createSimulatedClock();
    const num = fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.double(), fc.constant(undefined));
    fc.assert(
      fc.property(num, num, (max, ttlMs) => {
        const regionOk = thrownBy(region({ max: max as number, ...(ttlMs === undefined ? {} : { ttlMs }) })) === undefined;
        const bufferError = thrownBy(() => createReadyBuffer({ max: max as number, ...(ttlMs === undefined ? {} : { ttlMs }), clock }));
        if (bufferError !== undefined) expect(bufferError).toBeInstanceOf(ReadyBufferError);
        expect(regionOk).toBe(bufferError === undefined);
      }),
    );
  });

  it('a region whose definition passes never kills the governor when a persona spawns', () => {
    const clock = createSimulatedClock();
    const substrate = createSubstrate({ regions: [region({ max: 4, ttlMs: 1_000 })()], clock }).start();
    substrate.spawnPersona('alice');
    clock.advanceBy(500);
    expect(substrate.status().state).toBe('running');
    expect(substrate.regions()).toHaveLength(1);
  });
});
