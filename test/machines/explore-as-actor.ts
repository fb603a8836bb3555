// A view of a machine for xstate/graph that transitions each snapshot the way a real actor does: a fresh system per
// step (so a stopped child's system id can be spawned again) and a `self` whose snapshot is the one being transitioned.
import { createEmptyActor, type AnyActorRef, type AnyStateMachine } from 'xstate';

/**
 * xstate/graph runs every transition in one mock actor scope that executes no actions, so a stopped child is never
 * unregistered from its system and spawning its system id again throws "already exists"; and the mock's `self` is an
 * empty actor, so a machine that reads `self.getSnapshot()` (the cohort's PERSONA.SPAWN does) sees no children. This
 * view gives each transition a fresh system and a `self` answering with the snapshot being transitioned — what a
 * real actor's `self` returns while it processes an event. Use it only to explore; replay paths on the real machine.
 */
export function asActorRunsIt<T extends AnyStateMachine>(machine: T): T {
  const view = Object.create(machine) as T;
  view.transition = (snapshot, event, scope) => {
    const host = createEmptyActor();
    const self = Object.assign(Object.create(host) as AnyActorRef, { getSnapshot: () => snapshot });
    return machine.transition(snapshot, event, { ...scope, self, system: host.system });
  };
  return view;
}
