// The schema DSL: what each builder accepts, the diagnostics it writes, and the types it infers.
import { describeKind } from '../../src/runtime/describe.js';
import { describe, it, expect, expectTypeOf } from 'vitest';
import fc from 'fast-check';
import { INVALID, MAX_ISSUES, joinKey, s, validate, type Infer, type Issue } from '../../src/runtime/schema.js';

const issuesOf = (schema: Parameters<typeof validate>[0], value: unknown): Issue[] => {
  const r = validate(schema, value);
  return r.ok ? [] : r.issues;
};

describe('leaf schemas', () => {
  it('string: accepts strings, bounds length, tests a pattern', () => {
    expect(validate(s.string(), 'x')).toEqual({ ok: true, value: 'x' });
    expect(issuesOf(s.string(), 3)).toEqual([{ path: '', message: 'must be a string, got 3' }]);
    expect(issuesOf(s.string({ minLength: 1 }), '')[0]!.message).toBe('must be a non-empty string, got ""');
    expect(issuesOf(s.string({ maxLength: 2 }), 'abc')[0]!.message).toContain('of length ≤ 2');
    const slug = s.string({ pattern: /^[a-z]+$/g });
    expect(validate(slug, 'abc').ok).toBe(true);
    expect(validate(slug, 'abc').ok).toBe(true); // a global regex's lastIndex does not leak between calls
    expect(issuesOf(slug, 'A')[0]!.message).toContain('matching /^[a-z]+$/g');
  });

  it('number: finite only, with bounds', () => {
    expect(validate(s.number(), 1.5).ok).toBe(true);
    for (const bad of [Number.NaN, Infinity, '1', null]) expect(validate(s.number(), bad).ok).toBe(false);
    expect(issuesOf(s.number({ min: 0, max: 1 }), 2)[0]!.message).toBe('must be a finite number between 0 and 1, got 2');
  });

  it('integer: safe integers with bounds; the message quotes a string value', () => {
    expect(validate(s.integer({ min: 1 }), 3).ok).toBe(true);
    expect(issuesOf(s.integer({ min: 1 }), 'ten')[0]!.message).toBe('must be an integer ≥ 1, got "ten"');
    expect(issuesOf(s.integer(), 1.5)[0]!.message).toBe('must be an integer, got 1.5');
    expect(validate(s.integer(), 2 ** 53).ok).toBe(false);
    expect(issuesOf(s.integer({ max: 9 }), 10)[0]!.message).toContain('≤ 9');
  });

  it('boolean, enum, literal', () => {
    expect(validate(s.boolean(), false).ok).toBe(true);
    expect(issuesOf(s.boolean(), 'true')[0]!.message).toBe('must be a boolean, got "true"');
    expect(validate(s.enum(['fast', 'deep']), 'deep').ok).toBe(true);
    expect(issuesOf(s.enum(['fast', 'deep']), 'slow')[0]!.message).toBe('must be one of "fast", "deep", got "slow"');
    expect(validate(s.literal('v1'), 'v1').ok).toBe(true);
    expect(issuesOf(s.literal('v1'), 'v2')[0]!.message).toBe('must be "v1", got "v2"');
  });

  it('unknown accepts anything as is', () => {
    const o = { deep: [1] };
    expect(validate(s.unknown(), o)).toEqual({ ok: true, value: o });
    expect(validate(s.unknown(), undefined).ok).toBe(true);
  });
});

