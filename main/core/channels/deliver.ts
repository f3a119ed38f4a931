import type { RequestOptions } from 'node:https';
import { envSecretResolver } from '../probes/secrets';
import type { SecretResolver } from '../context';
import { dirname } from 'node:path';
import type { AmSettings } from '../alerts/am/check';
import type { Receiver } from '../alerts/am/schema';
import type { Deliver, DeliveryResult, IntegrationRef, NotificationData, OutgoingMessage } from './message';
import { defaultGlobal, parseGlobal, type AmGlobal } from './integrations/global';
import { post } from './integrations/http';
import { integrationKinds, sendsResolvedConfig } from './integrations/index';
import { failure } from './integrations/result';
import { Secrets } from './integrations/secrets';
import type { TemplateRenderer } from './integrations/types';
import { dataForAlerts } from './subset';
import { loadTemplateSet } from './templates/set';

/**
 * The receivers delivery works from, as loaded now: the receivers of config.yml's alerting blocks
 * or of the team's alertmanager.yml, its `global` and `templates`, and the folder relative paths
 * start from. Read on every send, so a reloaded config applies to the next message.
 */
export interface ChannelSource {
  receivers: readonly Receiver[];
  global?: unknown;
  templates?: unknown;
  baseDir: string;
}

/** The source of the config in use: `channelSource(ctx.config.current().alerting, ctx.config.path)`. */
export function channelSource(alerting: AmSettings, configFile: string): ChannelSource {
  const d = alerting.delivery;
  return { receivers: alerting.receivers, global: d?.global, templates: d?.templates, baseDir: d?.baseDir ?? dirname(configFile) };
}

export interface DeliverDeps {
  source(): ChannelSource;
  secrets?: SecretResolver;
  /** Per request; Alertmanager has none by default, the console bounds every try. */
  timeoutMs?: number;
  now?: () => number;
}

export const defaultTimeoutMs = 10_000;

/** Finds the integration `ref` names; undefined when the receiver or that integration is gone. */
export function findIntegration(source: ChannelSource, ref: IntegrationRef): unknown {
  const receiver = source.receivers.find((r) => r.name === ref.receiver);
  return receiver?.configs[`${ref.kind}_configs`]?.[ref.index];
}

/** Whether `ref` gets resolved notifications (send_resolved, or the kind's Alertmanager default). */
export function sendsResolved(source: ChannelSource, ref: IntegrationRef): boolean {
  return sendsResolvedConfig(ref.kind, findIntegration(source, ref));
}

/**
 * Alertmanager drops resolved alerts for an integration without send_resolved before it renders,
 * so the data (status, common labels) is that of the firing alerts only; nothing is sent when none fire.
 */
export function forIntegration(data: NotificationData, resolved: boolean): NotificationData | null {
  if (resolved) return data;
  const firing = data.alerts.filter((a) => a.status === 'firing');
  return firing.length === 0 ? null : dataForAlerts(data, firing);
}

export function createDeliver(deps: DeliverDeps): Deliver {
  const resolver = deps.secrets ?? envSecretResolver();
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? defaultTimeoutMs;
  return async (ref, message, options) => {
    const source = deps.source();
    const kind = integrationKinds[ref.kind];
    if (!kind) return failure(`the console does not deliver ${ref.kind}_configs`, false);
    const config = findIntegration(source, ref);
    if (config === undefined) return failure(`receiver "${ref.receiver}" has no ${ref.kind}_configs[${ref.index}] (config changed?)`, false);
    let outgoing: OutgoingMessage = message;
    if (message.kind === 'alerts') {
      const data = forIntegration(message.data, sendsResolvedConfig(ref.kind, config));
      if (!data) return { ok: true, retryable: false, answer: 'not sent: every alert is resolved and send_resolved is false' };
      outgoing = { kind: 'alerts', data };
    }
    const global = parseGlobal(source.global);
    if (!global.ok) return failure(global.message, false);
    const secrets = new Secrets(resolver, source.baseDir);
    let templates: TemplateRenderer;
    try {
      templates = await loadTemplateSet(source.templates, source.baseDir);
    } catch (err) {
      return failure(`templates: ${(err as Error).message}`, false);
    }
    const result = await kind.send(config, outgoing, {
      receiver: ref.receiver,
      secrets,
      baseDir: source.baseDir,
      global: global.ok ? global.global : (defaultGlobal satisfies AmGlobal),
      templates,
      idempotencyKey: options.idempotencyKey,
      timeoutMs,
      signal: options.signal,
      now,
      post: (url: string, body: string, headers: Record<string, string>, tls: RequestOptions) => post(url, body, headers, tls, { timeoutMs, signal: options.signal, now }),
    });
    return masked(result, secrets);
  };
}

/** The last line of defence: nothing read as a secret during this send leaves in the result. */
function masked(result: DeliveryResult, secrets: Secrets): DeliveryResult {
  return { ...result, answer: secrets.mask(result.answer) };
}
