// Loading a scenario file: read it, parse the JSON, validate it — or throw a ScenarioError listing every problem.
import { readFileSync, statSync } from 'node:fs';
import type { Scenario } from './scenario-types.js';
import { ScenarioError, validateScenario } from './validate-scenario.js';
import { describeError } from '../runtime/describe.js';
import { SIZE_LIMITS } from './scenario-limits.js';

/**
 * Parses and validates scenario text. `source` names it in error messages.
 *
 * @throws ScenarioError `malformed-json` (one problem at `$`, with the parser's position) or `invalid-scenario`
 * @example
 * parseScenario('{"name":"x","durationMs":1000,"regions":[{"id":"heartbeat"}]}');
 */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  if (text.length > SIZE_LIMITS.fileBytes) {
    throw new ScenarioError('unreadable', [{ path: '$', message: `the scenario is ${text.length} characters; at most ${SIZE_LIMITS.fileBytes} (32 MiB)` }], source);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); // a UTF-8 BOM is not an error
  } catch (error) {
    throw new ScenarioError('malformed-json', [{ path: '$', message: `not valid JSON: ${describeError(error)}` }], source);
  }
  return validateScenario(value, source);
}

/**
 * Reads, parses and validates a scenario file.
 *
 * @throws ScenarioError `unreadable` (also for a file over `SIZE_LIMITS.fileBytes`), `malformed-json` or `invalid-scenario`
 */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > SIZE_LIMITS.fileBytes) {
      throw new ScenarioError('unreadable', [{ path: '$', message: `${file} is ${size} bytes; a scenario file may have at most ${SIZE_LIMITS.fileBytes} (32 MiB)` }], file);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError('unreadable', [{ path: '$', message: `cannot read ${file}${code ? ` (${code})` : ''}; check the path` }], file);
  }
  return parseScenario(text, file);
}
