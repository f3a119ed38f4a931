import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopPeer } from './peer';

/**
 * A /metrics endpoint on loopback whose series the test sets and removes. Removing a series makes
 * Prometheus mark it stale at the next scrape, so it vanishes from queries at once (no 5 m lookback).
 */
export interface TestExporter {
  /** host:port, as a scrape target. */
  target: string;
  set(name: string, labels: Record<string, string>, value: number): void;
  remove(name: string, labels?: Record<string, string>): void;
  /** Number of scrapes served so far. */
  scrapes(): number;
  stop(): Promise<void>;
}

const key = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',')}}`;

/**
 * Grows `http_requests_total{code="200"}` and `{code="500"}` on the exporter every 250 ms by what
 * `step(n)` says, the way a service under load counts requests. Returns the function that stops it.
 */
export function pumpRequestCounters(exporter: TestExporter, step: (n: number) => { ok: number; failed: number }): () => void {
  let ok = 0;
  let failed = 0;
  let n = 0;
  const tick = () => {
    const add = step(++n);
    ok += add.ok;
    failed += add.failed;
    exporter.set('http_requests_total', { code: '200' }, ok);
    exporter.set('http_requests_total', { code: '500' }, failed);
  };
  tick();
  const timer = setInterval(tick, 250);
  return () => clearInterval(timer);
}

export async function startExporter(): Promise<TestExporter> {
  const series = new Map<string, { name: string; value: number }>();
  let scrapes = 0;
  const server: Server = createServer((_req, res) => {
    scrapes++;
    const lines = [...series.entries()].map(([k, s]) => `${k} ${formatValue(s.value)}`);
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    target: `127.0.0.1:${port}`,
    set: (name, labels, value) => void series.set(key(name, labels), { name, value }),
    remove(name, labels) {
      if (labels) series.delete(key(name, labels));
      else for (const [k, s] of series) if (s.name === name) series.delete(k);
    },
    scrapes: () => scrapes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export interface PrometheusPeer {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  log(): string;
}

export interface PrometheusOptions {
  /** Scrape targets (host:port) of one job called `exporter`. */
  targets: string[];
  /** Rule file contents (YAML), one file each; empty: no rules. */
  ruleFiles?: string[];
  externalLabels?: Record<string, string>;
  /** Seconds; the issue asks for 1 s scrape and evaluation intervals. */
  scrapeInterval?: number;
  evaluationInterval?: number;
  /** Also scrape the server's own /metrics (job `prometheus`), so rules about Prometheus see data. */
  scrapeSelf?: boolean;
  /** --web.external-url (what `$externalURL` renders); default: the peer's own address. */
  externalUrl?: string;
  /** Require HTTP basic auth (Prometheus's --web.config.file) with this user and `basicAuthPassword`. */
  basicAuthUser?: string;
}

/** The password the peer accepts with `basicAuthUser`, and its bcrypt hash (cost 4: fast to check). */
export const basicAuthPassword = 'correct horse';
const basicAuthHash = '$2b$04$ZjRDTg7p.0G.fz4724gfQe/HFsZ1L762tCIM46bLXIVWsyycCUsWK';

/**
 * Debian's real `prometheus` on 127.0.0.1 with a random port and a temporary TSDB. Its external URL
 * is its own address, so `$externalURL` renders the same on both sides of a parity test.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-prom-'));
  const ruleFiles = (options.ruleFiles ?? []).map((text, i) => {
    const file = join(dir, `rules-${i}.yml`);
    writeFileSync(file, text);
    return file;
  });
  const webConfig = join(dir, 'web.yml');
  if (options.basicAuthUser) writeFileSync(webConfig, `basic_auth_users:\n  ${JSON.stringify(options.basicAuthUser)}: ${JSON.stringify(basicAuthHash)}\n`);
  const auth: Record<string, string> = options.basicAuthUser ? { authorization: `Basic ${Buffer.from(`${options.basicAuthUser}:${basicAuthPassword}`).toString('base64')}` } : {};
  let log = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const external = Object.entries(options.externalLabels ?? {});
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        `  scrape_interval: ${options.scrapeInterval ?? 1}s`,
        `  scrape_timeout: ${options.scrapeInterval ?? 1}s`,
        `  evaluation_interval: ${options.evaluationInterval ?? 1}s`,
        ...(external.length ? ['  external_labels:', ...external.map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)] : []),
        `rule_files: ${JSON.stringify(ruleFiles)}`,
        'scrape_configs:',
        '  - job_name: exporter',
        `    static_configs: [{ targets: ${JSON.stringify(options.targets)} }]`,
        ...(options.scrapeSelf ? ['  - job_name: prometheus', `    static_configs: [{ targets: ["127.0.0.1:${port}"] }]`] : []),
        '',
      ].join('\n'),
    );
    const child: ChildProcess = spawn(
      '/usr/bin/prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--web.external-url=${options.externalUrl ?? url}`,
        '--storage.tsdb.retention.time=1h',
        '--log.level=warn',
        ...(options.basicAuthUser ? [`--web.config.file=${webConfig}`] : []),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-8000);
    });
    if (await waitReady(url, child, auth)) {
      return {
        url,
        port,
        dir,
        log: () => log,
        stop: () => stopPeer(child, dir),
      };
    }
    child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`prometheus did not start:\n${log}`);
}

async function waitReady(url: string, child: ChildProcess, headers: Record<string, string>): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/-/ready`, { headers });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** GET /api/v1/<path> of a peer and return `data` (throws on an error envelope). */
export async function prometheusApi<T>(url: string, path: string): Promise<T> {
  const res = await fetch(`${url}/api/v1/${path}`);
  const body = (await res.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
  return body.data;
}

export type ProxyMode = 'pass' | 'hang' | 'refuse';

/**
 * A TCP proxy on loopback in front of a peer, switchable between passing traffic, accepting and
 * never answering (a timeout) and resetting every connection (the server is down). Switching
 * drops the connections already open, so pooled keep-alive sockets cannot bypass the new mode.
 */
export interface SwitchProxy {
  url: string;
  setMode(mode: ProxyMode): void;
  stop(): Promise<void>;
}

/** `upstream` is read per connection, so the proxy can exist before the peer it fronts (whose external URL it is). */
export async function startSwitchProxy(upstream: () => number): Promise<SwitchProxy> {
  let mode: ProxyMode = 'pass';
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (mode === 'refuse') return void client.resetAndDestroy();
    if (mode === 'hang') return;
    const peer = connect(upstream(), '127.0.0.1');
    sockets.add(peer);
    peer.on('close', () => sockets.delete(peer));
    peer.on('error', () => client.destroy());
    client.pipe(peer).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next) {
      mode = next;
      dropAll();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
