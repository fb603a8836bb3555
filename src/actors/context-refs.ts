// Puts live references an actor owns into its context when the actor is created or restored: each region actor its
// ready-buffer, the governor its host tables. The references become part of the actor's snapshot (and of its
// persisted JSON, through their `toJSON`), while the spawn input and its init event stay plain data.
import type { AnyStateMachine } from 'xstate';

/** The machine logic, with `getInitialSnapshot` and `restoreSnapshot` that call `fill(context)` on the new snapshot. */
export function withContextRefs<T extends AnyStateMachine>(logic: T, fill: (context: Record<string, unknown>) => void): T {
  const wrapped = Object.create(logic) as T;
  const own = <S>(snapshot: S): S => {
    fill((snapshot as { context: Record<string, unknown> }).context);
    return snapshot;
  };
  wrapped.getInitialSnapshot = ((scope: never, input: never) => own(logic.getInitialSnapshot(scope, input))) as T['getInitialSnapshot'];
  wrapped.restoreSnapshot = ((snapshot: never, scope: never) => own(logic.restoreSnapshot(snapshot, scope))) as T['restoreSnapshot'];
  return wrapped;
}
