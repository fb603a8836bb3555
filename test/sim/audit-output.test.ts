import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulateCommand, EXIT, type SimulateIo } from '../../src/cli/simulate-command.js';
import { validateScenario } from '../../src/sim/validate-scenario.js';
import { runScenario } from '../../src/sim/run-scenario.js';
import { AUDIT_LOG_FILE, auditReportLine, createRunAudit } from '../../src/sim/audit-output.js';
import { verifyAuditLog } from '../../src/actors/audit/index.js';

const capture = (cwd: string): SimulateIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, progress: false, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
};

/** A short run in which the governor overrides (sleep pauses echo-prefetch) and gives up on a crash loop. */
const scenario = {
  name: 'audited',
  seed: 5,
  durationMs: 60_000,
  regions: [{ id: 'heartbeat' }, { id: 'echo-prefetch', channels: ['general'] }],
  governor: { restart: { maxRestarts: 1, withinMs: 30_000 } },
  personas: [{ id: 'alice' }, { id: 'bob' }],
  timeline: [
    { at: 10_000, type: 'fault', region: 'echo-prefetch', persona: 'bob', ticks: 1_000_000 },
    { at: 20_000, type: 'sleep', phase: 'sleep' },
    { at: 40_000, type: 'sleep', phase: 'active' },
  ],
  expect: [{ type: 'state', region: 'echo-prefetch', persona: 'bob', equals: 'failed' }],
};

const setup = (): { dir: string; file: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-sim-audit-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return { dir, file };
};

describe('the audit log of a simulated run', () => {
  it('continuum simulate writes audit.jsonl beside the trace by default, and the report says it verifies', async () => {
    const { dir, file } = setup();
    const io = capture(dir);
    expect(await runSimulateCommand(file, {}, io)).toBe(EXIT.passed);
    const path = join(dir, 'out', 'audited', AUDIT_LOG_FILE);
    const r = await verifyAuditLog(path);
    expect(r.ok).toBe(true);
    const events = r.entries.map((e) => e.payload as { event: string; data: { key: string; reason: string | null } });
    expect(events).toContainEqual({ event: 'region:failed', data: expect.objectContaining({ key: 'echo-prefetch@bob' }) });
    expect(events).toContainEqual({ event: 'governor:override', data: expect.objectContaining({ key: 'echo-prefetch@alice', reason: 'paused: sleep phase and no sleepWork' }) });
    // timestamps are simulated time: the give-up after the fault at 10 s, the pause at the sleep at 20 s
    expect(r.entries.find((e) => (e.payload as { event: string }).event === 'governor:override')!.timestampMs).toBe(20_000);
    expect(io.out.join('\n')).toContain(`audit: ${r.count} entries, chain verifies (${path})`);
    expect(io.out.join('\n')).toMatch(/wrote .*trace\.jsonl.*audit\.jsonl/);
    // and the report page says it too
    const html = readFileSync(join(dir, 'out', 'audited', 'report.html'), 'utf8');
    expect(html).toContain(`audit.jsonl: ${r.count} entries, <span class="verdict pass">chain verifies</span>`);
  });

  it('is the same, byte for byte, for the same scenario and seed', async () => {
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const audit = createRunAudit();
      await runScenario(validateScenario(scenario), { modules: [audit.recorder] });
      const dir = mkdtempSync(join(tmpdir(), 'continuum-sim-audit-'));
      writeFileSync(join(dir, AUDIT_LOG_FILE), await audit.finish());
      const output = await audit.verifyWritten(dir);
      expect(auditReportLine(output)).toMatch(/chain verifies/);
      runs.push(readFileSync(output.path, 'utf8'));
    }
    expect(runs[0]!.length).toBeGreaterThan(0);
    expect(runs[1]).toBe(runs[0]);
  });

  it('--no-audit records nothing and writes no audit.jsonl', async () => {
    const { dir, file } = setup();
    const io = capture(dir);
    expect(await runSimulateCommand(file, { audit: false }, io)).toBe(EXIT.passed);
    expect(existsSync(join(dir, 'out', 'audited', 'trace.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'audited', AUDIT_LOG_FILE))).toBe(false);
    expect(io.out.join('\n')).not.toContain('audit:');
  });
});
