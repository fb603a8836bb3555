// The inspector's HTTP and WebSocket server, on 127.0.0.1 only: the page's files from this package (no CDN), each
// machine's statechart as SVG (Graphviz in WebAssembly, rendered here), and the session's stream on /ws.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extname, join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { machineCatalog } from '../inspect/machine-catalog.js';
import { toSvg } from '../inspect/to-svg.js';
import { describeError } from '../runtime/describe.js';
import { ContinuumError } from '../runtime/errors.js';
import type { ClientMessage, InspectorSession, ServerMessage } from './protocol.js';

/** The only interface the inspector listens on. */
export const INSPECTOR_HOST = '127.0.0.1';
/** The default port of `continuum inspect`. */
export const DEFAULT_INSPECTOR_PORT = 4747;
/** A page whose socket holds more unsent bytes than this skips batches until it catches up. */
export const MAX_BUFFERED_BYTES = 8 << 20;

export class InspectorServerError extends ContinuumError<'port-in-use' | 'listen-failed'> {}

export interface InspectorServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The page's folder: beside this file in src/, or src/inspector/page/ from a built dist/. */
function pageDir(): string {
  for (const rel of ['./page/', '../../src/inspector/page/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  throw new Error('the inspector page (src/inspector/page/) is missing from this install');
}

/**
 * Serves `session` on `127.0.0.1:port` (`port` 0 picks a free one).
 *
 * @throws InspectorServerError `port-in-use` (pick another `--port`) or `listen-failed`.
 * @example
 * const server = await startInspectorServer(startLiveSession(scenario), { port: 4747 });
 * console.log(`open ${server.url}`);
 */
export async function startInspectorServer(session: InspectorSession, options: { port?: number } = {}): Promise<InspectorServer> {
  const dir = pageDir();
  const files = new Map(readdirSync(dir).filter((f) => TYPES[extname(f)]).map((f) => [`/${f}`, { body: readFileSync(join(dir, f)), type: TYPES[extname(f)]! }]));
  const charts = new Map<string, Promise<string>>();
  let port = options.port ?? DEFAULT_INSPECTOR_PORT;
  const allowedHost = (host: string | undefined): boolean => host === `${INSPECTOR_HOST}:${port}` || host === `localhost:${port}`;

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const send = (status: number, type: string, body: string | Buffer): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (!allowedHost(req.headers.host)) return send(403, 'text/plain', 'the inspector answers only on 127.0.0.1');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    if (file) return send(200, file.type, file.body);
    const chart = /^\/chart\/([a-z-]+)\.svg$/.exec(path);
    const entry = chart ? machineCatalog.find((e) => e.machine.id === chart[1]) : undefined;
    if (entry) {
      let svg = charts.get(entry.machine.id);
      if (!svg) charts.set(entry.machine.id, (svg = toSvg(entry.machine)));
      svg.then((text) => send(200, 'image/svg+xml', text), (error) => send(500, 'text/plain', describeError(error)));
      return;
    }
    send(404, 'text/plain', 'not found');
  };

  const http = createServer(serve);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  http.on('upgrade', (req, socket, head) => {
    const origin = req.headers.origin;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/ws' || !allowedHost(req.headers.host) || (origin !== undefined && origin !== `http://${INSPECTOR_HOST}:${port}` && origin !== `http://localhost:${port}`)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });
  const attach = (ws: WebSocket): void => {
    const send = (m: ServerMessage): void => {
      if (ws.readyState !== ws.OPEN) return;
      if (m.kind === 'batch' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return; // a slow page skips batches, the run goes on
      ws.send(JSON.stringify(m));
    };
    send(session.hello());
    const client = session.connect(send);
    ws.on('message', (data) => {
      let message: ClientMessage;
      try {
        message = JSON.parse(String(data)) as ClientMessage;
      } catch (error) {
        return send({ kind: 'ack', cmd: '?', ok: false, message: `not JSON: ${describeError(error)}` });
      }
      if (typeof message !== 'object' || message === null || typeof (message as { cmd?: unknown }).cmd !== 'string') {
        return send({ kind: 'ack', cmd: '?', ok: false, message: 'a message must be an object with a string "cmd"' });
      }
      void (async () => client.receive(message))().catch((error: unknown) => send({ kind: 'ack', cmd: message.cmd, ok: false, message: describeError(error) }));
    });
    ws.on('close', () => client.close());
    ws.on('error', () => client.close());
  };

  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE'
        ? new InspectorServerError('port-in-use', `port ${port} on ${INSPECTOR_HOST} is in use; pass another --port (or 0 for any free one)`, { port })
        : new InspectorServerError('listen-failed', `cannot listen on ${INSPECTOR_HOST}:${port}: ${describeError(error)}`, { port }));
    });
    http.listen(port, INSPECTOR_HOST, () => resolve());
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${INSPECTOR_HOST}:${port}/`,
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await session.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
