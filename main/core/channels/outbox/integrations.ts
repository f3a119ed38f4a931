import type { Receiver } from '../../alerts/config';
import { sendsResolvedConfig } from '../integrations';
import type { IntegrationRef } from '../message';

/**
 * The integrations of a receiver the console delivers: every entry of each deliverable
 * `<kind>_configs` list, in the order written. `deliverable` holds Alertmanager's keys
 * (`webhook_configs`), as alerts/am/receivers.ts lists them.
 */
export function receiverIntegrations(receivers: readonly Receiver[], deliverable: readonly string[], name: string): IntegrationRef[] {
  const receiver = receivers.find((r) => r.name === name);
  if (!receiver) return [];
  const out: IntegrationRef[] = [];
  for (const [key, list] of Object.entries(receiver.configs)) {
    if (!deliverable.includes(key)) continue;
    const kind = key.replace(/_configs$/, '');
    list.forEach((_, index) => out.push({ receiver: name, kind, index }));
  }
  return out;
}

/** The integration's own config entry as written (send_resolved, url, …). */
export function integrationConfig(receivers: readonly Receiver[], ref: IntegrationRef): Record<string, unknown> | undefined {
  const entry = receivers.find((r) => r.name === ref.receiver)?.configs[`${ref.kind}_configs`]?.[ref.index];
  return entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
}

/** Whether the integration is told about resolved alerts: its `send_resolved`, else Alertmanager's default for its kind (one table, in integrations/). */
export function sendsResolvedFallback(config: Record<string, unknown> | undefined, kind: string): boolean {
  return sendsResolvedConfig(kind, config);
}
