// A real-engine shape behind the seam: the HTTP streaming engine of docs/inference.md ("Plugging in a real engine"),
// run against a local fake server that streams like a llama.cpp-style `/completion` endpoint. No model is involved.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedToken, InferenceEngine, InferenceRequest } from '../../../src/actors/inference/index.js';
import { createRealClock } from '../../../src/runtime/clock.js';
import { createBus } from '../../../src/runtime/bus.js';
import { createRandom } from '../../../src/runtime/random.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { createInferenceModule } from '../../../src/actors/inference/index.js';

// ── the engine, as in docs/inference.md ──────────────────────────────────────────────────────────────────────────
function httpEngine(baseUrl: string): InferenceEngine {
  return {
    name: `http:${baseUrl}`,
    async *generate(request: InferenceRequest, signal: AbortSignal): AsyncGenerator<GeneratedToken> {
      const response = await fetch(`${baseUrl}/completion`, {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          prompt: request.promptTokens, n_predict: request.budget.maxTokens, stop: request.stopSequences, stream: true,
          return_tokens: true, temperature: request.sampling.temperature, top_p: request.sampling.topP,
          ...(request.sampling.seed !== null ? { seed: request.sampling.seed } : {}),
        }),
      });
      if (!response.ok || response.body === null) throw new Error(`${baseUrl}/completion answered ${response.status}`);
      const decoder = new TextDecoder();
      let pending = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        pending += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const line = pending.slice(0, end).trim();
          pending = pending.slice(end + 2);
          if (!line.startsWith('data:')) continue;
          const event = JSON.parse(line.slice(5)) as { content: string; tokens?: number[]; stop?: boolean };
          const ids = event.tokens ?? [];
          for (let i = 0; i < ids.length; i++) yield { id: ids[i]!, text: i === 0 ? event.content : '' };
          if (event.stop === true) return;
        }
      }
    },
  };
}

// ── a fake local server: streams the prompt's ids back, one server-sent event per token ───────────────────────────
let server: Server;
let baseUrl = '';
let aborted = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { prompt, n_predict: n, stream } = JSON.parse(body) as { prompt: number[]; n_predict: number; stream: boolean };
      if (!stream) return void res.writeHead(400).end();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.on('close', () => {
        if (!res.writableFinished) aborted++;
      });
      const endless = prompt[0] === 999;
      const ids = endless ? Array.from({ length: 100_000 }, (_, i) => i) : prompt.slice(0, n);
      let i = 0;
      const send = (): void => {
        if (res.destroyed) return;
        if (i >= ids.length) return void res.end(`data: ${JSON.stringify({ content: '', tokens: [], stop: true })}\n\n`);
        res.write(`data: ${JSON.stringify({ content: ` t${ids[i]}`, tokens: [ids[i]], stop: false })}\n\n`);
        i++;
        setImmediate(send);
      };
      send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections(); // fetch keeps connections alive
}));

async function moduleWith(engine: InferenceEngine) {
  const runtime = createRuntime({ bus: createBus(), clock: createRealClock(), random: createRandom(1) });
  const module = createInferenceModule({ engine });
  runtime.register(module);
  await runtime.initialize();
  return { runtime, module };
}

describe('an HTTP streaming engine behind the seam', () => {
  it('streams a completion from a local server through the module', async () => {
    const { runtime, module } = await moduleWith(httpEngine(baseUrl));
    const res = await runtime.execute('inference/start', { persona: 'alice', composition: 'local', promptTokens: [3, 1, 4, 1, 5] });
    const done = await module.whenFinished(res.handle!.id);
    expect(done).toMatchObject({ state: 'completed', finishReason: 'end-of-sequence', completionTokens: [3, 1, 4, 1, 5], text: ' t3 t1 t4 t1 t5' });
    expect(done!.firstTokenUs).toBeGreaterThan(0);
  });

  it('cancelling aborts the HTTP request', async () => {
    const { runtime, module } = await moduleWith(httpEngine(baseUrl));
    const before = aborted;
    const res = await runtime.execute('inference/start', { persona: 'alice', composition: 'local', promptTokens: [999], budget: { maxTokens: 4096 } });
    const firstToken = new Promise<void>((resolve) => runtime.bus.subscribeArtifact({ kind: 'exact', value: 'inference/llm.first_token' }, () => resolve()));
    await firstToken;
    await runtime.execute('inference/cancel', { persona: 'alice', handle: res.handle });
    expect(await module.whenFinished(res.handle!.id)).toMatchObject({ state: 'cancelled' });
    await new Promise<void>((resolve) => {
      const check = (): void => (aborted > before ? resolve() : void setImmediate(check));
      check();
    });
    expect(aborted).toBe(before + 1);
  });

  it('a server that is not there fails the request with engine-error', async () => {
    const { runtime, module } = await moduleWith(httpEngine('http://127.0.0.1:1'));
    const res = await runtime.execute('inference/start', { persona: 'alice', composition: 'local', promptTokens: [1] });
    expect(await module.whenFinished(res.handle!.id)).toMatchObject({ state: 'failed', finishReason: 'engine-error' });
  });
});
