import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Local HTTP receivers for the channel tests: an Alertmanager webhook consumer, a Slack incoming
 * webhook and Web API (chat.postMessage), a Mattermost incoming webhook and a Teams connector,
 * each checking the payload against the shape its documentation gives and answering 400 with the
 * problems when it does not fit (as the real services do). They fail on command: a status
 * (500, 429 with Retry-After), an answer that never comes, a slow answer.
 */

export interface Received {
  path: string;
  /** Path and query as requested. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  problems: string[];
}

/** `body` may hold `{url}`: replaced by the request's path and query, as servers quote it in errors. */
export type FailMode = { status: number; retryAfter?: string; body?: string } | { hang: true } | { delayMs: number };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringMap = (v: unknown) => isObj(v) && Object.values(v).every((x) => typeof x === 'string');

function onlyKeys(o: Obj, allowed: string[], where: string, out: string[]) {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) out.push(`${where}: unexpected key ${k}`);
}
function strings(o: Obj, keys: string[], where: string, out: string[]) {
  for (const k of keys) if (k in o && typeof o[k] !== 'string') out.push(`${where}.${k}: not a string`);
}

/** Alertmanager's webhook payload, version 4 (docs: configuration.md, <webhook_config>). */
export function checkWebhookV4(j: unknown): string[] {
  const out: string[] = [];
  if (!isObj(j)) return ['not an object'];
  if (j.version === 'oncall-text/1') {
    for (const k of ['receiver', 'idempotencyKey', 'title', 'text']) if (typeof j[k] !== 'string') out.push(`${k}: missing`);
    return out;
  }
  const keys = ['version', 'groupKey', 'truncatedAlerts', 'status', 'receiver', 'groupLabels', 'commonLabels', 'commonAnnotations', 'externalURL', 'alerts'];
  onlyKeys(j, keys, 'payload', out);
  for (const k of keys) if (!(k in j)) out.push(`payload: missing ${k}`);
  if (j.version !== '4') out.push('version is not "4"');
  if (typeof j.truncatedAlerts !== 'number') out.push('truncatedAlerts: not a number');
  if (j.status !== 'firing' && j.status !== 'resolved') out.push('status: not firing|resolved');
  strings(j, ['groupKey', 'receiver', 'externalURL'], 'payload', out);
  for (const k of ['groupLabels', 'commonLabels', 'commonAnnotations']) if (!isStringMap(j[k])) out.push(`${k}: not a string map`);
  if (!Array.isArray(j.alerts)) out.push('alerts: not a list');
  else
    j.alerts.forEach((a: unknown, i) => {
      if (!isObj(a)) return out.push(`alerts[${i}]: not an object`);
      const ak = ['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'];
      onlyKeys(a, ak, `alerts[${i}]`, out);
      for (const k of ak) if (!(k in a)) out.push(`alerts[${i}]: missing ${k}`);
      strings(a, ['status', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'], `alerts[${i}]`, out);
      if (!isStringMap(a.labels) || !isStringMap(a.annotations)) out.push(`alerts[${i}]: labels/annotations not string maps`);
      for (const k of ['startsAt', 'endsAt']) if (typeof a[k] === 'string' && Number.isNaN(Date.parse(a[k]))) out.push(`alerts[${i}].${k}: not RFC 3339`);
    });
  return out;
}

const slackAttachmentKeys = ['fallback', 'color', 'pretext', 'author_name', 'author_link', 'author_icon', 'title', 'title_link', 'text', 'fields', 'image_url', 'thumb_url', 'footer', 'footer_icon', 'ts', 'mrkdwn_in', 'callback_id', 'actions'];

/** Slack's incoming-webhook / chat.postMessage body with legacy attachments (api.slack.com/reference/messaging/attachments). */
export function checkSlack(j: unknown, webApi: boolean): string[] {
  const out: string[] = [];
  if (!isObj(j)) return ['not an object'];
  onlyKeys(j, ['channel', 'username', 'icon_emoji', 'icon_url', 'link_names', 'text', 'attachments', 'blocks'], 'message', out);
  strings(j, ['channel', 'username', 'icon_emoji', 'icon_url', 'text'], 'message', out);
  if (webApi && typeof j.channel !== 'string') out.push('channel_not_found: chat.postMessage needs a channel');
  if (!('text' in j) && !Array.isArray(j.attachments)) out.push('no_text: neither text nor attachments');
  if (Array.isArray(j.attachments))
    j.attachments.forEach((a: unknown, i) => {
      if (!isObj(a)) return out.push(`attachments[${i}]: not an object`);
      onlyKeys(a, slackAttachmentKeys, `attachments[${i}]`, out);
      strings(a, ['fallback', 'color', 'pretext', 'title', 'title_link', 'text', 'image_url', 'thumb_url', 'footer', 'callback_id'], `attachments[${i}]`, out);
      if (Array.isArray(a.fields))
        a.fields.forEach((f: unknown, k) => {
          if (!isObj(f) || typeof f.title !== 'string' || typeof f.value !== 'string' || ('short' in f && typeof f.short !== 'boolean')) out.push(`attachments[${i}].fields[${k}]: want {title, value, short?}`);
        });
      if ('mrkdwn_in' in a && (!Array.isArray(a.mrkdwn_in) || a.mrkdwn_in.some((m) => typeof m !== 'string'))) out.push(`attachments[${i}].mrkdwn_in: not a string list`);
    });
  return out;
}

/** Mattermost's incoming webhook (developers.mattermost.com, "Incoming webhooks"): Slack-compatible; text or attachments required. */
export function checkMattermost(j: unknown): string[] {
  const out: string[] = [];
  if (!isObj(j)) return ['not an object'];
  const hasText = typeof j.text === 'string' && j.text !== '';
  const hasAttachments = Array.isArray(j.attachments) && j.attachments.length > 0;
  if (!hasText && !hasAttachments) out.push('Unable to parse incoming data: text or attachments required');
  strings(j, ['channel', 'username', 'icon_url', 'icon_emoji', 'text'], 'message', out);
  if (Array.isArray(j.attachments))
    j.attachments.forEach((a: unknown, i) => {
      if (!isObj(a)) return out.push(`attachments[${i}]: not an object`);
      strings(a, ['fallback', 'color', 'pretext', 'text', 'title', 'title_link', 'footer'], `attachments[${i}]`, out);
    });
  return out;
}

/** An Office 365 connector MessageCard (learn.microsoft.com, "Message card reference"): summary or text required. */
export function checkTeams(j: unknown): string[] {
  const out: string[] = [];
  if (!isObj(j)) return ['not an object'];
  if (j['@context'] !== 'http://schema.org/extensions' && j['@context'] !== 'https://schema.org/extensions') out.push('@context: not schema.org/extensions');
  if (j['@type'] !== 'MessageCard' && j.type !== 'MessageCard') out.push('type: not MessageCard');
  strings(j, ['title', 'summary', 'text', 'themeColor'], 'card', out);
  if (!j.summary && !j.text) out.push('Summary or Text is required.');
  if (typeof j.themeColor === 'string' && !/^[0-9A-Fa-f]{6}$/.test(j.themeColor)) out.push('themeColor: not a hex colour');
  return out;
}

const checks: Record<string, (j: unknown, headers: IncomingHttpHeaders) => string[]> = {
  '/webhook': (j) => checkWebhookV4(j),
  '/slack': (j) => checkSlack(j, false),
  '/api/chat.postMessage': (j, h) => (h.authorization === `Bearer ${process.env.ONCALL_TEST_SLACK_TOKEN ?? 'xoxb-test-token'}` ? checkSlack(j, true) : ['invalid_auth']),
  '/mattermost': (j) => checkMattermost(j),
  '/teams': (j) => checkTeams(j),
};

export interface ChannelReceiver {
  url: string;
  received: Received[];
  /** The next requests (one per entry) fail this way. */
  failNext(...modes: FailMode[]): void;
  /** Every request fails this way until cleared. */
  failAlways(mode: FailMode | null): void;
  next(path?: string, timeoutMs?: number): Promise<Received>;
  stop(): Promise<void>;
}

export async function startChannelReceiver(): Promise<ChannelReceiver> {
  const received: Received[] = [];
  const queue: FailMode[] = [];
  let always: FailMode | null = null;
  const waiters: { path?: string | undefined; resolve: (r: Received) => void }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      let json: unknown = null;
      let problems: string[];
      try {
        json = JSON.parse(body);
        problems = checks[path]?.(json, req.headers) ?? [`no receiver at ${path}`];
      } catch {
        problems = ['body is not JSON'];
      }
      const rec: Received = { path, url: req.url ?? '/', headers: req.headers, body, json, problems };
      const mode = queue.shift() ?? always;
      const answer = () => {
        if (mode && 'status' in mode) {
          res.writeHead(mode.status, mode.retryAfter ? { 'retry-after': mode.retryAfter } : {});
          res.end((mode.body ?? `failing on purpose (${mode.status})`).replace('{url}', req.url ?? ''));
          return;
        }
        received.push(rec);
        const i = waiters.findIndex((w) => w.path === undefined || w.path === path);
        if (i >= 0) waiters.splice(i, 1)[0]?.resolve(rec);
        if (problems.length) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end(problems.join('; '));
        } else if (path === '/api/chat.postMessage') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true,"channel":"C1","ts":"1.2"}');
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(path === '/teams' ? '1' : 'ok');
        }
      };
      if (mode && 'hang' in mode) return; // never answers; the client's timeout must end it
      if (mode && 'delayMs' in mode) setTimeout(answer, mode.delayMs);
      else answer();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (...modes) => queue.push(...modes),
    failAlways: (mode) => (always = mode),
    next: (path, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const have = received.find((r) => (path === undefined || r.path === path) && !(r as { taken?: boolean }).taken);
        if (have) {
          (have as { taken?: boolean }).taken = true;
          resolve(have);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`nothing at ${path ?? '(any)'} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          path,
          resolve: (r) => {
            clearTimeout(timer);
            (r as { taken?: boolean }).taken = true;
            resolve(r);
          },
        });
      }),
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
