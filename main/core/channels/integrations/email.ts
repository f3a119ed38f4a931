import { createTransport } from 'nodemailer';
import { z } from 'zod';
import type { DeliveryResult, TextMessage } from '../message';
import { readConfig } from './config';
import { tlsConfigField, tlsOptions } from './http';
import { dataOf, renderer } from './render';
import { clip, failure, PermanentError } from './result';
import type { IntegrationKind, SendContext } from './types';

/**
 * `email_configs` over SMTP (nodemailer), as Alertmanager 0.25 sends them: implicit TLS on port
 * 465, otherwise STARTTLS when `require_tls` (default true, and then required: a server without
 * it is refused) and plain text when not; AUTH with the username/password (or CRAM-MD5 secret);
 * the global smtp_* values fill what the receiver leaves out. Every header is a template; To, From
 * and Subject default to the receiver's `to`, `from` and `email.default.subject`. The Message-ID
 * comes from the idempotency key, so a retried message is recognisably the same message.
 */
const str = z.string().optional();
const schema = z
  .object({
    send_resolved: z.boolean().optional(),
    to: z.string({ error: 'missing to address in email config' }).min(1, 'missing to address in email config'),
    from: str,
    hello: str,
    smarthost: str,
    auth_username: str,
    auth_password: str,
    auth_password_file: str,
    auth_secret: str,
    auth_identity: str,
    headers: z.record(z.string(), z.string()).default({}),
    html: z.string().default('{{ template "email.default.html" . }}'),
    text: str,
    require_tls: z.boolean().optional(),
    tls_config: tlsConfigField,
  })
  .strict();

type EmailConfig = z.output<typeof schema>;

/** textproto.CanonicalMIMEHeaderKey: `x-team` → `X-Team`. */
const canonical = (k: string) => k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());

function splitHostPort(smarthost: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(smarthost);
  if (!m) throw new PermanentError(`smarthost "${smarthost}" must be host:port`);
  return { host: m[1] ?? '', port: Number(m[2]) };
}

function headersOf(cfg: EmailConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cfg.headers)) {
    const key = canonical(k);
    if (Object.hasOwn(out, key)) throw new PermanentError(`duplicate header "${key}" in email config`);
    out[key] = v;
  }
  out.Subject ??= '{{ template "email.default.subject" . }}';
  out.To ??= cfg.to;
  if (cfg.from !== undefined) out.From ??= cfg.from;
  return out;
}

/** The parts of a human-written message: plain text and a small escaped HTML twin. */
function textBodies(m: TextMessage): { text: string; html: string } {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
  const text = m.link ? `${m.text}\n\n${m.link}\n` : `${m.text}\n`;
  const paras = m.text.split(/\n{2,}/).map((p) => `<p>${esc(p).replace(/\n/g, '<br />')}</p>`);
  if (m.link) paras.push(`<p><a href="${esc(m.link)}">${esc(m.link)}</a></p>`);
  return { text, html: `<!DOCTYPE html>\n<html><body>\n<h2>${esc(m.title)}</h2>\n${paras.join('\n')}\n</body></html>\n` };
}

/** SMTP reply codes: 4xx is "try later", 5xx is final; no reply at all (network) may pass. */
function smtpFailure(err: unknown): DeliveryResult {
  if (err instanceof PermanentError) return failure(err.message, false);
  const e = err as Error & { responseCode?: number; response?: string; code?: string; command?: string };
  // A server that will not do STARTTLS while require_tls is set will not start to on a retry.
  if (e.command === 'STARTTLS') return failure(`the server refused STARTTLS (${e.response ?? e.message}); require_tls is true (Alertmanager's default)`, false, typeof e.responseCode === 'number' ? { status: e.responseCode } : {});
  if (typeof e.responseCode === 'number') return failure(e.response ?? e.message, e.responseCode < 500, { status: e.responseCode });
  // nodemailer's own refusals that a retry will repeat: no STARTTLS offered, bad auth setup, a bad certificate.
  if (e.code === 'ETLS' || e.code === 'EAUTH' || e.code === 'EENVELOPE' || /certificate|self.signed/i.test(e.message)) return failure(`${e.code ?? 'SMTP'}: ${e.message}`, false);
  return failure(`${e.code ? `${e.code}: ` : ''}${e.message}`, true);
}

