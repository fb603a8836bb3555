// A live inspector session: runs a scenario on the paced driver with the hub attached, sends each page a throttled
// batch every BATCH_MS (latest states, newest events, its selected region), and carries out the page's controls.
import { runScenario, type SimulationResult } from '../sim/run-scenario.js';
import type { Scenario } from '../sim/scenario-types.js';
import type { Substrate } from '../create-substrate.js';
import type { InspectionEvent } from 'xstate';
import type { PressureSignal, SleepPhase } from '../runtime/signals.js';
import { describeError } from '../runtime/describe.js';
import { InspectionHub } from './inspection-hub.js';
import { hubAttachment } from './attach-hub.js';
import { PacedDriver } from './paced-driver.js';
import type { ClientMessage, HelloMessage, InspectorSession, RegionPanel, ServerMessage } from './protocol.js';

/** Wall ms between two batches to a page. */
export const BATCH_MS = 100;

export interface LiveOptions {
  seed?: number;
  /** Real time × speed. @default 1 */
  speed?: number;
  /** Start paused; the page's step plays one due instant. @default false */
  step?: boolean;
  /** Also receives every inspection event (e.g. the Stately adapter). */
  inspect?: (event: InspectionEvent) => void;
}

type HandleFn = (personaId: string, channelId: string, message: { text: string }) => unknown;
/** `handle()` answers only when the run's substrate has cognition (its scenario lists the cognition regions). */
const handleOf = (s: Substrate | undefined): HandleFn | undefined =>
  s?.cognition !== undefined ? (s.handle.bind(s) as HandleFn) : undefined;

/** The channel ids of the scenario's conversation loads, each once, in timeline order. */
export function conversationChannels(scenario: Scenario): string[] {
  const ids = new Set<string>();
  for (const e of scenario.timeline ?? []) {
    if (e.type === 'load' && 'channels' in e && Array.isArray(e.channels)) for (const c of e.channels) ids.add(c.id);
  }
  return [...ids];
}

export interface LiveSession extends InspectorSession {
  readonly hub: InspectionHub;
  readonly driver: PacedDriver;
  /** Settles when the run ends (the page stays served). */
  readonly done: Promise<SimulationResult>;
  substrate(): Substrate | undefined;
}

/**
 * Starts running `scenario` for the inspector.
 *
 * @example
 * const session = startLiveSession(scenario, { speed: 10 });
 * const server = await startInspectorServer(session, { port: 4747 });
 */
export function startLiveSession(scenario: Scenario, options: LiveOptions = {}): LiveSession {
  const hub = new InspectionHub();
  hub.live = true;
  const driver = new PacedDriver({ speed: options.speed ?? 1, paused: options.step ?? false });
  let substrate: Substrate | undefined;
  let finished = false;
  let failure: string | undefined;
  const extra = options.inspect;
  const attach = hubAttachment(hub, { drive: driver.drive, started: (s) => void (substrate = s) });
  const inspect = extra ? (e: InspectionEvent) => (attach.inspect!(e), extra(e)) : attach.inspect!;
  const done = runScenario(scenario, { ...(options.seed !== undefined ? { seed: options.seed } : {}), attach: { ...attach, inspect } });
  const clients = new Set<{ send: (m: ServerMessage) => void; selected: string | null }>();
  void done.then(() => (finished = true), (error: unknown) => {
    finished = true;
    failure = describeError(error);
  });

  const regionPanel = (key: string): RegionPanel => {
    const panel: RegionPanel = { key };
    const series = hub.series.columns(key);
    if (series) panel.series = series;
    if (substrate && !finished) {
      const status = substrate.regions().find((r) => r.key === key);
      if (status) {
        panel.status = status;
        try {
          panel.buffer = substrate.buffer(status.regionId, status.personaId).stats();
        } catch {
          // the instance went away between the two calls
        }
      }
    }
    return panel;
  };
  const channels = conversationChannels(scenario);
  const controls = ['pause', 'resume', 'step', 'speed', 'pressure', 'sleep', 'persona-create', 'persona-destroy'];
  const withHandle = [...controls, 'handle'];
  const controlsNow = (): string[] => (handleOf(substrate) && !finished ? withHandle : controls);
  const timer = setInterval(() => {
    if (clients.size === 0) return void hub.takeBatch();
    const batch = hub.takeBatch();
    let policy;
    try {
      policy = substrate && !finished ? substrate.policy() : undefined;
    } catch {
      policy = undefined;
    }
    const offered = controlsNow();
    for (const c of clients) {
      c.send({ kind: 'batch', ...batch, driver: driver.state(), controls: offered, ...(policy ? { policy } : {}), ...(c.selected ? { region: regionPanel(c.selected) } : {}), finished, ...(failure ? { failure } : {}) });
    }
  }, BATCH_MS);

  const act = async (m: ClientMessage): Promise<unknown> => {
    if (m.cmd === 'pause') return driver.pause();
    if (m.cmd === 'resume') return driver.resume();
    if (m.cmd === 'step') return driver.step();
    if (m.cmd === 'speed') return driver.setSpeed(Number(m.value));
    if (!substrate || finished) throw new Error('the run has finished; restart continuum inspect to run it again');
    switch (m.cmd) {
      case 'pressure': return substrate.pressure(m.signal as PressureSignal);
      case 'sleep': return substrate.sleep(m.phase as SleepPhase);
      case 'persona-create': return substrate.spawnPersona(m.id);
      case 'persona-destroy': return substrate.destroyPersona(m.id);
      case 'handle': {
        const handle = handleOf(substrate);
        if (!handle) throw new Error('this run has no cognition, so no handle(): list the cognition regions (hippocampus, motor-cortex, attention, sleep-policy) in the scenario');
        return await handle(m.persona, m.channel, { text: m.text });
      }
      default: throw new Error(`unknown command ${JSON.stringify((m as { cmd?: unknown }).cmd)}`);
    }
  };

  return {
    hub, driver, done,
    substrate: () => substrate,
    hello: (): HelloMessage => ({
      kind: 'hello', mode: 'live', scenario: scenario.name, durationMs: scenario.durationMs, regions: scenario.regions.map((r) => r.id),
      controls: controlsNow(),
      actors: [...hub.model.rows.values()], events: hub.recent.slice(-200), channels,
    }),
    connect(send) {
      const client = { send, selected: null as string | null };
      clients.add(client);
      return {
        async receive(m) {
          if (m.cmd === 'select') {
            client.selected = typeof m.key === 'string' ? m.key : null;
            return;
          }
          try {
            const result = await act(m);
            send({ kind: 'ack', cmd: m.cmd, ok: true, ...(result !== undefined ? { result } : {}) });
          } catch (error) {
            send({ kind: 'ack', cmd: m.cmd, ok: false, message: describeError(error) });
          }
        },
        close: () => void clients.delete(client),
      };
    },
    async close() {
      clearInterval(timer);
      clients.clear();
      if (!finished) {
        driver.stop();
        await done.catch(() => undefined);
      }
    },
  };
}
