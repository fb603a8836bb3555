// Test helpers for the inference module: a runtime on a simulated clock, and time that advances timer by timer with
// the promise continuations of each instant settled before the next (async engines on a simulated clock need both).
import { createBus, type MessageBus } from '../../../src/runtime/bus.js';
import { createSimulatedClock, type SimulatedClock } from '../../../src/runtime/clock.js';
import { createRandom } from '../../../src/runtime/random.js';
import { createRuntime, type Runtime } from '../../../src/runtime/runtime.js';
import type { HandleRef } from '../../../src/runtime/handle-ref.js';
import type { CommandResponse } from '../../../src/runtime/response.js';
import {
  createInferenceModule, createSimulatedEngine, type InferenceEngine, type InferenceModule, type InferenceModuleOptions,
  type SimulatedEngineOptions,
} from '../../../src/actors/inference/index.js';

/** Drains every pending promise continuation (a macrotask runs after all microtasks). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Advances `clock` by `ms`, firing timers one instant at a time and settling after each. */
export async function advance(clock: SimulatedClock, ms: number): Promise<void> {
  const target = clock.now() + ms;
  await settle();
  for (;;) {
    const due = clock.nextDueAt();
    if (due === undefined || due > target) break;
    clock.advanceTo(due);
    await settle();
  }
  clock.advanceTo(target);
  await settle();
}

export interface Setup {
  clock: SimulatedClock;
  bus: MessageBus;
  runtime: Runtime;
  module: InferenceModule;
  start(params: Record<string, unknown>): Promise<CommandResponse>;
  poll(persona: string, handle: HandleRef | undefined): Promise<CommandResponse>;
  cancel(persona: string, handle: HandleRef | undefined): Promise<CommandResponse>;
}

/** A runtime with an inference module; the engine defaults to the simulated one on the same clock. */
export async function setup(
  options: Partial<InferenceModuleOptions> & { engineOptions?: Partial<SimulatedEngineOptions>; engine?: InferenceEngine } = {},
): Promise<Setup> {
  const clock = createSimulatedClock();
  const bus = createBus();
  const runtime = createRuntime({ bus, clock, random: createRandom(3) });
  const { engineOptions, ...moduleOptions } = options;
  const engine = options.engine ?? createSimulatedEngine({ clock, seed: 11, ...engineOptions });
  const module = createInferenceModule({ ...moduleOptions, engine });
  runtime.register(module);
  await runtime.initialize();
  return {
    clock, bus, runtime, module,
    start: (params) => runtime.execute('inference/start', { persona: 'alice', composition: 'base-7b', promptTokens: [1, 2, 3], ...params }),
    poll: (persona, handle) => runtime.execute('inference/poll', { persona, handle }),
    cancel: (persona, handle) => runtime.execute('inference/cancel', { persona, handle }),
  };
}

/** The data of a response, as a plain record. */
export const data = (r: CommandResponse): Record<string, unknown> => r.data as Record<string, unknown>;
