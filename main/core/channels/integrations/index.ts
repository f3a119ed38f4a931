import type { IntegrationRef } from '../message';
import { emailKind } from './email';
import { msteamsKind } from './msteams';
import { slackKind } from './slack';
import type { IntegrationKind } from './types';
import { webhookKind } from './webhook';

/** Every kind the console delivers, by Alertmanager's name without `_configs`. Mattermost is `slack`. */
export const integrationKinds: Readonly<Record<string, IntegrationKind>> = {
  email: emailKind,
  slack: slackKind,
  webhook: webhookKind,
  msteams: msteamsKind,
};

export const deliverable = (kind: string): boolean => Object.hasOwn(integrationKinds, kind);

/**
 * Whether an integration is sent resolved notifications: its `send_resolved`, else Alertmanager's
 * default for the kind (e-mail and Slack no, webhook and Teams yes). The outbox asks before queueing.
 */
export function sendsResolvedConfig(kind: string, config: unknown): boolean {
  const written = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).send_resolved : undefined;
  if (typeof written === 'boolean') return written;
  return integrationKinds[kind]?.sendResolvedDefault ?? false;
}

export type { IntegrationRef };

/** What is wrong with one integration's config (the first problem, naming the field), or null. */
export function integrationProblem(kind: string, config: unknown): string | null {
  const k = integrationKinds[kind];
  if (!k) return null;
  const parsed = k.schema.safeParse(config ?? {});
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue?.path.length ? issue.path.join('.') : '(config)'}: ${issue?.message ?? 'invalid'}`;
}