async function send(cfg: EmailConfig, ctx: SendContext, message: Parameters<IntegrationKind['send']>[1]): Promise<DeliveryResult> {
  const g = ctx.global;
  const smarthost = cfg.smarthost ?? g.smtp_smarthost;
  if (!smarthost) throw new PermanentError('no smarthost (set smarthost or global.smtp_smarthost)');
  const { host, port } = splitHostPort(smarthost);
  const data = dataOf(message, ctx.receiver);
  const r = renderer(ctx.templates, data);
  const headers = headersOf({ ...cfg, from: cfg.from ?? g.smtp_from });
  const from = await r.text('from', cfg.from ?? g.smtp_from);
  if (!from) throw new PermanentError('no from address (set from or global.smtp_from)');
  const to = await r.text('to', cfg.to);
  const rendered: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) rendered[k] = await r.text(`headers.${k}`, v);
  let html: string | undefined;
  let text: string | undefined;
  if (message.kind === 'alerts') {
    html = cfg.html ? await r.html('html', cfg.html) : undefined;
    text = cfg.text ? await r.text('text', cfg.text) : undefined;
  } else {
    ({ html, text } = textBodies(message.message));
    rendered.Subject = message.message.title;
  }
  const user = cfg.auth_username ?? g.smtp_auth_username;
  const password = user ? await ctx.secrets.field('auth_password', cfg.auth_password ?? g.smtp_auth_password, cfg.auth_password_file ?? g.smtp_auth_password_file) : undefined;
  // CRAM-MD5 with auth_secret, as Alertmanager uses it when no password is given.
  const secret = user && password === undefined ? await ctx.secrets.field('auth_secret', cfg.auth_secret ?? g.smtp_auth_secret, undefined) : undefined;
  const requireTls = cfg.require_tls ?? g.smtp_require_tls;
  const implicitTls = port === 465;
  const tls = await tlsOptions(cfg.tls_config, ctx.baseDir);
  const transport = createTransport({
    host,
    port,
    secure: implicitTls,
    // Alertmanager does STARTTLS only when require_tls, and then insists on it.
    requireTLS: !implicitTls && requireTls,
    ignoreTLS: !implicitTls && !requireTls,
    name: cfg.hello ?? g.smtp_hello,
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
    tls: { rejectUnauthorized: tls.rejectUnauthorized ?? true, ...(tls.ca ? { ca: tls.ca as string } : {}), ...(tls.servername ? { servername: tls.servername } : {}) },
    ...(user ? { auth: { user, pass: password ?? secret ?? '' } } : {}),
    ...(secret !== undefined ? { authMethod: 'CRAM-MD5' } : {}),
  });
  const abort = () => transport.close();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    const { Subject: subject, To: toHeader, From: fromHeader, ...extra } = rendered;
    const info = (await transport.sendMail({
      envelope: { from, to },
      from: fromHeader ?? from,
      to: toHeader ?? to,
      subject: subject ?? '',
      messageId: `<${ctx.idempotencyKey}@oncall-console>`,
      headers: extra,
      ...(html !== undefined ? { html } : {}),
      ...(text !== undefined ? { text } : {}),
    })) as { response?: string };
    const response = info.response ?? '250 OK';
    return { ok: true, retryable: false, status: Number(/^\d{3}/.exec(response)?.[0] ?? 250), answer: clip(response) };
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    transport.close();
  }
}

export const emailKind: IntegrationKind = {
  kind: 'email',
  schema,
  sendResolvedDefault: false,
  async send(raw, message, ctx) {
    try {
      return await send(readConfig(schema, raw, 'email'), ctx, message);
    } catch (err) {
      return smtpFailure(err);
    }
  },
};
