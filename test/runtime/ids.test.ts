// Branded id constructors: what each accepts, what it rejects, and that the guards agree with the constructors.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { IdError } from '../../src/runtime/errors.js';
import {
  artifactId,
  channelId,
  engramId,
  isPersonaId,
  isRegionId,
  moduleName,
  personaId,
  regionId,
} from '../../src/runtime/ids.js';

const rejects = (fn: () => unknown, message?: RegExp): void => {
  try {
    fn();
    expect.unreachable('expected an IdError');
  } catch (e) {
    expect(e).toBeInstanceOf(IdError);
    expect((e as IdError).kind).toBe('invalid-id');
    if (message) expect((e as Error).message).toMatch(message);
  }
};

describe('regionId', () => {
  it.each(['hippocampus', 'motor_cortex', 'echo-prefetch', 'a', 'r2d2'])('accepts %s and returns it unchanged', (id) => {
    expect(regionId(id)).toBe(id);
    expect(isRegionId(id)).toBe(true);
  });

  it.each(['', 'Hippocampus', '2nd', '_x', '-x', 'motor cortex', 'a.b', 'a/b', 'a@b'])('rejects %j', (id) => {
    rejects(() => regionId(id));
    expect(isRegionId(id)).toBe(false);
  });
});

describe('personaId', () => {
  it.each(['ada', 'Ada_Lovelace', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'v1.2'])('accepts %s', (id) => {
    expect(personaId(id)).toBe(id);
    expect(isPersonaId(id)).toBe(true);
  });

  it.each(['', '-ada', '.ada', 'ada@host', 'ada lovelace', 'a|b', 'a/b', 'a:b'])('rejects %j (no "@", which joins system ids)', (id) => {
    rejects(() => personaId(id));
    expect(isPersonaId(id)).toBe(false);
  });
});

describe('opaque ids (channel, artifact, engram)', () => {
  it.each([
    ['channel', channelId],
    ['artifact', artifactId],
    ['engram', engramId],
  ] as const)('%s ids accept any text without whitespace and reject whitespace', (_what, make) => {
    expect(make('#general|2/ü:@x')).toBe('#general|2/ü:@x');
    for (const bad of ['', 'a b', ' a', 'a\n', '\t']) rejects(() => make(bad));
  });
});

describe('moduleName', () => {
  it('follows the generator rule: lowercase, starts with a letter or "_"', () => {
    for (const ok of ['memory', '_private', 'data-io', 'x9']) expect(moduleName(ok)).toBe(ok);
    for (const bad of ['', 'Memory', '9x', '-x', 'a b', 'a.b']) rejects(() => moduleName(bad));
  });
});

describe('shared rules', () => {
  it('limits ids to 128 characters and says so', () => {
    expect(regionId('a'.repeat(128))).toHaveLength(128);
    rejects(() => regionId('a'.repeat(129)), /129 characters; the limit is 128/);
    rejects(() => channelId('c'.repeat(129)), /limit is 128/);
    expect(isRegionId('a'.repeat(129))).toBe(false);
    expect(isPersonaId('p'.repeat(129))).toBe(false);
  });

  it('rejects non-strings with a message naming the type', () => {
    rejects(() => regionId(42 as unknown as string), /must be a string, got number/);
    rejects(() => personaId(null as unknown as string), /got null/);
    expect(isRegionId(42)).toBe(false);
    expect(isPersonaId(undefined)).toBe(false);
  });

  it('names the id and the rule in the message, and keeps the value in details', () => {
    try {
      regionId('Bad Id');
      expect.unreachable();
    } catch (e) {
      expect((e as IdError).message).toMatch(/region id "Bad Id" is invalid: use lowercase/);
      expect((e as IdError).details).toEqual({ what: 'region id', value: 'Bad Id' });
    }
  });

  it('the guards agree with the constructors on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^[a-zA-Z0-9_.@ -]{0,10}$/)), (s) => {
        const accepts = (make: (v: string) => string): boolean => {
          try {
            make(s);
            return true;
          } catch {
            return false;
          }
        };
        expect(isRegionId(s)).toBe(accepts(regionId));
        expect(isPersonaId(s)).toBe(accepts(personaId));
      }),
      { numRuns: 500 },
    );
  });
});
