import type { Alert, AlertSource } from '../../../preload/contract';
import type { EventBus } from '../shared/event-bus';

/**
 * Where every alert source (probes, local rule evaluation, Prometheus, Alertmanager, the console
 * itself) publishes its current alerts. Each source replaces its own snapshot; consumers (the
 * alerting policy, the UI) read the merged view, deduplicated by fingerprint.
 */
export class AlertFeed {
  private readonly snapshots = new Map<string, Alert[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly bus: EventBus) {}

  publish(source: AlertSource, sourceName: string, alerts: Alert[]): void {
    this.snapshots.set(`${source}\u0000${sourceName}`, alerts);
    this.bus.emit('alerts:source-changed', { source, sourceName, count: alerts.length });
    for (const listener of this.listeners) listener();
  }

  /**
   * Every alert, one per fingerprint; a firing copy wins over pending, pending over resolved. When
   * the same alert also comes from an Alertmanager, its silences and inhibitions are kept on the
   * winner, so a local copy of a silenced alert shows as silenced too.
   */
  merged(): Alert[] {
    const rank = { firing: 2, pending: 1, resolved: 0 } as const;
    const byFingerprint = new Map<string, Alert>();
    for (const alerts of this.snapshots.values()) {
      for (const alert of alerts) {
        const seen = byFingerprint.get(alert.fingerprint);
        if (!seen) {
          byFingerprint.set(alert.fingerprint, alert);
          continue;
        }
        const winner = rank[alert.state] > rank[seen.state] ? alert : seen;
        const other = winner === alert ? seen : alert;
        byFingerprint.set(alert.fingerprint, withMuting(winner, other));
      }
    }
    return [...byFingerprint.values()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function withMuting(winner: Alert, other: Alert): Alert {
  const silencedBy = union(winner.silencedBy, other.silencedBy);
  const inhibitedBy = union(winner.inhibitedBy, other.inhibitedBy);
  if (silencedBy === winner.silencedBy && inhibitedBy === winner.inhibitedBy) return winner;
  return { ...winner, ...(silencedBy ? { silencedBy } : {}), ...(inhibitedBy ? { inhibitedBy } : {}) };
}

function union(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!b?.length) return a;
  if (!a?.length) return b;
  const extra = b.filter((x) => !a.includes(x));
  return extra.length ? [...a, ...extra] : a;
}
