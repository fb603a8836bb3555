// The substrate's vocabularies: memory/compute classes, pressure signals and levels, sleep phases,
// persona lifecycle, cadence hints and the signals delivered to regions — as types plus runtime lists.
import type { PersonaId } from './ids.js';
import { describeValue } from './describe.js';

export const MEMORY_CLASSES = ['light', 'moderate', 'heavy', 'vram-sensitive'] as const;
export type MemoryClass = (typeof MEMORY_CLASSES)[number];

export const COMPUTE_CLASSES = ['bookkeeping', 'cpu', 'cpu-vectorized', 'inference-light', 'inference-heavy'] as const;
export type ComputeClass = (typeof COMPUTE_CLASSES)[number];

/** Thermal severity, ordered: cool < warm < hot < critical. */
export const THERMAL_SEVERITIES = ['cool', 'warm', 'hot', 'critical'] as const;
export type ThermalSeverity = (typeof THERMAL_SEVERITIES)[number];
/** Rank of a severity in `THERMAL_SEVERITIES` (0 = cool), for ordered comparisons. */
export const thermalRank = (s: ThermalSeverity): number => THERMAL_SEVERITIES.indexOf(s);

/** The payload-free kinds of pressure signal. */
export const PRESSURE_SIGNAL_KINDS = [
  'thermal',
  'battery-low',
  'system-mem-high',
  'vram-high',
  'user-active',
  'inference-queue-depth',
  'speculation-miss-rate',
] as const;
export type PressureSignalKind = (typeof PRESSURE_SIGNAL_KINDS)[number];

/** A pressure signal with its payload, as the governor takes it (camelCase fields, kebab-case kinds). */
export type PressureSignal =
  | { kind: 'thermal'; severity: ThermalSeverity }
  | { kind: 'battery-low'; remainingPct: number }
  | { kind: 'system-mem-high'; usedPct: number }
  | { kind: 'vram-high'; usedPct: number }
  | { kind: 'user-active'; foreground: boolean }
  | { kind: 'inference-queue-depth'; depth: number }
  | { kind: 'speculation-miss-rate'; rate: number };

export const PRESSURE_LEVELS = ['nominal', 'moderate', 'high', 'critical'] as const;
export type PressureLevel = (typeof PRESSURE_LEVELS)[number];

export const SLEEP_PHASES = ['active', 'idle', 'sleep'] as const;
export type SleepPhase = (typeof SLEEP_PHASES)[number];

export const CADENCE_HINTS = ['faster', 'hold', 'slower', 'sleep'] as const;
export type CadenceHint = (typeof CADENCE_HINTS)[number];

export const PERSONA_LIFECYCLE_KINDS = ['created', 'destroyed'] as const;
export type PersonaLifecycle = { kind: (typeof PERSONA_LIFECYCLE_KINDS)[number]; personaId: PersonaId };

/** How a region's budget is sized and which pressure kinds it reacts to. */
export interface PressureProfile {
  memoryClass: MemoryClass;
  computeClass: ComputeClass;
  respondsTo: readonly PressureSignalKind[];
}

/** Signals the governor delivers to regions (through the region machine's `SIGNAL` event). */
export type RegionSignal =
  | { kind: 'persona-lifecycle'; lifecycle: PersonaLifecycle }
  | { kind: 'sleep-transition'; personaId?: PersonaId; phase: SleepPhase }
  | { kind: 'system-pressure-changed'; level: PressureLevel; cause?: PressureSignalKind };

export const REGION_SIGNAL_KINDS = ['persona-lifecycle', 'sleep-transition', 'system-pressure-changed'] as const;

/** One problem found while validating input: where (a JSON-path-like string) and what. */
export interface Problem {
  path: string;
  message: string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A value as a problem message shows it; never throws (bigint, cycles), and NaN/Infinity are not shown as `null`. */
const show = describeValue;
const inRange = (v: unknown, lo: number, hi: number): boolean => isNum(v) && v >= lo && v <= hi;

/**
 * Checks that `value` is a well-formed `PressureSignal` and returns every problem found (empty = valid).
 * Percentages are 0–100, `rate` is 0–1, `depth` a non-negative integer.
 */
export function pressureSignalProblems(value: unknown, path = '$'): Problem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, message: 'a pressure signal must be an object with a "kind"' }];
  }
  const v = value as Record<string, unknown>;
  const problems: Problem[] = [];
  const need = (field: string, ok: boolean, rule: string): void => {
    if (!ok) problems.push({ path: `${path}.${field}`, message: `${String(v.kind)}: "${field}" must be ${rule}, got ${show(v[field])}` });
  };
  switch (v.kind) {
    case 'thermal':
      need('severity', (THERMAL_SEVERITIES as readonly unknown[]).includes(v.severity), `one of ${THERMAL_SEVERITIES.join(', ')}`);
      break;
    case 'battery-low':
      need('remainingPct', inRange(v.remainingPct, 0, 100), 'a number from 0 to 100');
      break;
    case 'system-mem-high':
    case 'vram-high':
      need('usedPct', inRange(v.usedPct, 0, 100), 'a number from 0 to 100');
      break;
    case 'user-active':
      need('foreground', typeof v.foreground === 'boolean', 'true or false');
      break;
    case 'inference-queue-depth':
      need('depth', Number.isInteger(v.depth) && (v.depth as number) >= 0, 'a non-negative integer');
      break;
    case 'speculation-miss-rate':
      need('rate', inRange(v.rate, 0, 1), 'a number from 0 to 1');
      break;
    default:
      problems.push({ path: `${path}.kind`, message: `unknown pressure signal kind ${show(v.kind)}; expected one of ${PRESSURE_SIGNAL_KINDS.join(', ')}` });
  }
  return problems;
}

/** True when `value` is a well-formed `PressureSignal`. */
export const isPressureSignal = (value: unknown): value is PressureSignal => pressureSignalProblems(value).length === 0;
