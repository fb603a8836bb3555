// The key of one region instance — its actor's system id: `<region>` for a global region, `<region>@<persona>` for a
// per-persona one — and the states an instance can be in. Shared by the substrate, the simulator and the inspector.

/** The system id of a region instance. */
export const regionKey = (regionId: string, personaId?: string): string => (personaId === undefined ? regionId : `${regionId}@${personaId}`);

/** Where a region instance stands in supervision: ticking, waiting for a restart, given up on, or stopped with its persona. */
export type RegionState = 'running' | 'restarting' | 'failed' | 'stopped';
