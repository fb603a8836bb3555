// What the supervisor machines (governor, cohort) share: how a region actor is described to them, the id of a
// failed child inside XState's error event, the id of a delayed restart, and the restart plan a host reports.

/** A region as a supervisor spawns it: its id and tick budget (plain data, from the region's definition). */
export interface RegionSpec {
  readonly id: string;
  readonly tickBudgetMs: number;
}

/** The actor id inside an `xstate.error.actor.<id>` event type. */
export const failedActorId = (eventType: string): string => eventType.slice('xstate.error.actor.'.length);

/** The id of the delayed restart event for a region key or a cohort id (so it can be cancelled). */
export const restartEventId = (id: string): string => `restart:${id}`;

/** The region part of a system id (`hippocampus@alice` → `hippocampus`). */
export const regionIdOf = (key: string): string => {
  const at = key.indexOf('@');
  return at < 0 ? key : key.slice(0, at);
};

/** The spawn options of a region actor under its supervisor. */
export function regionSpawn(key: string, regions: readonly RegionSpec[]) {
  const id = regionIdOf(key);
  const spec = regions.find((r) => r.id === id);
  return { id: key, systemId: key, input: { key, tickBudgetMs: spec?.tickBudgetMs ?? 5_000 } };
}

/** A restart a host decided after a failure, sent back to the supervisor as `RESTART.PLANNED`. */
export type RestartPlannedEvent = { type: 'RESTART.PLANNED'; kind: 'region' | 'cohort'; id: string; delayMs: number };
