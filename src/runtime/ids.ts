// Branded string ids (RegionId, PersonaId, …) and the constructors that validate them.
import { IdError } from './errors.js';

declare const brand: unique symbol;
/** A string that has passed its constructor's validation. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type RegionId = Brand<string, 'RegionId'>;
export type PersonaId = Brand<string, 'PersonaId'>;
export type ArtifactId = Brand<string, 'ArtifactId'>;
export type EngramId = Brand<string, 'EngramId'>;
export type ChannelId = Brand<string, 'ChannelId'>;
export type ModuleName = Brand<string, 'ModuleName'>;

const MAX_ID_LENGTH = 128;

/** Region ids: lowercase snake/kebab words, e.g. `hippocampus`, `motor_cortex`, `echo-prefetch`. */
export const REGION_ID_PATTERN = /^[a-z][a-z0-9_-]*$/;
/** Persona ids: letters, digits, `_ . -` (UUIDs fit), starting with a letter or digit. No `@`: it joins system ids. */
export const PERSONA_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Channel, artifact and engram ids: any printable text without whitespace. */
export const OPAQUE_ID_PATTERN = /^\S+$/;
/** Module names (as the generator enforces): lowercase, starting with a letter or `_`, then letters, digits, `_`, `-`. */
export const MODULE_NAME_PATTERN = /^[a-z_][a-z0-9_-]*$/;

function check<T extends string>(what: string, value: unknown, pattern: RegExp, rule: string): T {
  if (typeof value !== 'string') {
    throw new IdError(`${what} must be a string, got ${value === null ? 'null' : typeof value}`, { what, value });
  }
  if (value.length === 0) throw new IdError(`${what} must not be empty`, { what, value });
  if (value.length > MAX_ID_LENGTH) {
    throw new IdError(`${what} "${value.slice(0, 20)}…" is ${value.length} characters; the limit is ${MAX_ID_LENGTH}`, { what, value });
  }
  if (!pattern.test(value)) throw new IdError(`${what} "${value}" is invalid: ${rule}`, { what, value });
  return value as T;
}

export const regionId = (value: string): RegionId =>
  check<RegionId>('region id', value, REGION_ID_PATTERN, 'use lowercase letters, digits, "_" or "-", starting with a letter');
export const personaId = (value: string): PersonaId =>
  check<PersonaId>('persona id', value, PERSONA_ID_PATTERN, 'use letters, digits, "_", "." or "-", starting with a letter or digit');
export const artifactId = (value: string): ArtifactId =>
  check<ArtifactId>('artifact id', value, OPAQUE_ID_PATTERN, 'whitespace is not allowed');
export const engramId = (value: string): EngramId =>
  check<EngramId>('engram id', value, OPAQUE_ID_PATTERN, 'whitespace is not allowed');
export const channelId = (value: string): ChannelId =>
  check<ChannelId>('channel id', value, OPAQUE_ID_PATTERN, 'whitespace is not allowed');
export const moduleName = (value: string): ModuleName =>
  check<ModuleName>('module name', value, MODULE_NAME_PATTERN, 'use lowercase letters, digits, "_" or "-", starting with a letter or "_"');

/** True when `value` would be accepted by `regionId` (no throw). */
export const isRegionId = (value: unknown): value is RegionId =>
  typeof value === 'string' && value.length <= MAX_ID_LENGTH && REGION_ID_PATTERN.test(value);
/** True when `value` would be accepted by `personaId` (no throw). */
export const isPersonaId = (value: unknown): value is PersonaId =>
  typeof value === 'string' && value.length <= MAX_ID_LENGTH && PERSONA_ID_PATTERN.test(value);
