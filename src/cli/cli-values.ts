// Strict parsing of option values on the command line: decimal integers only (no "", "0x10", "1e3", " 5"),
// within their bounds; a bad value is a UsageError (exit code 2).
import { ContinuumError } from '../runtime/errors.js';

/** A command line that cannot be run as given: a bad option value, a conflicting option, an unusable path. */
export class UsageError extends ContinuumError<'usage'> {
  constructor(message: string) {
    super('usage', message);
  }
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Parses a decimal integer option from `min` to `max`. `undefined` (option left out) stays `undefined`.
 *
 * @throws UsageError for anything else: an empty value, a sign, hex, an exponent, spaces, a fraction.
 * @example
 * parseDecimalOption('--seed', '42', 0, 2 ** 32 - 1); // 42
 */
export function parseDecimalOption(option: string, value: string | number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'number' ? String(value) : value;
  const n = DECIMAL.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${option} must be a decimal integer from ${min} to ${max}, like ${Math.min(max, Math.max(min, 42))}; got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`);
  return n;
}
