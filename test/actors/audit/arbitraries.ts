// fast-check arbitraries for audit payloads: any JSON value the chain accepts (safe integers, finite non-integer
// doubles, strings over all of Unicode, nested arrays and objects).
import fc from 'fast-check';

const number = fc.oneof(
  fc.maxSafeInteger(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x) || Number.isSafeInteger(x)),
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));

/** A payload the chain accepts. */
export const payload: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  ),
})).value;
