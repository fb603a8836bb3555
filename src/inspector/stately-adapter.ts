// Interop with Stately's inspector: sends the substrate's inspection stream through @statelyai/inspect's
// WebSocket inspector (its frame format: `@xstate.actor` / `@xstate.event` / `@xstate.snapshot` with `_version`),
// e.g. to `@statelyai/inspect/server`'s bridge, for users who want Stately's hosted UI. Opt-in; it sends only to `url`.
import type { InspectionEvent } from 'xstate';
import { createWebSocketInspector } from '@statelyai/inspect';

/** The default URL: the port `@statelyai/inspect/server`'s `createInspectorServer()` listens on. */
export const DEFAULT_STATELY_URL = 'ws://127.0.0.1:8080';

export interface StatelyInspector {
  /** Pass as `createSubstrate({ inspect })` (or combine with the inspector's own hub). */
  inspect: (event: InspectionEvent) => void;
  stop(): void;
}

/**
 * Creates the adapter. Each inspection event is converted by @statelyai/inspect (on its own deferred callback: it
 * costs more per event than the built-in inspector) and sent as one JSON text frame.
 *
 * @example
 * const stately = createStatelyInspector({ url: 'ws://127.0.0.1:8080' });
 * const substrate = createSubstrate({ regions, inspect: stately.inspect });
 */
export function createStatelyInspector(options: { url?: string } = {}): StatelyInspector {
  const inspector = createWebSocketInspector({ url: options.url ?? DEFAULT_STATELY_URL });
  const observer = inspector.inspect as { next?: (event: InspectionEvent) => void };
  return {
    inspect: (event) => observer.next?.(event),
    stop: () => inspector.stop(),
  };
}

/** One `inspect` callback that calls each of `inspectors` in turn. */
export function combineInspectors(...inspectors: Array<((event: InspectionEvent) => void) | undefined>): (event: InspectionEvent) => void {
  const all = inspectors.filter((f): f is (event: InspectionEvent) => void => f !== undefined);
  return (event) => {
    for (const f of all) f(event);
  };
}
