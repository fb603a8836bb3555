// Hands each region actor the ready-buffer it owns: the provided region logic puts the slot's buffer into the
// actor's context when the actor is created (or restored), so the buffer is part of the actor's snapshot and
// survives restarts (each incarnation gets the same one). The spawn input and its init event stay plain data.
import type { AnyStateMachine } from 'xstate';
import type { ReadyBuffer } from '../../runtime/ready-buffer.js';

type BufferOf = (key: string) => ReadyBuffer<string, unknown> | undefined;

/**
 * The region machine logic, with `getInitialSnapshot` and `restoreSnapshot` that set `context.buffer` from
 * `bufferOf(context.key)`. Everything else is the machine's own (the wrapper delegates through its prototype).
 */
export function withOwnedBuffers<T extends AnyStateMachine>(logic: T, bufferOf: BufferOf): T {
  const wrapped = Object.create(logic) as T;
  const own = <S>(snapshot: S): S => {
    const context = (snapshot as { context: { key: string; buffer: unknown } }).context;
    context.buffer = bufferOf(context.key);
    return snapshot;
  };
  wrapped.getInitialSnapshot = ((scope: never, input: never) => own(logic.getInitialSnapshot(scope, input))) as T['getInitialSnapshot'];
  wrapped.restoreSnapshot = ((snapshot: never, scope: never) => own(logic.restoreSnapshot(snapshot, scope))) as T['restoreSnapshot'];
  return wrapped;
}
