// Region instance keys (`region` or `region@persona`, as regionKey builds them) looked up instead of built: the
// simulator's per-tick path names the same few thousand instances millions of times.
import { regionKey } from '../runtime/region-key.js';

/** A cache of instance keys by region and persona; the same strings `regionKey` returns. */
export class InstanceKeys {
  readonly #byPersona = new Map<string, Map<string, string>>();

  of(regionId: string, personaId: string | undefined): string {
    if (personaId === undefined) return regionId;
    let regions = this.#byPersona.get(personaId);
    if (!regions) this.#byPersona.set(personaId, (regions = new Map()));
    let key = regions.get(regionId);
    if (key === undefined) regions.set(regionId, (key = regionKey(regionId, personaId)));
    return key;
  }
}