describe('containers', () => {
  it('array: copies, checks length, names the failing index', () => {
    const input = ['a', 'b'];
    const r = validate(s.array(s.string()), input);
    expect(r).toEqual({ ok: true, value: ['a', 'b'] });
    expect(r.ok && r.value).not.toBe(input);
    expect(issuesOf(s.array(s.string()), ['a', 2])).toEqual([{ path: '[1]', message: 'must be a string, got 2' }]);
    expect(issuesOf(s.array(s.string(), { maxLength: 1 }), ['a', 'b'])[0]!.message).toContain('of length ≤ 1');
    expect(issuesOf(s.array(s.string()), 'a')[0]!.message).toBe('must be an array (items: a string), got "a"');
  });

  it('object: required vs optional fields, nested paths, unknown keys rejected by default', () => {
    const schema = s.object({ query: s.string(), limit: s.optional(s.integer({ min: 1 })), filter: s.optional(s.object({ tags: s.array(s.string()) })) });
    expect(validate(schema, { query: 'q' })).toEqual({ ok: true, value: { query: 'q' } });
    expect(issuesOf(schema, {})).toEqual([{ path: 'query', message: 'is required — expected a string' }]);
    expect(issuesOf(schema, { query: 'q', filter: { tags: ['a', 'b', 3] } })).toEqual([{ path: 'filter.tags[2]', message: 'must be a string, got 3' }]);
    expect(issuesOf(schema, { query: 'q', limt: 3 })[0]).toEqual({ path: 'limt', message: 'is not accepted here — expected only: query, limit, filter' });
    // undefined counts as absent for optional fields and is not copied
    const r = validate(schema, { query: 'q', limit: undefined });
    expect(r.ok && Object.keys(r.value)).toEqual(['query']);
  });

  it('object: strip drops unknown keys, allow keeps them', () => {
    expect(validate(s.object({ a: s.string() }, { unknownKeys: 'strip' }), { a: 'x', b: 1 })).toEqual({ ok: true, value: { a: 'x' } });
    expect(validate(s.object({ a: s.string() }, { unknownKeys: 'allow' }), { a: 'x', b: 1 })).toEqual({ ok: true, value: { a: 'x', b: 1 } });
  });

  it('object: a __proto__ key is refused by default and kept as an own key (not a prototype) when allowed', () => {
    const hostile = JSON.parse('{"a":"x","__proto__":{"polluted":true}}') as unknown;
    expect(issuesOf(s.object({ a: s.string() }), hostile)[0]!.path).toBe('__proto__');
    const r = validate(s.object({ a: s.string() }, { unknownKeys: 'allow' }), hostile);
    expect(r.ok).toBe(true);
    const out = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('object: inherited properties are not read as fields', () => {
    const proto = { query: 'inherited' };
    expect(validate(s.object({ query: s.string() }), Object.create(proto)).ok).toBe(false);
  });

  it('stops after MAX_ISSUES issues on hostile input', () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(issuesOf(s.object({}), wide)).toHaveLength(MAX_ISSUES);
    expect(issuesOf(s.array(s.string()), Array.from({ length: 500 }, () => 1))).toHaveLength(MAX_ISSUES);
  });
});

describe('helpers', () => {
  it('joinKey brackets keys that are not identifiers', () => {
    expect(joinKey('', 'a')).toBe('a');
    expect(joinKey('a', 'b')).toBe('a.b');
    expect(joinKey('a', 'x y')).toBe('a["x y"]');
  });

  it('describeKind is short and never walks objects', () => {
    expect(describeKind(undefined)).toBe('nothing');
    expect(describeKind('x'.repeat(100))).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
    expect(describeKind([1, 2])).toBe('an array of 2 items');
    expect(describeKind({ get a(): never { throw new Error('read') } })).toBe('an object');
    expect(describeKind(null)).toBe('null');
    expect(describeKind(10n)).toBe('10n');
  });

  it('INVALID is what parse returns on failure', () => {
    const issues: Issue[] = [];
    expect(s.string().parse(1, 'x', issues)).toBe(INVALID);
    expect(issues).toHaveLength(1);
  });
});

describe('inference', () => {
  it('infers required and optional fields', () => {
    const schema = s.object({
      query: s.string(),
      limit: s.optional(s.integer()),
      mode: s.enum(['fast', 'deep']),
      tags: s.array(s.string()),
      v: s.literal(1),
    });
    expectTypeOf<Infer<typeof schema>>().toEqualTypeOf<{ query: string; mode: 'fast' | 'deep'; tags: string[]; v: 1; limit?: number | undefined }>();
  });
});

describe('property: parse never throws and what it accepts re-validates to itself', () => {
  const schema = s.object(
    { a: s.optional(s.string()), n: s.optional(s.integer({ min: 0 })), list: s.optional(s.array(s.boolean())) },
    { unknownKeys: 'strip' },
  );
  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = validate(schema, value);
        if (r.ok) expect(validate(schema, r.value)).toEqual({ ok: true, value: r.value });
        else expect(r.issues.length).toBeGreaterThan(0);
      }),
    );
  });
});
