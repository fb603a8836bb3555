// describeError / describeValue / safeJson: the one place a thrown value becomes text, and it never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeError, describeValue, safeJson } from '../../src/runtime/describe.js';

const revoked = (): unknown => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

describe('describeError', () => {
  it('gives an Error its message and a string itself', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('plain')).toBe('"plain"');
  });
  it('never throws on values whose String() throws', () => {
    const nullProto = Object.create(null) as object;
    const badGetter = new Error('x');
    Object.defineProperty(badGetter, 'message', { get() { throw new Error('no'); } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const v of [nullProto, revoked(), badGetter, cyclic, 10n, Symbol('s'), undefined, null, NaN]) {
      expect(typeof describeError(v)).toBe('string');
    }
    expect(describeError(revoked())).toMatch(/unreadable/);
    expect(describeError(badGetter)).toBe('unreadable error');
    expect(describeError(nullProto)).toBe('{}');
  });
  it('shows numbers as numbers (NaN is not null) and clips long text', () => {
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(Infinity)).toBe('Infinity');
    expect(describeValue(5n)).toBe('5n');
    expect(describeError(new Error('x'.repeat(2_000))).length).toBeLessThan(600);
  });
  it('never throws for any value (property)', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true }), (v) => {
      expect(typeof describeError(v)).toBe('string');
      expect(typeof describeValue(v)).toBe('string');
    }));
  });
});

describe('safeJson', () => {
  it('is undefined for what JSON cannot write, never a throw', () => {
    expect(safeJson(1n)).toBeUndefined();
    expect(safeJson(revoked())).toBeUndefined();
    expect(safeJson({ a: 1 })).toBe('{"a":1}');
  });
});
