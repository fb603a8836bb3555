// Renders DOT to SVG locally with Graphviz compiled to WebAssembly (@viz-js/viz): no network, no system Graphviz.
import type { AnyStateMachine } from 'xstate';
import { instance, type Viz } from '@viz-js/viz';
import { toDot } from './to-dot.js';
import { InspectError } from './inspect-error.js';

let vizPromise: Promise<Viz> | undefined;

/** The one Graphviz instance, loaded on first use (the WebAssembly module takes a few hundred ms to compile). */
function viz(): Promise<Viz> {
  vizPromise ??= instance();
  return vizPromise;
}

/**
 * Renders any DOT text to an SVG document with the `dot` layout engine.
 *
 * @throws InspectError (`render-failed`) when Graphviz rejects the input, with Graphviz's own messages.
 * @example
 * const svg = await dotToSvg('digraph { a -> b }');
 */
export async function dotToSvg(dot: string): Promise<string> {
  const result = (await viz()).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    const messages = result.errors.map((e) => `${e.level ?? 'error'}: ${e.message}`).join('; ');
    throw new InspectError('render-failed', `Graphviz could not render the DOT input (${messages || 'no message'}); check the DOT text with toDot()`, {
      errors: result.errors,
    });
  }
  return result.output;
}

/**
 * Renders any XState v5 machine to SVG: {@link toDot}, then Graphviz (WebAssembly) locally.
 *
 * @example
 * await fs.writeFile('region.svg', await toSvg(regionMachine));
 */
export async function toSvg(machine: AnyStateMachine): Promise<string> {
  return dotToSvg(toDot(machine));
}
