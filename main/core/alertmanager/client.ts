import type { Alert, Matcher } from '../../../preload/contract';
import { fingerprint as labelFingerprint } from '../shared/fingerprint';
import { redactUrlsIn, splitCredentials } from '../shared/redact';

/** Alertmanager's v2 matcher: `isEqual` false negates, `isRegex` anchors a regex. */
export interface AmMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt?: string;
  fingerprint: string;
  generatorURL?: string;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[] | null; inhibitedBy: string[] | null };
}

export interface AmSilence {
  id: string;
  status: { state: 'active' | 'pending' | 'expired' };
  matchers: AmMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  updatedAt?: string;
}

export interface AmStatus {
  versionInfo?: { version?: string };
  cluster?: { status?: string };
  uptime?: string;
}

export class AlertmanagerError extends Error {}

export function toAmMatcher(m: Matcher): AmMatcher {
  return { name: m.name, value: m.value, isRegex: m.op === '=~' || m.op === '!~', isEqual: m.op === '=' || m.op === '=~' };
}

export function fromAmMatcher(m: AmMatcher): Matcher {
  const equal = m.isEqual ?? true;
  return { name: m.name, value: m.value, op: m.isRegex ? (equal ? '=~' : '!~') : equal ? '=' : '!=' };
}

/** A small client for the parts of Alertmanager's v2 API the console uses. */
export class AlertmanagerClient {
  private readonly baseUrl: string;
  /** From `user:pass@` in the configured URL: fetch refuses such URLs and would quote them, password and all, in its error. */
  private readonly authorization: string | undefined;

  constructor(
    readonly name: string,
    baseUrl: string,
    private readonly timeoutMs = 5000,
  ) {
    const split = splitCredentials(baseUrl);
    this.baseUrl = split.url;
    this.authorization = split.authorization;
  }

  /** Active alerts including silenced and inhibited ones, so the UI can show why they are quiet. */
  async alerts(): Promise<AmAlert[]> {
    return this.request<AmAlert[]>('GET', '/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true');
  }

  /** Sends alerts the way Prometheus does (tests and the console's own alerts use it). */
  async postAlerts(alerts: { labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string; generatorURL?: string }[]): Promise<void> {
    await this.request('POST', '/api/v2/alerts', alerts);
  }

  async silences(): Promise<AmSilence[]> {
    return this.request<AmSilence[]>('GET', '/api/v2/silences');
  }

  async createSilence(s: { matchers: Matcher[]; startsAt: number; endsAt: number; createdBy: string; comment: string }): Promise<string> {
    const body = { matchers: s.matchers.map(toAmMatcher), startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString(), createdBy: s.createdBy, comment: s.comment };
    const reply = await this.request<{ silenceID: string }>('POST', '/api/v2/silences', body);
    return reply.silenceID;
  }

  async expireSilence(id: string): Promise<void> {
    await this.request('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
  }

  async status(): Promise<AmStatus> {
    return this.request<AmStatus>('GET', '/api/v2/status');
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    // Keeps a path prefix (an Alertmanager behind /alertmanager/) intact.
    const url = this.baseUrl.replace(/\/+$/, '') + path;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.authorization) headers.authorization = this.authorization;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new AlertmanagerError(`Alertmanager ${this.name} unreachable: ${redactUrlsIn((err as Error).message)}`);
    }
    const text = await res.text();
    if (!res.ok) throw new AlertmanagerError(`Alertmanager ${this.name}: ${method} ${path.split('?')[0]} answered ${res.status} ${text.trim().slice(0, 200)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

/**
 * An Alertmanager alert as a console Alert. The fingerprint is recomputed from the labels with the
 * same algorithm Alertmanager uses, so it always equals the one a local alert of the same labels gets.
 */
export function fromAmAlert(a: AmAlert, sourceName: string, now: number): Alert {
  const startsAt = Date.parse(a.startsAt);
  const endsAt = Date.parse(a.endsAt);
  const resolved = Number.isFinite(endsAt) && endsAt <= now;
  return {
    fingerprint: labelFingerprint(a.labels),
    labels: a.labels,
    annotations: a.annotations ?? {},
    state: resolved ? 'resolved' : 'firing',
    activeAt: Number.isFinite(startsAt) ? startsAt : null,
    firedAt: Number.isFinite(startsAt) ? startsAt : null,
    resolvedAt: resolved ? endsAt : null,
    value: null,
    source: 'alertmanager',
    sourceName,
    ...(a.generatorURL ? { generatorUrl: a.generatorURL } : {}),
    silencedBy: a.status.silencedBy ?? [],
    inhibitedBy: a.status.inhibitedBy ?? [],
  };
}
