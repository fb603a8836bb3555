// `continuum inspect` and `continuum simulate --record` from the command line: exit codes for bad input, the
// server it starts (page, statechart SVG, socket, loopback-only Host), a replay of a damaged recording, and the
// recording a simulation writes with the report's links into it.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { runInspectCommand, type InspectIo } from '../../src/cli/inspect-command.js';
import { runSimulateCommand } from '../../src/cli/simulate-command.js';
import { runCli } from '../../src/cli/program.js';
import type { InspectorServer } from '../../src/inspector/inspector-server.js';
import { shortScenario } from '../inspector/fixtures.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'continuum-inspect-cli-'));
const capture = (until?: (server: InspectorServer) => Promise<void>): InspectIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), ...(until ? { until } : {}) };
};
const get = (url: string, host?: string): Promise<{ status: number; type: string; body: string }> => new Promise((resolve, reject) => {
  const u = new URL(url);
  const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers: host ? { host } : {} }, (res) => {
    let body = '';
    res.on('data', (c) => (body += String(c)));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
  });
  req.on('error', reject);
  req.end();
});
const scenarioFile = (): string => {
  const file = join(tmp(), 'short.json');
  writeFileSync(file, JSON.stringify(shortScenario()));
  return file;
};

describe('continuum inspect: bad input exits 2 and serves nothing', () => {
  it.each([
    [{ port: 'abc' }, '--port'],
    [{ port: '70000' }, '--port'],
    [{ speed: '0' }, '--speed'],
    [{ speed: 'fast' }, '--speed'],
    [{ replay: join(tmpdir(), 'no-such-recording.jsonl') }, 'cannot read the recording'],
    [{ replay: 'x.jsonl', step: true }, 'not to --replay'],
  ])('%j', async (options, message) => {
    const io = capture(() => Promise.reject(new Error('must not serve')));
    expect(await runInspectCommand(undefined, options, io)).toBe(2);
    expect(io.err.join('\n')).toContain(message);
  });

  it('a scenario with --replay, a bad scenario, a port in use', async () => {
    const io = capture();
    expect(await runInspectCommand('a.json', { replay: 'b.jsonl' }, io)).toBe(2);
    const bad = join(tmp(), 'bad.json');
    writeFileSync(bad, '{"name":"x"}');
    expect(await runInspectCommand(bad, {}, io)).toBe(2);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    const io2 = capture();
    expect(await runInspectCommand(scenarioFile(), { port: String(port), step: true }, io2)).toBe(2);
    expect(io2.err.join('\n')).toContain('in use');
    blocker.close();
  });

  it('is registered: continuum inspect --help exits 0', async () => {
    const out: string[] = [];
    expect(await runCli(['inspect', '--help'], { out: (t) => void out.push(t), err: () => undefined })).toBe(0);
    expect(out.join('')).toContain('--replay <file>');
  });
});

describe('continuum inspect: the server', () => {
  it('prints its URL as JSON, serves the page, the statecharts and the socket, on 127.0.0.1 only', async () => {
    let checked = false;
    const io = capture(async (server) => {
      const page = await get(server.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<script type="module" src="/app.js">');
      expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
      expect((await get(`${server.url}app.js`)).type).toContain('text/javascript');
      const svg = await get(`${server.url}chart/governor.svg`);
      expect(svg.type).toBe('image/svg+xml');
      expect(svg.body).toContain('governor.cascade.step0');
      expect((await get(`${server.url}chart/nope.svg`)).status).toBe(404);
      expect((await get(server.url, 'evil.example:80')).status).toBe(403); // DNS rebinding: a foreign Host is refused
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
      const hello = await new Promise<{ kind: string; mode: string; scenario: string }>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
      expect(hello).toMatchObject({ kind: 'hello', mode: 'live', scenario: 'inspector-short' });
      const acks: Array<{ kind: string; ok: boolean }> = [];
      const three = new Promise<void>((resolve) => ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as { kind: string; ok: boolean };
        if (m.kind === 'ack') acks.push(m);
        if (acks.length === 3) resolve();
      }));
      for (const junk of ['null', '[1]', '{"cmd":42}']) ws.send(junk);
      await three; // junk is answered, and the server goes on
      expect(acks.every((a) => !a.ok)).toBe(true);
      ws.close();
      checked = true;
    });
    expect(await runInspectCommand(scenarioFile(), { port: '0', step: true, json: true }, io)).toBe(0);
    expect(checked).toBe(true);
    const line = JSON.parse(io.out[0]!) as { url: string; port: number; mode: string };
    expect(line.url).toBe(`http://127.0.0.1:${line.port}/`);
    expect(line.mode).toBe('live');
  });
});

describe('continuum simulate --record, then inspect --replay', () => {
  it('writes a recording, links the report into it, and replays a cut-off copy up to the cut, saying so', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const rec = join(dir, 'run.inspect.jsonl');
    const sim: string[] = [];
    const code = await runSimulateCommand(scenarioFile(), { out, record: rec }, { stdout: (t) => void sim.push(t), stderr: () => undefined, progress: false });
    expect(code).toBe(0);
    expect(existsSync(rec)).toBe(true);
    expect(sim.join('\n')).toContain(rec);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('<section id="replay">');
    expect(report).toContain(`continuum inspect --replay ${rec}`);
    expect(report).toMatch(/<a class="replay-link r-pressure" href="http:\/\/127\.0\.0\.1:4747\/#t=20000">/);
    expect(report).toMatch(/<a href="http:\/\/127\.0\.0\.1:4747\/#t=\d+"><line class="marker m-crash"/);

    const lines = readFileSync(rec, 'utf8').split('\n');
    const cut = join(dir, 'cut.inspect.jsonl');
    writeFileSync(cut, lines.slice(0, 500).join('\n') + '\n{"k":"event","t":');
    let frames = -1;
    const io = capture(async (server) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
      const hello = await new Promise<{ replay: { frames: number; problem: { kind: string; line: number } } }>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
      frames = hello.replay.frames;
      expect(hello.replay.problem).toMatchObject({ kind: 'truncated', line: 501 });
      ws.close();
    });
    expect(await runInspectCommand(undefined, { replay: cut, port: '0' }, io)).toBe(0);
    expect(frames).toBe(499);
    expect(io.err.join('\n')).toContain('line 501');

    expect(await runSimulateCommand(scenarioFile(), { out: join(dir, 'o2'), record: rec, realtime: true }, { stdout: () => undefined, stderr: () => undefined, progress: false })).toBe(2);
  });
});
