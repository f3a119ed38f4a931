import type { Receiver } from './schema';

/**
 * Integration kinds the console itself delivers (channels/integrations: e-mail over SMTP, Slack and
 * Mattermost, Alertmanager's webhook, Microsoft Teams). Every other kind is kept with its receiver,
 * so routing still names it, and reported, so nobody believes a page went out that did not.
 */
export const deliverableKinds: readonly string[] = ['email_configs', 'slack_configs', 'webhook_configs', 'msteams_configs'];

/** One line per receiver integration the console will not deliver. */
export function receiverWarnings(receivers: readonly Receiver[]): string[] {
  const out: string[] = [];
  for (const r of receivers) {
    for (const [kind, list] of Object.entries(r.configs)) {
      if (deliverableKinds.includes(kind)) continue;
      out.push(`receiver "${r.name}": ${kind} (${list.length}) kept for routing but not delivered by the console`);
    }
  }
  return out;
}
