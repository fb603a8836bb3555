// Links from a simulation's HTML report into a replay of its recording: each marker (crash, restart, give-up,
// pressure change, phase change) opens `continuum inspect --replay` at that instant (`#t=<ms>` on the page's URL).
// The report knows nothing of the inspector but its URL, which the caller gives (the CLI: the inspector's default).
import type { ReportData } from './report-series.js';

/** Where the report's replay links point: the recording, and the inspector's URL (default port). */
export interface ReportReplay {
  /** The recording's path as the report names it. */
  recording: string;
  /** The inspector page's URL, e.g. `http://127.0.0.1:4747/` (the inspector's `defaultInspectorUrl()`). */
  url: string;
}

/** The URL that opens the replay at simulated time `t`. */
export function replayHref(replay: ReportReplay, t: number): string {
  return `${replay.url}#t=${Math.round(t)}`;
}

/** One instant worth jumping to. */
export interface ReplayMoment { t: number; kind: 'crash' | 'restart' | 'give-up' | 'pressure' | 'phase'; label: string }

const MARKER_KINDS: Readonly<Record<string, ReplayMoment['kind']>> = { 'm-crash': 'crash', 'm-restart': 'restart', 'm-failed': 'give-up' };

/**
 * The report's markers and band edges as replay moments, in time order: every crash, restart and give-up drawn on a
 * region's charts, and each pressure-level or sleep-phase change (a band's start, and its end when the run goes on).
 */
export function replayMoments(charts: Pick<ReportData, 'regions' | 'bands'>): ReplayMoment[] {
  const out: ReplayMoment[] = [];
  for (const region of charts.regions.values()) {
    for (const m of region.markers) out.push({ t: m.t, kind: MARKER_KINDS[m.cls] ?? 'crash', label: m.label });
  }
  const starts = new Set(charts.bands.map((b) => b.from));
  let last = 0;
  for (const b of charts.bands) last = Math.max(last, b.to);
  for (const b of charts.bands) {
    const kind = b.cls.startsWith('lvl-') ? 'pressure' : 'phase';
    out.push({ t: b.from, kind, label: b.label });
    if (!starts.has(b.to) && b.to < last) out.push({ t: b.to, kind, label: kind === 'pressure' ? 'pressure nominal' : 'phase active' });
  }
  return out.sort((x, y) => x.t - y.t || x.label.localeCompare(y.label));
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Most moments listed (a crash loop can have thousands); the rest are counted. */
export const MAX_MOMENTS = 200;

/** The report's "Replay" section: how to open the recording, then each moment as a link. */
export function replaySectionHtml(charts: Pick<ReportData, 'regions' | 'bands'>, replay: ReportReplay, formatMs: (ms: number) => string): string {
  const moments = replayMoments(charts);
  const shown = moments.slice(0, MAX_MOMENTS);
  const items = shown.map((m) => `<li><a class="replay-link r-${m.kind}" href="${esc(replayHref(replay, m.t))}">${formatMs(m.t)}</a> ${esc(m.label)}</li>`).join('');
  const more = moments.length > shown.length ? `<p>… and ${moments.length - shown.length} more (scrub to them in the replay).</p>` : '';
  return `<section id="replay"><h2>Replay</h2><p>This run was recorded to <code>${esc(replay.recording)}</code>. Run <code>continuum inspect --replay ${esc(replay.recording)}</code>, then follow a link (or a marker in the charts) to open the replay at that instant.</p><ul>${items}</ul>${more}</section>`;
}
