// Loading a scenario file: read it, parse the JSON, validate it — or throw a ScenarioError listing every problem.
import { readFileSync } from 'node:fs';
import type { Scenario } from './scenario-types.js';
import { ScenarioError, validateScenario } from './validate-scenario.js';
import { describeError } from '../runtime/describe.js';

/**
 * Parses and validates scenario text. `source` names it in error messages.
 *
 * @throws ScenarioError `malformed-json` (one problem at `$`, with the parser's position) or `invalid-scenario`
 * @example
 * parseScenario('{"name":"x","durationMs":1000,"regions":[{"id":"heartbeat"}]}');
 */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('malformed-json', [{ path: '$', message: `not valid JSON: ${describeError(error)}` }], source);
  }
  return validateScenario(value, source);
}

/**
 * Reads, parses and validates a scenario file.
 *
 * @throws ScenarioError `unreadable`, `malformed-json` or `invalid-scenario`
 */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError('unreadable', [{ path: '$', message: `cannot read ${file}${code ? ` (${code})` : ''}; check the path` }], file);
  }
  return parseScenario(text, file);
}
