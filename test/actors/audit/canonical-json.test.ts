import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { payload } from './arbitraries.js';
import { AuditError, canonicalJson, canonicalizeJsonText, compareCodePoints, formatSerdeFloat, MAX_PAYLOAD_DEPTH } from '../../../src/actors/audit/index.js';

describe('formatSerdeFloat (serde_json / ryu layout)', () => {
  // Each expected text is what serde_json 1.0.87 wrote for the value (see fixtures/original-serde.jsonl).
  it.each([
    [1.0, '1.0'],
    [-0, '-0.0'],
    [0.000001, '1e-6'],
    [0.00001, '0.00001'],
    [1e300, '1e300'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e16'],
    [1e17, '1e17'],
    [123456.789, '123456.789'],
    [3.141592653589793, '3.141592653589793'],
    [2.718281828459045e-10, '2.718281828459045e-10'],
    [18446744073709551616, '1.8446744073709552e19'],
    [-9223372036854775809, '-9.223372036854776e18'],
    [100000, '100000.0'],
    [12.5, '12.5'],
    [1e-7, '1e-7'],
    [1.7976931348623157e308, '1.7976931348623157e308'],
    [5e-324, '5e-324'],
    [-7.25, '-7.25'],
  ])('%s → %s', (value, text) => {
    expect(formatSerdeFloat(value)).toBe(text);
  });

  it('always reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(Number(formatSerdeFloat(x)), x)).toBe(true);
      }),
    );
  });
});

describe('canonicalJson', () => {
  it('writes compact JSON with keys sorted at every level', () => {
    expect(canonicalJson({ z: 1, a: [{ y: true, b: null }], m: 'x' })).toBe('{"a":[{"b":null,"y":true}],"m":"x","z":1}');
  });

  it('sorts keys by code point (UTF-8 byte order), not by UTF-16 units', () => {
    const keys = { '\uffff': 1, '😀': 2, é: 3, Z: 4, a: 5, '': 6, '\ue000': 7 };
    // the order serde_json's BTreeMap wrote for the same keys
    expect(Object.keys(JSON.parse(canonicalJson(keys)))).toEqual(['', 'Z', 'a', 'é', '\ue000', '\uffff', '😀']);
    expect(['😀', '\ue000'].sort()).toEqual(['😀', '\ue000']); // what a plain sort would do
    expect(['😀', '\ue000'].sort(compareCodePoints)).toEqual(['\ue000', '😀']);
  });

  it('writes integers as digits and other numbers as serde floats', () => {
    expect(canonicalJson([0, -0, 42, -9007199254740991, 0.5, 0.000001])).toBe('[0,0,42,-9007199254740991,0.5,1e-6]');
  });

  it('escapes strings as serde_json does', () => {
    expect(canonicalJson('a\u0001\u001f\u007f\t\n"\\/\u2028😀')).toBe('"a\\u0001\\u001f\u007f\\t\\n\\"\\\\/\u2028😀"');
  });

  it('leaves out object fields whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it.each([
    ['NaN', { x: NaN }, 'x'],
    ['Infinity', { x: [Infinity] }, 'x[0]'],
    ['-Infinity', -Infinity, ''],
    ['a BigInt', { big: 10n }, 'big'],
    ['an integer beyond 2^53', { id: 2 ** 53 }, 'id'],
    ['undefined in an array', [1, undefined], '[1]'],
    ['a hole in an array', [1, , 3], '[1]'], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }, 'f'],
    ['a symbol', { s: Symbol('x') }, 's'],
    ['a Date', { when: new Date(0) }, 'when'],
    ['a Map', { m: new Map() }, 'm'],
    ['an unpaired surrogate', { s: 'a\ud800b' }, 's'],
    ['an unpaired surrogate in a key', { 'k\udc00': 1 }, '["k\\udc00"]'],
    ['undefined itself', undefined, ''],
  ])('refuses %s with a typed error naming the field', (_what, value, path) => {
    let thrown: unknown;
    try {
      canonicalJson(value);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AuditError);
    expect((thrown as AuditError).kind).toBe('unencodable-payload');
    expect((thrown as AuditError).details).toEqual({ path });
  });

  it('refuses cycles and nesting deeper than the original reads', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    const nest = (n: number): unknown => (n === 0 ? 1 : [nest(n - 1)]);
    expect(canonicalJson(nest(MAX_PAYLOAD_DEPTH))).toHaveLength(MAX_PAYLOAD_DEPTH * 2 + 1);
    expect(() => canonicalJson(nest(MAX_PAYLOAD_DEPTH + 1))).toThrow(/deeper than 126/);
  });

  it('refuses a payload whose getter throws, and a revoked proxy, without crashing', () => {
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(() => canonicalJson(getter)).toThrow(AuditError);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => canonicalJson({ p: proxy })).toThrow(AuditError);
  });

  it('round-trips any JSON value: parsing the text gives the value back, and reading it canonically changes nothing', () => {
    fc.assert(
      fc.property(payload, (value) => {
        const text = canonicalJson(value);
        expect(canonicalizeJsonText(text)).toBe(text);
        // -0 is written as 0 (as JSON.stringify does); everything else comes back equal
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonicalizeJsonText (how the original reads a payload back)', () => {
  it('keeps what serde keeps: floats stay floats, big integers stay exact, -0 becomes -0.0', () => {
    expect(canonicalizeJsonText('{ "b": 1.0, "a": [9007199254740993, 18446744073709551615, -9223372036854775808, -0] }')).toBe(
      '{"a":[9007199254740993,18446744073709551615,-9223372036854775808,-0.0],"b":1.0}',
    );
    expect(canonicalizeJsonText('[18446744073709551616, 1E5, 2.5e+3, 12.50]')).toBe('[1.8446744073709552e19,100000.0,2500.0,12.5]');
  });

  it('keeps the last of repeated keys, as serde_json does', () => {
    expect(canonicalizeJsonText('{"dup":1,"a":0,"dup":2}')).toBe('{"a":0,"dup":2}');
  });

  it('refuses what serde refuses', () => {
    for (const bad of ['{"a":01}', '"\\ud800"', '"a\tb"', '[1,]', '{"a" 1}', '1e999', 'nul', '"\\x"']) {
      expect(() => canonicalizeJsonText(bad), bad).toThrow();
    }
  });
});
