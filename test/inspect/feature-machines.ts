// Users' machines for the Mermaid tests, one per statechart feature (nested, parallel, history, delayed, guarded,
// final, eventless, self transitions, descriptions, invokes) and one whose keys, ids, events and guards use every
// character Mermaid treats specially. None is ours on purpose: the exporter must accept any XState v5 machine.
import { and, createMachine, fromPromise, not, or, setup, stateIn, type AnyStateMachine } from 'xstate';

/** Three levels of compound states, transitions defined on composites, into a grandchild and out to the root. */
const nested = createMachine({
  id: 'nested',
  initial: 'outer',
  description: 'the root has a description too',
  on: { RESET: '.outer', 'LOG.*': { actions: 'log' } },
  states: {
    outer: {
      initial: 'middle',
      description: 'outer is composite: its description must not be a Mermaid description line',
      on: { SKIP: '.middle.inner.leaf2', OUT: '#nested.elsewhere', NOTE: { actions: ['note', 'count'] } },
      states: {
        middle: {
          initial: 'inner',
          states: {
            inner: {
              initial: 'leaf1',
              on: { UP: '#nested.outer' },
              states: {
                leaf1: { on: { NEXT: 'leaf2' }, description: 'a leaf may keep its description' },
                leaf2: { on: { BACK: 'leaf1', PING: { actions: 'pong' } } },
              },
            },
          },
        },
      },
    },
    elsewhere: { on: { BACK: 'outer.middle' } },
  },
});

/** A parallel root whose regions are themselves parallel, a transition targeting several regions at once. */
const parallel = createMachine({
  id: 'parallel',
  type: 'parallel',
  description: 'parallel root',
  on: { ALL: { target: ['.left.a2', '.right.inner.x.x2', '.right.inner.y.y1'] }, TICK: { actions: 'tick' } },
  states: {
    left: { initial: 'a1', states: { a1: { on: { GO: 'a2' } }, a2: {} } },
    right: {
      initial: 'inner',
      states: {
        inner: {
          type: 'parallel',
          description: 'a nested parallel state',
          on: { SYNC: { actions: 'sync' } },
          states: {
            x: { initial: 'x1', states: { x1: { on: { GO: 'x2' } }, x2: { on: { GO: '#parallel.left.a1' } } } },
            y: { initial: 'y1', states: { y1: {}, y2: { type: 'final' } } },
          },
        },
      },
    },
  },
});

/** Shallow and deep history, with and without a default target, in a compound and in a parallel state. */
const history = createMachine({
  id: 'history',
  initial: 'running',
  states: {
    running: {
      initial: 'first',
      on: { PAUSE: 'paused' },
      states: {
        first: { on: { NEXT: 'second' } },
        second: { initial: 'deep1', states: { deep1: { on: { NEXT: 'deep2' } }, deep2: {} } },
        shallowH: { type: 'history' },
        deepH: { type: 'history', history: 'deep', target: 'second.deep2' },
      },
    },
    paused: { on: { RESUME: 'running.shallowH', RESUME_DEEP: 'running.deepH', SPLIT: 'split.hist' } },
    split: {
      type: 'parallel',
      states: {
        a: { initial: 'a1', states: { a1: {} } },
        b: { initial: 'b1', states: { b1: {} } },
        hist: { type: 'history', history: 'deep' },
      },
    },
  },
});

/** Delays as numbers, numeric strings, named delays and a delay function, some guarded. */
const delayed = setup({
  delays: { short: 10, computed: () => 250 },
  guards: { ready: () => true },
  actions: { bump: () => {} },
}).createMachine({
  id: 'delayed',
  initial: 'a',
  states: {
    a: { after: { 100: 'b', short: { target: 'c', guard: 'ready' } } },
    b: { after: { '2000': [{ target: 'c', guard: 'ready' }, { target: 'a' }] } },
    c: { initial: 'c1', after: { computed: 'a' }, states: { c1: { after: { 5: { actions: 'bump' } } } } },
  },
});

/** Named guards, guards with params, and/or/not/stateIn, an inline guard, several guarded branches of one event. */
const guarded = setup({
  types: { events: {} as { type: 'GO' } | { type: 'CHECK'; n: number } },
  guards: {
    isBig: () => true,
    hasTag: (_, params: { tag: string }) => params.tag.length > 0,
    within: (_, params: { min: number; max: number }) => params.min < params.max,
  },
  actions: { record: () => {} },
}).createMachine({
  id: 'guarded',
  initial: 'idle',
  states: {
    idle: {
      on: {
        GO: [
          { target: 'big', guard: 'isBig' },
          { target: 'tagged', guard: { type: 'hasTag', params: { tag: 'a: b; "c" #d {e} <f>' } } },
          { target: 'ranged', guard: { type: 'within', params: { min: 1, max: 9 } } },
          { target: 'combined', guard: or([and(['isBig', not('isBig')]), stateIn('#guarded.big')]) },
          { target: 'inline', guard: function isOdd() { return true; } },
          { target: 'inline', guard: () => false },
        ],
        CHECK: { guard: 'isBig', actions: 'record' },
      },
    },
    big: {}, tagged: {}, ranged: {}, combined: {}, inline: {},
  },
});

