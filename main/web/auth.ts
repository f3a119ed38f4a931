import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function cookieName(port: number): string {
  // One cookie per port: two consoles on one laptop must not log each other out.
  return `oncall_token_${port}`;
}

export type Verdict = { ok: true; tokenFromQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

/**
 * Decides whether a request may reach the console.
 * - Host must be the loopback address we bound: stops DNS rebinding (evil.com resolving to 127.0.0.1).
 * - Origin, when sent, must be ours: stops other sites' pages from driving the API (CSRF, cross-site WS).
 * - The token (query, cookie or bearer header) must match: stops other local users and processes.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string): Verdict {
  const expectedHost = `127.0.0.1:${port}`;
  if (req.headers.host !== expectedHost) return { ok: false, status: 403, reason: `Host must be ${expectedHost}` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${expectedHost}`) return { ok: false, status: 403, reason: 'foreign Origin' };

  const url = new URL(req.url ?? '/', `http://${expectedHost}`);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return sameToken(fromQuery, token) ? { ok: true, tokenFromQuery: true } : unauthorized();
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const cookie = readCookie(req.headers.cookie, cookieName(port));
  const presented = bearer ?? cookie;
  if (presented === undefined) return unauthorized();
  return sameToken(presented, token) ? { ok: true, tokenFromQuery: false } : unauthorized();
}

function unauthorized(): Verdict {
  return { ok: false, status: 401, reason: 'missing or wrong token: open the URL that `oncall serve` printed' };
}

function sameToken(presented: string, token: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
