// The package's entry points, as a user imports them: `npm run build` compiles src/ to dist/, and every subpath in
// package.json `exports` resolves (Node's self-reference by package name) and exports what its docs promise.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; exports: Record<string, unknown> };

/** What each entry must export (a few names each: the ones the README and docs use). */
const promised: Record<string, string[]> = {
  '.': ['createSubstrate', 'defineRegion', 'createBus', 'createRuntime', 'createReadyBuffer', 'createSimulatedClock', 'governorMachine', 'cohortMachine', 'regionMachine', 'SubstrateError'],
  './sim': ['runScenario', 'loadScenario', 'validateScenario', 'renderHtmlReport', 'writeSimulationOutputs'],
  './inspect': ['toMermaid', 'toDot', 'toSvg', 'toJson', 'actorTreeToMermaid', 'machineCatalog'],
  './policy': ['reduceCascade', 'evaluateNextStep', 'nextPasses', 'regionLevel', 'recordFailure', 'updateBudget'],
  './generator': ['GeneratorModule', 'generateModule', 'generateRegion'],
  './audit': ['AuditChain', 'verifyAuditLog', 'createAuditRecorder', 'repairTruncatedTail'],
  './genome': ['createWorkingSetManager', 'genomeRegion', 'genomeSelectors', 'tierConfigsFor'],
  './inference': ['createInferenceModule', 'createSimulatedEngine', 'inferenceResponseSelectors', 'allInferenceSelectors'],
  './cognition': ['createCognition', 'CognitionError', 'createRespondModule', 'hippocampusRegion', 'motorCortexRegion', 'attentionRegion', 'sleepPolicyRegion'],
  './memory': ['createPersonaMemory', 'createInMemoryEngramStore', 'EngramGraph', 'recall', 'computeGenomeBlend', 'createHashingEmbedder'],
};

/** Names that are internals and must not leak from the main entry. */
const internal = ['updateBudgetInPlace', 'FaultSwitch', 'EXIT', 'REGION_CATALOG', 'reduceCascade', 'runScenario', 'toMermaid'];

describe('package exports (built)', () => {
  it('every subpath builds, resolves by package name, and exports what it promises; the main entry leaks no internals', () => {
    execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], { cwd: root, stdio: 'pipe' });
    expect(Object.keys(pkg.exports).filter((k) => k !== './package.json').sort()).toEqual(Object.keys(promised).sort());
    const script = `
      const promised = ${JSON.stringify(promised)};
      const out = {};
      for (const sub of Object.keys(promised)) {
        const m = await import(sub === '.' ? '${pkg.name}' : '${pkg.name}/' + sub.slice(2));
        out[sub] = Object.keys(m);
      }
      console.log(JSON.stringify(out));`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const names = JSON.parse(printed) as Record<string, string[]>;
    for (const [sub, wanted] of Object.entries(promised)) expect(names[sub], sub).toEqual(expect.arrayContaining(wanted));
    for (const name of internal) expect(names['.']).not.toContain(name);
    expect(names['.']!.length).toBeLessThan(120);
  }, 180_000);
});