/** Final states at every depth, onDone from compound and parallel states, a final root child. */
const finals = createMachine({
  id: 'finals',
  initial: 'work',
  states: {
    work: {
      type: 'parallel',
      onDone: 'finished',
      states: {
        a: { initial: 'a1', states: { a1: { on: { DONE: 'a2' } }, a2: { type: 'final', description: 'a final leaf with a description' } } },
        b: { initial: 'b1', onDone: '#finals.work.a.a2', states: { b1: { always: 'b2' }, b2: { type: 'final' } } },
      },
    },
    finished: { type: 'final' },
  },
});

/** Eventless transitions: unguarded, guarded, several in order, targetless with actions, on a composite. */
const eventless = setup({ guards: { ok: () => true }, actions: { sideEffect: () => {} } }).createMachine({
  id: 'eventless',
  initial: 'check',
  states: {
    check: { always: [{ target: 'yes', guard: 'ok' }, { target: 'no' }] },
    yes: { always: { actions: 'sideEffect', guard: 'ok' } },
    no: { initial: 'n1', always: { target: 'check', guard: not('ok') }, states: { n1: { always: '#eventless.yes' } } },
  },
});

/** Self transitions: external (re-entering) and internal on a leaf, on a composite and on the root. */
const selfLoops = createMachine({
  id: 'self',
  initial: 'loop',
  on: { ROOT_AGAIN: { target: '#self', reenter: true }, ROOT_STAY: { actions: 'stay' } },
  states: {
    loop: { on: { AGAIN: 'loop', REENTER: { target: 'loop', reenter: true }, STAY: { actions: 'stay' } } },
    box: {
      initial: 'inside',
      on: { AGAIN: { target: 'box', reenter: true }, STAY: { actions: 'stay' }, DOWN: '.inside' },
      states: { inside: { on: { AGAIN: 'inside', UP: '#self.box' } } },
    },
  },
});

/** Entry/exit actions and invoked actors with onDone/onError (their `xstate.done.actor.*` events become edges). */
const invoking = setup({
  actors: { fetcher: fromPromise(async () => 1), watcher: fromPromise(async () => 2) },
  actions: { startSpinner: () => {}, stopSpinner: () => {}, log: () => {} },
}).createMachine({
  id: 'invoking',
  initial: 'loading',
  states: {
    loading: {
      entry: ['startSpinner'],
      exit: 'stopSpinner',
      invoke: { id: 'fetch', src: 'fetcher', onDone: 'ready', onError: 'failed' },
    },
    ready: {
      initial: 'watching',
      invoke: { src: 'watcher', onDone: { actions: 'log' } },
      states: { watching: { invoke: { id: 'inner watcher', src: 'watcher', onError: '#invoking.failed' } } },
    },
    failed: { type: 'final' },
  },
});

/** A root with no child states (a single leaf), with a description and both kinds of self transition. */
const single = createMachine({
  id: 'single',
  description: 'just one state',
  on: { PING: { actions: 'pong' }, AGAIN: { target: '#single', reenter: true } },
});

/**
 * Keys, ids, events, descriptions and guard params with every character that means something to Mermaid: `:` `;`
 * `#` quotes, braces, brackets, `<br/>`, `-->`, `--`, `[*]`, `%%`, keywords (`state`, `end`, `note`, `direction`),
 * leading digits, spaces, unicode, and two keys that map to the same Mermaid id.
 */
const oddIds = setup({
  guards: { 'guard with: colon; semi': () => true },
  actions: { 'act: one; two': () => {} },
}).createMachine({
  id: 'odd machine: "ids"',
  initial: 'state',
  states: {
    state: {
      on: {
        'a:b;c': 'end',
        'x"y': 'note',
        '<b>bold</b>': '1st state',
        '--> [*]': { target: '%% comment', guard: 'guard with: colon; semi' },
        'ev with spaces': { actions: 'act: one; two' },
      },
    },
    end: { description: 'ends with a colon:', on: { '#hash': 'a b' } },
    note: { description: 'line one\nline two; "quoted" {braced} <br/> --> [*] %% not a comment' },
    '1st state': { on: { 'class': 'direction' } },
    '%% comment': {},
    'a b': { initial: 'a-b', states: { 'a-b': { on: { 'emoji 🚦': '#custom:id;with#odd"chars' } }, 'ä ö ü': {} } },
    a_b: { id: 'custom:id;with#odd"chars', description: 'collides with "a b" once both become a_b', on: { GO: '--' } },
    '--': { type: 'final' },
    direction: { initial: '[*]', states: { '[*]': { on: { 'state': '{braces}' } }, '{braces}': {} } },
  },
});

/** Every feature machine, by name. */
export const featureMachines: Record<string, AnyStateMachine> = {
  nested,
  parallel,
  history,
  delayed,
  guarded,
  finals,
  eventless,
  self: selfLoops,
  invoking,
  single,
  'odd ids': oddIds,
};
