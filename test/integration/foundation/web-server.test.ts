import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openEngine } from '../../../main/cli/open-engine';
import { rendererDir } from '../../../main/cli/paths';
import type { Engine } from '../../../main/core/engine';
import { startWebServer, type WebServer } from '../../../main/web';
import { tempHome } from '../../support/temp-home';

/** A raw request, so the test controls Host and Origin exactly (fetch would not let it). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser mode server', () => {
  let engine: Engine;
  let server: WebServer;
  let cleanup: () => void;
  beforeAll(async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    engine = openEngine(t.home, 'web');
    server = await startWebServer({ engine, rendererDir });
  });
  afterAll(async () => {
    await server.close();
    await engine.close();
    cleanup();
  });

  it('listens on 127.0.0.1 only and prints a URL with a random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('answers 401 without the token and 401 with a wrong one', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
    expect((await get(server.port, '/', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('answers 403 to a foreign Host (DNS rebinding) even with the token', async () => {
    const res = await get(server.port, `/?token=${server.token}`, { host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
    expect((await get(server.port, '/', { host: `localhost:${server.port}`, authorization: `Bearer ${server.token}` })).status).toBe(403);
  });

  it('answers 403 to a foreign Origin even with the token', async () => {
    const res = await get(server.port, '/', { origin: 'http://evil.example', authorization: `Bearer ${server.token}` });
    expect(res.status).toBe(403);
  });

  it('trades the token in the URL for an HttpOnly cookie and serves the UI with a CSP', async () => {
    const login = await get(server.port, `/?token=${server.token}`);
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/');
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(String(login.headers['set-cookie'])).toContain('HttpOnly');
    const page = await get(server.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });

  it('refuses WebSocket upgrades without the token or from a foreign Origin', async () => {
    await expect(connect(server.port, {})).rejects.toThrow('HTTP 401');
    await expect(connect(server.port, { authorization: `Bearer ${server.token}`, origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('carries the contract and the event stream over the WebSocket', async () => {
    const ws = await connect(server.port, { authorization: `Bearer ${server.token}`, origin: `http://127.0.0.1:${server.port}` });
    const frames: { id?: number; event?: string; result?: unknown; payload?: unknown }[] = [];
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString()) as (typeof frames)[number]));
    ws.send(JSON.stringify({ id: 1, method: 'monitoring:pause', input: { paused: true } }));
    ws.send(JSON.stringify({ id: 2, method: 'nope:nope', input: {} }));
    await expect.poll(() => frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.find((f) => f.id === 1)?.result).toEqual({ ok: true, value: { paused: true } });
    expect(frames.find((f) => f.id === 2)?.result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(frames.find((f) => f.event === 'monitoring:changed')?.payload).toEqual({ paused: true });
    ws.close();
  });
});
