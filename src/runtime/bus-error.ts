// The typed error the message bus throws for a bad event pattern, published name, artifact selector, handler or runaway re-entrancy.
import { ContinuumError } from './errors.js';

/**
 * What went wrong on the bus:
 * - `invalid-pattern`: an event pattern given to `subscribe` (empty segment, whitespace, `/`, `da*`, too
 *   long or too many segments, …);
 * - `invalid-name`: a name given to `publish` (an event name or an artifact key that does not fit, or is
 *   too long or has too many segments);
 * - `invalid-selector`: an artifact selector (`exact`/`prefix`) that does not fit;
 * - `invalid-handler`: a handler given to `subscribe`/`subscribeArtifact` that is not a function;
 * - `publish-depth-exceeded`: handlers publishing from handlers nested deeper than `maxDepth`
 *   (almost always a handler that republishes what it receives).
 */
export type BusErrorKind = 'invalid-pattern' | 'invalid-name' | 'invalid-selector' | 'invalid-handler' | 'publish-depth-exceeded';

/**
 * Raised by the message bus. `kind` is stable; `details` carries the offending input.
 *
 * @example
 * try { bus.subscribe('data::created', h) } catch (e) { if (e instanceof BusError && e.kind === 'invalid-pattern') … }
 */
export class BusError extends ContinuumError<BusErrorKind> {
  constructor(kind: BusErrorKind, message: string, details?: Record<string, unknown>) {
    super(kind, message, details);
  }
}
