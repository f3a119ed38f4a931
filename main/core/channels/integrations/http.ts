import { readFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { resolve as resolvePath } from 'node:path';
import { z } from 'zod';
import type { DeliveryResult } from '../message';
import { clip, failure, httpRetryable, PermanentError, retryAfterMs } from './result';
import type { Secrets } from './secrets';

/**
 * One POST to a receiver's endpoint with Alertmanager's `http_config` (prometheus/common's
 * HTTPClientConfig: basic_auth, authorization, bearer_token, tls_config), a bounded time and an
 * AbortSignal. node:http rather than fetch, because fetch cannot take a CA, a client certificate
 * or `insecure_skip_verify` per request.
 */

const str = z.string().optional();
const tlsConfigSchema = z
  .object({
    ca_file: str,
    ca: str,
    cert_file: str,
    cert: str,
    key_file: str,
    key: str,
    server_name: str,
    insecure_skip_verify: z.boolean().default(false),
    min_version: str,
    max_version: str,
  })
  .strict();
export type TlsConfig = z.output<typeof tlsConfigSchema>;
export const tlsConfigField = tlsConfigSchema.optional();

export const httpConfigSchema = z
  .object({
    basic_auth: z.object({ username: str, username_file: str, password: str, password_file: str }).strict().optional(),
    authorization: z.object({ type: str, credentials: str, credentials_file: str }).strict().optional(),
    bearer_token: str,
    bearer_token_file: str,
    tls_config: tlsConfigField,
    follow_redirects: z.boolean().optional(),
    enable_http2: z.boolean().optional(),
    proxy_url: str,
    oauth2: z.unknown().optional(),
  })
  .strict();
export type HttpConfig = z.output<typeof httpConfigSchema>;

export interface PostOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  now: () => number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

/** Authorization header and TLS options an http_config asks for (secrets read now, through `secrets`). */
export async function clientOptions(cfg: HttpConfig | undefined, secrets: Secrets, baseDir: string): Promise<{ headers: Record<string, string>; tls: RequestOptions }> {
  const headers: Record<string, string> = {};
  if (cfg?.oauth2 !== undefined) throw new PermanentError('http_config.oauth2 is not supported by the console');
  if (cfg?.proxy_url) throw new PermanentError('http_config.proxy_url is not supported by the console');
  if (cfg?.basic_auth) {
    const user = (await secrets.field('basic_auth.username', cfg.basic_auth.username, cfg.basic_auth.username_file)) ?? '';
    const password = (await secrets.field('basic_auth.password', cfg.basic_auth.password, cfg.basic_auth.password_file)) ?? '';
    const token = Buffer.from(`${user}:${password}`).toString('base64');
    secrets.remember(token);
    headers.authorization = `Basic ${token}`;
  }
  const credentials = cfg?.authorization
    ? await secrets.field('authorization.credentials', cfg.authorization.credentials, cfg.authorization.credentials_file)
    : await secrets.field('bearer_token', cfg?.bearer_token, cfg?.bearer_token_file);
  if (credentials !== undefined) headers.authorization = `${cfg?.authorization?.type ?? 'Bearer'} ${credentials}`;
  return { headers, tls: await tlsOptions(cfg?.tls_config, baseDir) };
}

export async function tlsOptions(tls: TlsConfig | undefined, baseDir: string): Promise<RequestOptions> {
  if (!tls) return {};
  const read = async (inline: string | undefined, file: string | undefined, what: string) => {
    if (inline) return inline;
    if (!file) return undefined;
    try {
      return await readFile(resolvePath(baseDir, file), 'utf8');
    } catch (err) {
      throw new PermanentError(`tls_config.${what}_file: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const out: RequestOptions = { rejectUnauthorized: !tls.insecure_skip_verify };
  const ca = await read(tls.ca, tls.ca_file, 'ca');
  const cert = await read(tls.cert, tls.cert_file, 'cert');
  const key = await read(tls.key, tls.key_file, 'key');
  if (ca) out.ca = ca;
  if (cert) out.cert = cert;
  if (key) out.key = key;
  if (tls.server_name) out.servername = tls.server_name;
  return out;
}

/** POSTs `body`; resolves with the answer, rejects only on a network failure, timeout or abort. */
export function post(url: string, body: string, headers: Record<string, string>, tls: RequestOptions, options: PostOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new PermanentError('the URL is not valid'));
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new PermanentError(`unsupported URL scheme ${target.protocol}`));
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const auth: Record<string, string> = {};
    // Credentials in the URL become a header, as Go's client does; the URL itself is never logged.
    if (target.username || target.password) {
      auth.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    const req = send(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'oncall-console', ...auth, ...headers, 'content-length': String(Buffer.byteLength(body)) },
      signal: options.signal,
      ...(target.protocol === 'https:' ? tls : {}),
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // Keep what fits into an answer; drain the rest so the socket is released.
        if (size < 65_536) chunks.push(c);
        size += c.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

export class TimeoutError extends Error {}

/** The DeliveryResult of an HTTP answer: 2xx is delivered, the rest classified as the type documents. */
export function httpResult(answer: HttpAnswer, now: number): DeliveryResult {
  const text = clip(answer.body) || `HTTP ${answer.status}`;
  if (answer.status >= 200 && answer.status < 300) return { ok: true, retryable: false, status: answer.status, answer: text };
  const retryAfter = answer.status === 429 || answer.status === 503 ? retryAfterMs(headerText(answer.headers['retry-after']), now) : undefined;
  return failure(`HTTP ${answer.status}: ${text}`, httpRetryable(answer.status), { status: answer.status, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) });
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A failure before any answer: network errors and timeouts may pass, an abort is the caller's. */
export function networkFailure(err: unknown): DeliveryResult {
  if (err instanceof PermanentError) return failure(err.message, false);
  const e = err as NodeJS.ErrnoException;
  if (e.name === 'AbortError') return failure('aborted before the server answered', true);
  if (err instanceof TimeoutError) return failure(`timeout: ${e.message}`, true);
  // TLS verification failures will not fix themselves either.
  if (typeof e.code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/.test(e.code)) return failure(`TLS: ${e.message}`, false);
  return failure(`${e.code ? `${e.code}: ` : ''}${e.message}`, true);
}
