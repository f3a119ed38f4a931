import { z } from 'zod';
import { idempotencyHeader, readConfig } from './config';
import { clientOptions, httpConfigSchema, httpResult, networkFailure } from './http';
import { goJson, renderer } from './render';
import type { IntegrationKind } from './types';

/**
 * `msteams_configs`: an Office 365 connector MessageCard, as Alertmanager sends it (0.26, the
 * first release with Teams; Debian's 0.25 has none). Alertmanager writes the card's type under
 * the key `type`, not `@type`; Teams accepts it, and so do we, for consumers that compare.
 */
const schema = z
  .object({
    send_resolved: z.boolean().optional(),
    webhook_url: z.string().optional(),
    webhook_url_file: z.string().optional(),
    http_config: httpConfigSchema.optional(),
    title: z.string().default('{{ template "msteams.default.title" . }}'),
    summary: z.string().default('{{ template "msteams.default.summary" . }}'),
    text: z.string().default('{{ template "msteams.default.text" . }}'),
  })
  .strict()
  .refine((c) => !(c.webhook_url && c.webhook_url_file), { message: 'at most one of webhook_url & webhook_url_file must be configured' });

const colors = { firing: '8C1A1A', resolved: '2DC72D', other: '808080' };

function card(title: string, summary: string, text: string, themeColor: string) {
  return { '@context': 'http://schema.org/extensions', type: 'MessageCard', title, summary, text, themeColor };
}

export const msteamsKind: IntegrationKind = {
  kind: 'msteams',
  schema,
  sendResolvedDefault: true,
  async send(raw, message, ctx) {
    try {
      const cfg = readConfig(schema, raw, 'msteams');
      const url = await ctx.secrets.required('webhook_url', cfg.webhook_url, cfg.webhook_url_file);
      const client = await clientOptions(cfg.http_config ?? ctx.global.http_config, ctx.secrets, ctx.baseDir);
      let payload;
      if (message.kind === 'alerts') {
        const r = renderer(ctx.templates, message.data);
        payload = card(await r.text('title', cfg.title), await r.text('summary', cfg.summary), await r.text('text', cfg.text), colors[message.data.status] ?? colors.other);
      } else {
        const m = message.message;
        // Teams renders the text as Markdown, where a single newline does not break a line.
        const text = (m.link ? `${m.text}\n\n${m.link}` : m.text).replace(/\n/g, '\n\n');
        payload = card(m.title, m.title, text, colors.other);
      }
      const answer = await ctx.post(url, goJson(payload), { ...client.headers, [idempotencyHeader]: ctx.idempotencyKey }, client.tls);
      return httpResult(answer, ctx.now());
    } catch (err) {
      return networkFailure(err);
    }
  },
};
