// Links from a simulation's HTML report into a replay of its recording: each marker (crash, restart, give-up,
// pressure change, phase change) opens `continuum inspect --replay` at that instant (`#t=<ms>` on the page's URL).
import type { TraceRecord } from '../sim/trace.js';
import { DEFAULT_INSPECTOR_PORT, INSPECTOR_HOST } from './inspector-server.js';

/** Where the report's replay links point: the recording, and the inspector's URL (default port). */
export interface ReportReplay {
  /** The recording's path as the report names it. */
  recording: string;
  /** @default http://127.0.0.1:4747/ */
  url?: string;
}

/** The URL that opens the replay at simulated time `t`. */
export function replayHref(replay: ReportReplay, t: number): string {
  return `${replay.url ?? `http://${INSPECTOR_HOST}:${DEFAULT_INSPECTOR_PORT}/`}#t=${Math.round(t)}`;
}

/** One instant worth jumping to. */
export interface ReplayMoment { t: number; kind: 'crash' | 'restart' | 'give-up' | 'pressure' | 'phase'; label: string }

/** The report's markers as replay moments, in time order. */
export function replayMoments(trace: readonly TraceRecord[]): ReplayMoment[] {
  const out: ReplayMoment[] = [];
  for (const r of trace) {
    if (r.type === 'restart-scheduled') out.push({ t: r.t, kind: 'crash', label: `${r.key} crashed (${r.error})` });
    else if (r.type === 'restarted') out.push({ t: r.t, kind: 'restart', label: `${r.key} restarted` });
    else if (r.type === 'region-failed') out.push({ t: r.t, kind: 'give-up', label: `${r.key} given up on after ${r.restartsInWindow} failures` });
    else if (r.type === 'policy') out.push({ t: r.t, kind: 'pressure', label: `pressure ${r.level} (step ${r.step}, ${r.cause})` });
    else if (r.type === 'phase') out.push({ t: r.t, kind: 'phase', label: `phase ${r.phase}` });
  }
  return out;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Most moments listed (a crash loop can have thousands); the rest are counted. */
export const MAX_MOMENTS = 200;

/** The report's "Replay" section: how to open the recording, then each moment as a link. */
export function replaySectionHtml(trace: readonly TraceRecord[], replay: ReportReplay, formatMs: (ms: number) => string): string {
  const moments = replayMoments(trace);
  const shown = moments.slice(0, MAX_MOMENTS);
  const items = shown.map((m) => `<li><a class="replay-link r-${m.kind}" href="${esc(replayHref(replay, m.t))}">${formatMs(m.t)}</a> ${esc(m.label)}</li>`).join('');
  const more = moments.length > shown.length ? `<p>… and ${moments.length - shown.length} more (scrub to them in the replay).</p>` : '';
  return `<section id="replay"><h2>Replay</h2><p>This run was recorded to <code>${esc(replay.recording)}</code>. Run <code>continuum inspect --replay ${esc(replay.recording)}</code>, then follow a link (or a marker in the charts) to open the replay at that instant.</p><ul>${items}</ul>${more}</section>`;
}
