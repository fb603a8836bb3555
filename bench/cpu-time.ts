// The one clock every CPU-timed bench figure is read with (bench/substrate.bench.ts, the floors beside it).

/**
 * This process's CPU time in ms (user + system, all its threads: GC helpers included). The machine is shared and
 * often loaded past its cores, so wall time mostly measures waiting for a core; CPU time is what the code costs.
 * Every figure here (substrate, floors, plain baselines) is timed with it.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

