// XState's own JSON of a machine definition (`machine.toJSON()`), as text you can paste into Stately's visualizer.
import type { AnyStateMachine } from 'xstate';

/**
 * The machine's definition as XState serializes it (`machine.toJSON()`), pretty-printed. Functions (inline guards,
 * actions, delays) are dropped by JSON, as in XState's own output.
 *
 * @example
 * fs.writeFileSync('governor.json', toJson(governorMachine));
 */
export function toJson(machine: AnyStateMachine, indent = 2): string {
  return `${JSON.stringify(machine.toJSON(), null, indent)}\n`;
}
