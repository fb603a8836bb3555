import { describe, it, expect } from 'vitest';
import { and, not, or, stateIn } from 'xstate';
import { allStates, allTransitions, guardName, insideTest, stateDetails, toStatechartModel } from '../../src/inspect/statechart-model.js';
import { machineCatalog } from '../../src/inspect/machine-catalog.js';
import { expectedLabel, expectedStates, expectedTransitions, playerMachine, testMachines, trafficMachine } from './fixtures.js';

const everyMachine = { ...testMachines, ...Object.fromEntries(machineCatalog.map((e) => [e.name, e.machine])) };

describe('toStatechartModel', () => {
  for (const [name, machine] of Object.entries(everyMachine)) {
    it(`${name}: has every state of machine.root with its type`, () => {
      const model = toStatechartModel(machine);
      expect(allStates(model).map((s) => ({ id: s.id, key: s.key, type: s.type }))).toEqual(expectedStates(machine));
    });

    it(`${name}: has every transition with its source, targets and label`, () => {
      const got = allTransitions(toStatechartModel(machine)).map((t) => ({ source: t.source, targets: t.targets, label: t.label }));
      expect(got).toEqual(expectedTransitions(machine).map((t) => ({ source: t.source, targets: t.targets, label: expectedLabel(t) })));
    });
  }

  it('records the initial child of every compound state', () => {
    const byId = new Map(allStates(toStatechartModel(trafficMachine)).map((s) => [s.id, s]));
    expect(byId.get('traffic')?.initial).toBe('traffic.on');
    expect(byId.get('traffic.on')?.initial).toBe('traffic.on.green');
    expect(byId.get('traffic.on.red')?.initial).toBe('traffic.on.red.walk');
    expect(byId.get('traffic.on.green')?.initial).toBeUndefined();
  });

  it('records history depth and resolves the default history target against the parent', () => {
    const byId = new Map(allStates(toStatechartModel(trafficMachine)).map((s) => [s.id, s]));
    expect(byId.get('traffic.on.hist')).toMatchObject({ type: 'history', history: 'deep', historyTarget: ['traffic.on.green'] });
    const player = new Map(allStates(toStatechartModel(playerMachine)).map((s) => [s.id, s]));
    expect(player.get('player.playback.resume')).toMatchObject({ type: 'history', history: 'shallow', historyTarget: [] });
  });

  it('tells delayed and eventless transitions apart and names their delays', () => {
    const ts = allTransitions(toStatechartModel(trafficMachine));
    expect(ts.filter((t) => t.kind === 'delayed').map((t) => t.delay)).toEqual(['1000ms', 'yellowTime', '500ms']);
    expect(ts.filter((t) => t.kind === 'always')).toEqual([
      expect.objectContaining({ source: 'traffic.on.red.wait', label: 'always [stateIn(#traffic.on)]', event: '' }),
    ]);
  });

  it('keeps the actions of a targetless transition', () => {
    const reset = allTransitions(toStatechartModel(trafficMachine)).find((t) => t.event === 'RESET');
    expect(reset).toMatchObject({ targets: [], actions: ['logReset'] });
  });

  it("names the region machine's parameterized cadence guards", () => {
    const region = machineCatalog.find((e) => e.name === 'region')!.machine;
    const labels = allTransitions(toStatechartModel(region)).map((t) => t.label);
    expect(labels).toContain('CADENCE.SET [hintIs(faster)]');
    expect(labels).toContain('after tickBudget');
  });
});

describe('guardName', () => {
  it('spells out named, parameterized, higher-order and inline guards', () => {
    expect(guardName('isReady')).toBe('isReady');
    expect(guardName({ type: 'hintIs', params: { hint: 'faster' } })).toBe('hintIs(faster)');
    expect(guardName({ type: 'between', params: { lo: 1, hi: 5 } })).toBe('between(lo=1, hi=5)');
    expect(guardName({ type: 'dyn', params: () => ({}) })).toBe('dyn(…)');
    expect(guardName(and(['a', or(['b', not('c')])]))).toBe('and(a, or(b, not(c)))');
    expect(guardName(stateIn('#m.on'))).toBe('stateIn(#m.on)');
    expect(guardName(function isAdult() { return true; })).toBe('isAdult');
    expect(guardName(() => true)).toBe('inline');
  });
});

describe('insideTest', () => {
  it('answers "is this state inside that one" from the tree, custom ids included, never a state inside itself', () => {
    const inside = insideTest(toStatechartModel(trafficMachine));
    expect(inside('ped.crossing.custom', 'traffic.on')).toBe(true); // a custom id that does not follow the path
    expect(inside('traffic.on.red.walk', 'traffic')).toBe(true);
    expect(inside('traffic.on', 'traffic.on')).toBe(false);
    expect(inside('traffic.on', 'traffic.on.red')).toBe(false);
    expect(inside('traffic.off', 'traffic.on')).toBe(false);
  });
});

describe('stateDetails', () => {
  it('lists the targetless transitions, then the description', () => {
    const region = machineCatalog.find((e) => e.name === 'region')!.machine;
    const sleeping = allStates(toStatechartModel(region)).find((s) => s.id === 'region.status.sleeping')!;
    expect(stateDetails(sleeping)).toEqual([...sleeping.transitions.filter((t) => t.targets.length === 0).map((t) => `${t.label} / ${t.actions.join(', ')}`), sleeping.description]);
    expect(stateDetails(sleeping).length).toBeGreaterThan(1);
  });
});
