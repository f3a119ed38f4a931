import { z } from 'zod';
import type { NotificationData, TextMessage } from '../message';
import { readConfig, idempotencyHeader } from './config';
import { dataForAlerts } from '../subset';
import { quoteMeta } from '../templates/data';
import { goJson } from './render';
import { clientOptions, httpConfigSchema, httpResult, networkFailure } from './http';
import type { IntegrationKind, SendContext } from './types';

/**
 * `webhook_configs`: Alertmanager's webhook payload, version "4", field for field, so existing
 * consumers work unchanged. One header more than Alertmanager sends: `Idempotency-Key`, stable
 * across retries, so a consumer can drop a message it already has.
 */
const schema = z
  .object({
    send_resolved: z.boolean().optional(),
    url: z.string().optional(),
    url_file: z.string().optional(),
    http_config: httpConfigSchema.optional(),
    max_alerts: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((c) => !(c.url && c.url_file), { message: 'at most one of url & url_file must be configured' });

/** Alertmanager's webhook JSON: Data's fields in Go's struct order, then version, groupKey, truncatedAlerts. */
export function webhookPayload(all: NotificationData, maxAlerts: number): Record<string, unknown> {
  const keep = maxAlerts > 0 && all.alerts.length > maxAlerts ? all.alerts.slice(0, maxAlerts) : all.alerts;
  // Alertmanager truncates before it builds the data: common labels are those of the alerts kept.
  const data = dataForAlerts(all, keep);
  return {
    // Alertmanager's template.Data holds the receiver's name through regexp.QuoteMeta, and the
    // webhook payload is that Data: "team.x" arrives as "team\\.x".
    receiver: quoteMeta(data.receiver),
    status: data.status,
    alerts: keep.map((a) => ({
      status: a.status,
      labels: sorted(a.labels),
      annotations: sorted(a.annotations),
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
    groupLabels: sorted(data.groupLabels),
    commonLabels: sorted(data.commonLabels),
    commonAnnotations: sorted(data.commonAnnotations),
    externalURL: data.externalURL,
    version: '4',
    groupKey: data.groupKey,
    truncatedAlerts: all.truncatedAlerts + (all.alerts.length - keep.length),
  };
}

/** Go's encoding/json writes map keys sorted. */
function sorted(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k] as string]));
}

/**
 * The console's own shape for human-written messages (status updates, test messages): not
 * Alertmanager's (it has none), versioned so a consumer can tell the two apart.
 */
export function webhookTextPayload(receiver: string, message: TextMessage, idempotencyKey: string): Record<string, unknown> {
  return {
    version: 'oncall-text/1',
    receiver,
    idempotencyKey,
    title: message.title,
    text: message.text,
    ...(message.link ? { link: message.link } : {}),
    ...(message.incidentId ? { incidentId: message.incidentId } : {}),
  };
}

export const webhookKind: IntegrationKind = {
  kind: 'webhook',
  schema,
  sendResolvedDefault: true,
  async send(raw, message, ctx: SendContext) {
    try {
      const cfg = readConfig(schema, raw, 'webhook');
      const url = await ctx.secrets.required('url', cfg.url, cfg.url_file);
      const client = await clientOptions(cfg.http_config ?? ctx.global.http_config, ctx.secrets, ctx.baseDir);
      const payload = message.kind === 'alerts' ? webhookPayload(message.data, cfg.max_alerts) : webhookTextPayload(ctx.receiver, message.message, ctx.idempotencyKey);
      const answer = await ctx.post(url, goJson(payload), { ...client.headers, [idempotencyHeader]: ctx.idempotencyKey }, client.tls);
      return httpResult(answer, ctx.now());
    } catch (err) {
      return networkFailure(err);
    }
  },
};
