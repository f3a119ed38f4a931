import { z } from 'zod';
import type { TextMessage } from '../message';
import { idempotencyHeader, readConfig } from './config';
import { clientOptions, httpConfigSchema, httpResult, networkFailure } from './http';
import { dataOf, goJson, renderer, truncateRunes } from './render';
import { failure } from './result';
import type { IntegrationKind, SendContext } from './types';

/**
 * `slack_configs`, as Alertmanager 0.25 sends them: one attachment with the templated fields, to
 * an incoming webhook or to `https://slack.com/api/chat.postMessage` with a token
 * (`http_config.authorization`). Mattermost's incoming webhooks take the same payload, so a
 * Mattermost channel is a `slack_configs` entry whose `api_url` is the Mattermost hook URL.
 */
const str = z.string().optional();
const tpl = (def: string) => z.string().default(def);
const schema = z
  .object({
    send_resolved: z.boolean().optional(),
    api_url: str,
    api_url_file: str,
    http_config: httpConfigSchema.optional(),
    channel: str,
    username: tpl('{{ template "slack.default.username" . }}'),
    color: tpl('{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}'),
    title: tpl('{{ template "slack.default.title" . }}'),
    title_link: tpl('{{ template "slack.default.titlelink" . }}'),
    pretext: tpl('{{ template "slack.default.pretext" . }}'),
    text: tpl('{{ template "slack.default.text" . }}'),
    fields: z.array(z.object({ title: z.string().min(1, 'missing title in Slack field configuration'), value: z.string().min(1, 'missing value in Slack field configuration'), short: z.boolean().optional() }).strict()).optional(),
    short_fields: z.boolean().default(false),
    footer: tpl('{{ template "slack.default.footer" . }}'),
    fallback: tpl('{{ template "slack.default.fallback" . }}'),
    callback_id: tpl('{{ template "slack.default.callbackid" . }}'),
    icon_emoji: tpl('{{ template "slack.default.iconemoji" . }}'),
    icon_url: tpl('{{ template "slack.default.iconurl" . }}'),
    image_url: str,
    thumb_url: str,
    link_names: z.boolean().default(false),
    mrkdwn_in: z.array(z.string()).default(['fallback', 'pretext', 'text']),
    actions: z
      .array(
        z
          .object({
            type: z.string().min(1, 'missing type in Slack action configuration'),
            text: z.string().min(1, 'missing text in Slack action configuration'),
            url: str,
            style: str,
            name: str,
            value: str,
            confirm: z.object({ title: str, text: z.string(), ok_text: str, dismiss_text: str }).strict().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .refine((c) => !(c.api_url && c.api_url_file), { message: 'at most one of api_url & api_url_file must be configured' });

type SlackConfig = z.output<typeof schema>;

/** Slack's title limit; Alertmanager cuts longer titles with "…". */
const maxTitleRunes = 1024;

const omitEmpty = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0)));

async function alertPayload(cfg: SlackConfig, ctx: SendContext, data: ReturnType<typeof dataOf>): Promise<Record<string, unknown>> {
  const r = renderer(ctx.templates, data);
  const fields = [];
  for (const f of cfg.fields ?? []) fields.push({ title: await r.text('fields.title', f.title), value: await r.text('fields.value', f.value), short: f.short ?? cfg.short_fields });
  const actions = [];
  for (const a of cfg.actions ?? []) {
    actions.push(
      omitEmpty({
        type: await r.text('actions.type', a.type),
        text: await r.text('actions.text', a.text),
        url: await r.text('actions.url', a.url),
        style: await r.text('actions.style', a.style),
        name: await r.text('actions.name', a.name),
        value: await r.text('actions.value', a.value),
        confirm: a.confirm
          ? {
              ...omitEmpty({ title: await r.text('actions.confirm.title', a.confirm.title) }),
              text: await r.text('actions.confirm.text', a.confirm.text),
              ...omitEmpty({ ok_text: await r.text('actions.confirm.ok_text', a.confirm.ok_text), dismiss_text: await r.text('actions.confirm.dismiss_text', a.confirm.dismiss_text) }),
            }
          : undefined,
      }),
    );
  }
  // Key order and omitempty as Alertmanager's attachment struct.
  const attachment = {
    ...omitEmpty({ title: truncateRunes(await r.text('title', cfg.title), maxTitleRunes), title_link: await r.text('title_link', cfg.title_link), pretext: await r.text('pretext', cfg.pretext) }),
    text: await r.text('text', cfg.text),
    fallback: await r.text('fallback', cfg.fallback),
    callback_id: await r.text('callback_id', cfg.callback_id),
    ...omitEmpty({ fields, actions, image_url: await r.text('image_url', cfg.image_url), thumb_url: await r.text('thumb_url', cfg.thumb_url) }),
    footer: await r.text('footer', cfg.footer),
    ...omitEmpty({ color: await r.text('color', cfg.color), mrkdwn_in: cfg.mrkdwn_in }),
  };
  return {
    ...(await header(cfg, ctx, data)),
    attachments: [attachment],
  };
}

async function header(cfg: SlackConfig, ctx: SendContext, data: ReturnType<typeof dataOf>): Promise<Record<string, unknown>> {
  const r = renderer(ctx.templates, data);
  return omitEmpty({
    channel: await r.text('channel', cfg.channel),
    username: await r.text('username', cfg.username),
    icon_emoji: await r.text('icon_emoji', cfg.icon_emoji),
    icon_url: await r.text('icon_url', cfg.icon_url),
    link_names: cfg.link_names,
  });
}

/** A status update or test message: one attachment with the title, the text and the console link. */
async function textPayload(cfg: SlackConfig, ctx: SendContext, message: TextMessage): Promise<Record<string, unknown>> {
  const body = message.link ? `${message.text}\n\n${message.link}` : message.text;
  return {
    ...(await header(cfg, ctx, dataOf({ kind: 'text', message }, ctx.receiver))),
    attachments: [{ title: truncateRunes(message.title, maxTitleRunes), text: body, fallback: message.title, footer: 'oncall console', mrkdwn_in: ['text'] }],
  };
}

export const slackKind: IntegrationKind = {
  kind: 'slack',
  schema,
  sendResolvedDefault: false,
  async send(raw, message, ctx) {
    try {
      const cfg = readConfig(schema, raw, 'slack');
      const url =
        (await ctx.secrets.field('api_url', cfg.api_url, cfg.api_url_file)) ?? (await ctx.secrets.required('slack_api_url (global)', ctx.global.slack_api_url, ctx.global.slack_api_url_file));
      const client = await clientOptions(cfg.http_config ?? ctx.global.http_config, ctx.secrets, ctx.baseDir);
      const payload = message.kind === 'alerts' ? await alertPayload(cfg, ctx, message.data) : await textPayload(cfg, ctx, message.message);
      const answer = await ctx.post(url, goJson(payload), { ...client.headers, [idempotencyHeader]: ctx.idempotencyKey }, client.tls);
      const result = httpResult(answer, ctx.now());
      // The Web API (chat.postMessage) answers 200 with {"ok": false, "error": "..."}: not delivered.
      if (result.ok && /^\s*\{/.test(answer.body)) {
        try {
          const body = JSON.parse(answer.body) as { ok?: unknown; error?: unknown };
          if (body.ok === false) return failure(`Slack: ${typeof body.error === 'string' ? body.error : 'not ok'}`, false, { status: answer.status });
        } catch {
          // not JSON after all: an incoming webhook's "ok"
        }
      }
      return result;
    } catch (err) {
      return networkFailure(err);
    }
  },
};
