import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { QueryError, SourceUnavailableError } from './errors';
import { Limiter } from './limiter';
import type { InstantResult, RangeSeries, Sample, ServerAlert, ServerRuleGroup } from './types';

/** A secret named by reference: an environment variable or a file, never the value itself in config. */
export interface SecretRef {
  env?: string;
  file?: string;
}

export interface PrometheusClientOptions {
  name: string;
  url: string;
  basicAuth?: { username: string; password: SecretRef };
  bearerToken?: SecretRef;
  tls?: { caFile?: string; certFile?: string; keyFile?: string; serverName?: string; insecureSkipVerify?: boolean };
  /** Per request, ms. */
  timeout?: number;
  /** Queries in flight at once (capped at 20, Prometheus's default --query.max-concurrency). */
  maxConcurrency?: number;
  env?: NodeJS.ProcessEnv;
}

interface ApiEnvelope {
  status?: string;
  data?: unknown;
  errorType?: string;
  error?: string;
}

const prometheusDefaultMaxConcurrency = 20;

/** The Prometheus HTTP API v1 for one server: instant and range queries, alerts and rules. */
export class PrometheusClient {
  readonly name: string;
  readonly limiter: Limiter;
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly timeout: number;

  constructor(private readonly options: PrometheusClientOptions) {
    this.name = options.name;
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.timeout = options.timeout ?? 10_000;
    this.limiter = new Limiter(Math.min(options.maxConcurrency ?? 10, prometheusDefaultMaxConcurrency));
    const tls = options.tls ?? {};
    this.agent =
      this.base.protocol === 'https:'
        ? new https.Agent({
            keepAlive: true,
            ca: tls.caFile ? readFileSync(tls.caFile) : undefined,
            cert: tls.certFile ? readFileSync(tls.certFile) : undefined,
            key: tls.keyFile ? readFileSync(tls.keyFile) : undefined,
            servername: tls.serverName,
            rejectUnauthorized: !tls.insecureSkipVerify,
          })
        : new http.Agent({ keepAlive: true });
  }

  /** Instant query at `time` (ms since epoch; default: the server's now). */
  async query(expr: string, time?: number): Promise<InstantResult> {
    const form: Record<string, string> = { query: expr };
    if (time !== undefined) form.time = (time / 1000).toFixed(3);
    return parseInstant(await this.post('api/v1/query', form));
  }

  /** Instant query that must return a vector (what alerting rules need); scalars become one sample. */
  async queryVector(expr: string, time?: number): Promise<Sample[]> {
    const result = await this.query(expr, time);
    if (result.type === 'vector') return result.samples;
    if (result.type === 'scalar') return [{ labels: {}, value: result.value, time: result.time }];
    throw new QueryError('bad_data', `rule result is not a vector or scalar but a ${result.type}`);
  }

  async queryRange(expr: string, start: number, end: number, stepMs: number): Promise<RangeSeries[]> {
    const data = await this.post('api/v1/query_range', { query: expr, start: (start / 1000).toFixed(3), end: (end / 1000).toFixed(3), step: `${stepMs / 1000}` });
    const result = parseInstant(data);
    if (result.type !== 'matrix') throw new QueryError('bad_data', `range query returned a ${result.type}`);
    return result.series;
  }

  async alerts(): Promise<ServerAlert[]> {
    const data = (await this.get('api/v1/alerts')) as { alerts?: ServerAlert[] };
    return data.alerts ?? [];
  }

  async rules(): Promise<ServerRuleGroup[]> {
    const data = (await this.get('api/v1/rules')) as { groups?: ServerRuleGroup[] };
    return data.groups ?? [];
  }

  /** GET /api/v1/status/config: the server's configuration file as YAML text. */
  async statusConfig(): Promise<string> {
    const data = (await this.get('api/v1/status/config')) as { yaml?: unknown };
    return typeof data.yaml === 'string' ? data.yaml : '';
  }

