import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoChecks, type DemoCheck, type DemoStatus } from '../../../preload/contract';

const latencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A pretend production service on 127.0.0.1 with the seed 003 health shapes and Prometheus
 * metrics, whose failures the user switches on and off, so a new user sees the whole loop.
 * Traffic is synthetic: counters grow by a fixed rate per second of wall time.
 */
export class DemoService {
  private server: Server | null = null;
  private failing = new Set<DemoCheck>();
  private latencyMs = 0;
  private readonly startedAt = Date.now();
  private readonly counters = { ok: 0, clientError: 0, serverError: 0, buckets: latencyBuckets.map(() => 0), count: 0, sum: 0 };
  private lastTick = Date.now();

  async start(): Promise<string> {
    if (this.server) return this.url();
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this.url();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setFailure(failing: readonly DemoCheck[], latencyMs = this.latencyMs): void {
    this.failing = new Set(failing);
    this.latencyMs = latencyMs;
  }

  status(): DemoStatus {
    return { running: this.server !== null, url: this.server ? this.url() : null, failing: [...this.failing].sort(), latencyMs: this.latencyMs };
  }

  private url(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const path = new URL(req.url ?? '/', 'http://demo').pathname;
    const checks = Object.fromEntries(demoChecks.map((c) => [c, !this.failing.has(c)]));
    const healthy = this.failing.size === 0;
    switch (path) {
      case '/health':
        return json(res, healthy ? 200 : 503, { status: healthy ? 'healthy' : 'unhealthy', timestamp: new Date().toISOString() });
      case '/health/live':
        return json(res, 200, { status: 'alive' });
      case '/health/ready':
        return json(res, healthy ? 200 : 503, { status: healthy ? 'ready' : 'not_ready', checks });
      case '/health/detailed':
        return json(res, 200, {
          status: healthy ? 'healthy' : 'degraded',
          timestamp: new Date().toISOString(),
          version: 'demo',
          uptime_seconds: Math.round((Date.now() - this.startedAt) / 1000),
          components: Object.fromEntries(demoChecks.map((c) => [c, { status: checks[c] ? 'ok' : 'failing' }])),
        });
      case '/metrics':
        this.tick();
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        return void res.end(this.metrics(checks));
      default:
        return json(res, 404, { error: 'not found', try: ['/health', '/health/live', '/health/ready', '/health/detailed', '/metrics'] });
    }
  }

  /** Advances the synthetic traffic: 20 requests/s, 30 % of them failing while a check fails. */
  private tick(): void {
    const now = Date.now();
    const requests = Math.round(((now - this.lastTick) / 1000) * 20);
    this.lastTick = now;
    const errorShare = this.failing.size > 0 ? 0.3 : 0;
    const errors = Math.round(requests * errorShare);
    const clientErrors = Math.round(requests * 0.002);
    this.counters.serverError += errors;
    this.counters.clientError += clientErrors;
    this.counters.ok += requests - errors - clientErrors;
    const seconds = (this.latencyMs + 40) / 1000;
    this.counters.count += requests;
    this.counters.sum += requests * seconds;
    latencyBuckets.forEach((le, i) => {
      if (seconds <= le) this.counters.buckets[i] = (this.counters.buckets[i] ?? 0) + requests;
    });
  }

  private metrics(checks: Record<string, boolean>): string {
    const c = this.counters;
    const lines = [
      '# HELP app_requests_total Requests served, by status code.',
      '# TYPE app_requests_total counter',
      `app_requests_total{status="200"} ${c.ok}`,
      `app_requests_total{status="404"} ${c.clientError}`,
      `app_requests_total{status="500"} ${c.serverError}`,
      '# HELP app_request_duration_seconds Request latency.',
      '# TYPE app_request_duration_seconds histogram',
      ...latencyBuckets.map((le, i) => `app_request_duration_seconds_bucket{le="${le}"} ${c.buckets[i] ?? 0}`),
      `app_request_duration_seconds_bucket{le="+Inf"} ${c.count}`,
      `app_request_duration_seconds_sum ${c.sum.toFixed(3)}`,
      `app_request_duration_seconds_count ${c.count}`,
      '# HELP app_health_check_up Whether a dependency check passes (1) or fails (0).',
      '# TYPE app_health_check_up gauge',
      ...Object.entries(checks).map(([name, ok]) => `app_health_check_up{check="${name}"} ${ok ? 1 : 0}`),
    ];
    return `${lines.join('\n')}\n`;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
