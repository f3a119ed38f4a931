import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TargetConfig } from './config';
import type { BrowserFacts } from './placeholders';
import { resolveSecrets, SecretError, type SecretResolver } from './secrets';

/** Why a probe got no answer; `network` and `dns` hint that the laptop itself may be offline. */
export type ErrorKind = 'timeout' | 'network' | 'dns' | 'refused' | 'tls' | 'secret' | 'other';

/** One probe as it happened on the wire, before conditions and hysteresis. */
export interface RawResult {
  /** Wall-clock start, ms since epoch. */
  at: number;
  durationMs: number;
  connected: boolean;
  status: number | null;
  body: string;
  certExpiresAt: number | null;
  ip: string | null;
  error: string | null;
  errorKind: ErrorKind | null;
  /** `kind: browser` targets: what the page load measured. */
  browser?: BrowserFacts;
  /** `kind: browser` targets that failed: where the screenshot and console errors were kept. */
  evidence?: ProbeEvidence;
}

/** Files kept from a failed check, as file:// URLs (alert annotations and incident evidence link them). */
export interface ProbeEvidence {
  id: string;
  screenshotUrl: string | null;
  consoleUrl: string;
}

export type ProbeTarget = Pick<TargetConfig, 'url' | 'method' | 'headers' | 'body' | 'timeout' | 'insecure'>;
export type ProbeRunner = (target: ProbeTarget) => Promise<RawResult>;

const maxBody = 1024 * 1024;

/**
 * Runs probes with pooled keep-alive connections: 1,000 targets must not mean 1,000 TLS
 * handshakes per round. Wall time comes from `now` so results line up with the rest of the core.
 */
export function createProbeRunner(secrets: SecretResolver, now: () => number = Date.now): { run: ProbeRunner; close(): void } {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 256 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }),
    insecure: new HttpsAgent({ keepAlive: true, maxSockets: 256, rejectUnauthorized: false }),
  };
  const run: ProbeRunner = async (target) => {
    const url = new URL(target.url);
    if (url.protocol === 'tcp:') return tcpProbe(url, target.timeout, now);
    const at = now();
    const started = performance.now();
    let headers: Record<string, string>;
    try {
      headers = {};
      for (const [name, value] of Object.entries(target.headers)) headers[name] = await resolveSecrets(value, secrets);
    } catch (err) {
      if (!(err instanceof SecretError)) throw err;
      return failed(at, started, err.message, 'secret', false);
    }
    const https = url.protocol === 'https:';
    const agent = https ? (target.insecure ? agents.insecure : agents.https) : agents.http;
    return new Promise<RawResult>((resolve) => {
      const req = (https ? httpsRequest : httpRequest)(url, { method: target.method, headers: { 'user-agent': 'oncall-console', ...headers }, agent });
      const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${target.timeout} ms`), { code: 'ETIMEDOUT' })), target.timeout);
      req.on('response', (res: IncomingMessage) => {
        const socket = res.socket as TLSSocket | null;
        const cert = https && socket && typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : null;
        const certExpiresAt = cert?.valid_to ? Date.parse(cert.valid_to) : null;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxBody) chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            at,
            durationMs: performance.now() - started,
            connected: true,
            status: res.statusCode ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
            certExpiresAt: Number.isFinite(certExpiresAt) ? certExpiresAt : null,
            ip: socket?.remoteAddress ?? null,
            error: null,
            errorKind: null,
          });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          resolve(failed(at, started, err.message, classify(err), true));
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve(failed(at, started, describe(err), classify(err), false));
      });
      req.end(target.body);
    });
  };
  return {
    run,
    close() {
      for (const agent of Object.values(agents)) agent.destroy();
    },
  };
}

function tcpProbe(url: URL, timeout: number, now: () => number): Promise<RawResult> {
  const at = now();
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`no connection within ${timeout} ms`), { code: 'ETIMEDOUT' })), timeout);
    socket.once('connect', () => {
      clearTimeout(timer);
      const ip = socket.remoteAddress ?? null;
      socket.destroy();
      resolve({ at, durationMs: performance.now() - started, connected: true, status: null, body: '', certExpiresAt: null, ip, error: null, errorKind: null });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(failed(at, started, describe(err), classify(err), false));
    });
  });
}

function failed(at: number, started: number, error: string, errorKind: ErrorKind, connected: boolean): RawResult {
  return { at, durationMs: performance.now() - started, connected, status: null, body: '', certExpiresAt: null, ip: null, error, errorKind };
}

function classify(err: NodeJS.ErrnoException): ErrorKind {
  switch (err.code) {
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'ECONNREFUSED':
    case 'ECONNRESET':
      return 'refused';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return 'network';
    default:
      return err.code?.startsWith('ERR_TLS') || err.code?.includes('CERT') || err.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? 'tls' : 'other';
  }
}

function describe(err: NodeJS.ErrnoException): string {
  return err.code && !err.message.includes(err.code) ? `${err.message} (${err.code})` : err.message;
}