  /** GET /api/v1/status/flags: the command-line flags the server runs with, by name. */
  async statusFlags(): Promise<Record<string, string>> {
    const data = (await this.get('api/v1/status/flags')) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(data ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  close(): void {
    this.agent.destroy();
  }

  private get(path: string): Promise<unknown> {
    return this.limiter.run(() => this.request('GET', path));
  }

  private post(path: string, form: Record<string, string>): Promise<unknown> {
    return this.limiter.run(() => this.request('POST', path, new URLSearchParams(form).toString()));
  }

  private headers(body?: string): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const { basicAuth, bearerToken } = this.options;
    if (basicAuth) {
      const password = this.secret(basicAuth.password, 'basic auth password');
      headers.authorization = `Basic ${Buffer.from(`${basicAuth.username}:${password}`).toString('base64')}`;
    } else if (bearerToken) {
      headers.authorization = `Bearer ${this.secret(bearerToken, 'bearer token')}`;
    }
    return headers;
  }

  private secret(ref: SecretRef, what: string): string {
    if (ref.env) {
      const value = (this.options.env ?? process.env)[ref.env];
      if (value === undefined) throw new SourceUnavailableError(this.name, `${what}: environment variable ${ref.env} is not set`);
      return value;
    }
    try {
      return readFileSync(ref.file ?? '', 'utf8').trim();
    } catch (err) {
      throw new SourceUnavailableError(this.name, `${what}: cannot read ${ref.file}: ${(err as Error).message}`);
    }
  }

  private request(method: 'GET' | 'POST', path: string, body?: string): Promise<unknown> {
    const url = new URL(path, this.base);
    const headers = this.headers(body);
    return new Promise((resolve, reject) => {
      const lib = url.protocol === 'https:' ? https : http;
      const req = lib.request(url, { method, headers, agent: this.agent, timeout: this.timeout }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new SourceUnavailableError(this.name, err.message)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          let envelope: ApiEnvelope | undefined;
          try {
            envelope = JSON.parse(text) as ApiEnvelope;
          } catch {
            envelope = undefined;
          }
          // 400/422 with an API envelope mean the query itself is wrong; everything else that is not
          // a success means the server cannot answer now.
          if (envelope?.status === 'success' && status < 300) return resolve(envelope.data);
          if (envelope?.status === 'error' && (status === 400 || status === 422)) {
            return reject(new QueryError(envelope.errorType ?? 'bad_data', envelope.error ?? `HTTP ${status}`));
          }
          const reason = envelope?.error ?? (status === 401 || status === 403 ? `HTTP ${status} (check credentials)` : `HTTP ${status}`);
          reject(new SourceUnavailableError(this.name, reason, true));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeout} ms`)));
      req.on('error', (err) => reject(new SourceUnavailableError(this.name, err.message)));
      req.end(body);
    });
  }
}

/** Prometheus sends values as strings ("NaN", "+Inf", "1.5") and times as float seconds. */
function num(value: unknown): number {
  return typeof value === 'string' ? Number(value.replace(/^\+/, '')) : Number(value);
}

type RawPoint = [number, string];

export function parseInstant(data: unknown): InstantResult {
  const { resultType, result } = data as { resultType: string; result: unknown };
  switch (resultType) {
    case 'vector':
      return {
        type: 'vector',
        samples: (result as { metric: Record<string, string>; value: RawPoint }[]).map((s) => ({ labels: s.metric, value: num(s.value[1]), time: Math.round(s.value[0] * 1000) })),
      };
    case 'scalar':
    case 'string': {
      const [t, v] = result as RawPoint;
      return resultType === 'scalar' ? { type: 'scalar', value: num(v), time: Math.round(t * 1000) } : { type: 'string', value: v, time: Math.round(t * 1000) };
    }
    case 'matrix':
      return {
        type: 'matrix',
        series: (result as { metric: Record<string, string>; values: RawPoint[] }[]).map((s) => ({
          labels: s.metric,
          points: s.values.map(([t, v]) => ({ time: Math.round(t * 1000), value: num(v) })),
        })),
      };
    default:
      throw new QueryError('bad_data', `unknown result type ${resultType}`);
  }
}
