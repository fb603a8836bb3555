// The commands a scenario's `command` events can call: a service module (prefix `substrate/`) over the running
// substrate, hosted by a Runtime so that calls go through the same routing and envelopes as any module's.
import { err, ok, parseRequest } from '../runtime/envelope.js';
import type { ServiceModule } from '../runtime/modules.js';
import { s } from '../runtime/schema.js';
import { pressureSignalProblems, PRESSURE_SIGNAL_KINDS, SLEEP_PHASES, type PressureSignal, type SleepPhase } from '../runtime/signals.js';
import type { Substrate } from '../create-substrate.js';

/** Commands a scenario can call, with what they take and return. */
export const SIM_COMMANDS = Object.freeze({
  'substrate/status': 'params {} → { level, phase, personas, regions, failed }',
  'substrate/peek': 'params { region, persona?, key } → { hit } (a handler read: counts as a hit or a miss)',
  'substrate/pressure': 'params { signal } → { level } (as a pressure event)',
  'substrate/sleep': 'params { phase } → { phase } (as a sleep event)',
} as const);
export type SimCommand = keyof typeof SIM_COMMANDS;
export const SIM_COMMAND_NAMES = Object.keys(SIM_COMMANDS) as SimCommand[];

const empty = s.object({});
const peek = s.object({ region: s.string(), persona: s.optional(s.string()), key: s.string() });
const pressure = s.object({ signal: s.object({ kind: s.enum(PRESSURE_SIGNAL_KINDS) }, { unknownKeys: 'allow' }) });
const sleep = s.object({ phase: s.enum(SLEEP_PHASES) });

/** The `substrate/` module over `substrate`. Errors (bad params, unknown region or persona) are `err` responses. */
export function simCommandModule(substrate: Substrate): ServiceModule {
  return {
    config: { name: 'substrate', commandPrefixes: ['substrate/'], priority: 'normal' },
    handleCommand(command, raw) {
      switch (command) {
        case 'substrate/status': {
          const req = parseRequest(command, raw, empty);
          if (!req.ok) return err(req.error);
          const policy = substrate.policy();
          const regions = substrate.regions();
          return ok({ level: policy.level, phase: policy.phase, personas: substrate.personas().length, regions: regions.length, failed: regions.filter((r) => r.state === 'failed').length });
        }
        case 'substrate/peek': {
          const req = parseRequest(command, raw, peek);
          if (!req.ok) return err(req.error);
          return ok({ hit: substrate.buffer(req.value.region, req.value.persona).peek(req.value.key) !== undefined });
        }
        case 'substrate/pressure': {
          const req = parseRequest(command, raw, pressure);
          if (!req.ok) return err(req.error);
          const problems = pressureSignalProblems(req.value.signal, 'signal');
          if (problems.length) return err(`${command}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
          substrate.pressure(req.value.signal as PressureSignal);
          return ok({ level: substrate.policy().level });
        }
        case 'substrate/sleep': {
          const req = parseRequest(command, raw, sleep);
          if (!req.ok) return err(req.error);
          substrate.sleep(req.value.phase as SleepPhase);
          return ok({ phase: substrate.policy().phase });
        }
        default:
          return err(`unknown command "${command}"; known: ${SIM_COMMAND_NAMES.join(', ')}`);
      }
    },
  };
}
