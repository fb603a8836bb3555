// The actor table the inspector shows: every actor's parent, machine, state value and status, kept current by
// applying frames. The live hub and the replay reader share it, so a replay shows what the live page showed.
import type { Frame } from './frames.js';

/** One actor as the page shows it. `value` is XState's state value (plain JSON). */
export interface ActorRow {
  id: string;
  parent?: string;
  machine?: string;
  value?: unknown;
  status: string;
}

/** Actors by id, in the order they first appeared. */
export class ActorModel {
  readonly rows = new Map<string, ActorRow>();
  #values = new Map<string, { value: unknown; status: string }>();

  /** Applies one frame; returns the id of the actor it changed, or undefined. */
  apply(frame: Frame): string | undefined {
    switch (frame.k) {
      case 'actor': {
        const row: ActorRow = { id: frame.id, status: 'active' };
        if (frame.parent !== undefined) row.parent = frame.parent;
        if (frame.machine !== undefined) row.machine = frame.machine;
        const old = this.rows.get(frame.id);
        if (old?.value !== undefined) row.value = old.value;
        this.rows.set(frame.id, row);
        return frame.id;
      }
      case 'state': {
        const row = this.rows.get(frame.id);
        if (!row) return undefined;
        row.value = frame.value;
        row.status = frame.status;
        return frame.id;
      }
      case 'gone': {
        const row = this.rows.get(frame.id);
        if (!row) return undefined;
        row.status = 'stopped';
        return frame.id;
      }
      default:
        return undefined;
    }
  }

  /** Whether `value`/`status` differ from what the actor last had (and remembers them): frames only what changed. */
  changed(id: string, value: unknown, status: string): boolean {
    const last = this.#values.get(id);
    if (last && last.status === status && sameValue(last.value, value)) return false;
    this.#values.set(id, { value, status });
    return true;
  }

  /** A deep-enough copy (rows are replaced, never mutated in place by callers) for replay checkpoints. */
  copyRows(): ActorRow[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  restore(rows: readonly ActorRow[]): void {
    this.rows.clear();
    for (const r of rows) this.rows.set(r.id, { ...r });
  }
}

/** Deep equality of two state values (strings, or objects of state values): no serialization on the hot path. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
