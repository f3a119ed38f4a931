import type { Alert, AlertSource } from '../../../preload/contract';
import type { AlertFeedPort } from '../context';
import type { EventBus } from '../shared/event-bus';

interface Snapshot {
  list: Alert[];
  /** fingerprint -> the source's alert (its winner when it reported one fingerprint twice). */
  byFingerprint: Map<string, Alert>;
  /** False when the source reported a fingerprint twice: its index is then rebuilt on every publish. */
  unique: boolean;
}

const rank = { firing: 2, pending: 1, resolved: 0 } as const;

/** Of two copies of one alert, the firing one wins over pending, pending over resolved; muting is merged. */
function pick(a: Alert, b: Alert): Alert {
  const winner = rank[b.state] > rank[a.state] ? b : a;
  return withMuting(winner, winner === a ? b : a);
}

/** Above this many replaced alerts in one publish, the source's index is rebuilt rather than patched. */
const patchLimit = 256;

/**
 * Where every alert source (probes, local rule evaluation, Prometheus, Alertmanager, the console
 * itself) publishes its current alerts. Each source replaces its own snapshot; consumers (the
 * alerting policy, the UI) read the merged view, deduplicated by fingerprint.
 *
 * Sources republish their whole list on every change, so the feed works out which fingerprints
 * changed (by object identity, position by position) and keeps the merged view up to date for
 * those only: with 10,000 alerts, one changed alert must not cost 10,000 lookups downstream.
 */
export class AlertFeed implements AlertFeedPort {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly listeners = new Set<() => void>();
  private readonly mergedByFingerprint = new Map<string, Alert>();
  private mergedList: Alert[] | null = null;
  private changed = new Set<string>();
  /** Fingerprints to re-merge at the end of this publish. */
  private readonly pending = new Set<string>();

  constructor(private readonly bus: EventBus) {}

  publish(source: AlertSource, sourceName: string, alerts: Alert[]): void {
    const key = `${source}\u0000${sourceName}`;
    const next = this.diff(this.snapshots.get(key), alerts);
    this.snapshots.set(key, next);
    this.remerge();
    this.bus.emit('alerts:source-changed', { source, sourceName, count: alerts.length });
    for (const listener of this.listeners) listener();
  }

  /**
   * Every alert, one per fingerprint; a firing copy wins over pending, pending over resolved. When
   * the same alert also comes from an Alertmanager, its silences and inhibitions are kept on the
   * winner, so a local copy of a silenced alert shows as silenced too.
   */
  merged(): Alert[] {
    this.mergedList ??= [...this.mergedByFingerprint.values()];
    return this.mergedList;
  }

  get(fingerprint: string): Alert | undefined {
    return this.mergedByFingerprint.get(fingerprint);
  }

  /** Fingerprints whose merged alert changed (or went away) since the last call. */
  takeChanges(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The new snapshot of a source; collects the fingerprints that differ from the previous one. */
  private diff(prev: Snapshot | undefined, list: Alert[]): Snapshot {
    if (prev?.unique && prev.list.length === list.length) {
      const replaced: number[] = [];
      for (let i = 0; i < list.length && replaced.length <= patchLimit; i++) if (list[i] !== prev.list[i]) replaced.push(i);
      if (replaced.length <= patchLimit) {
        const index = prev.byFingerprint;
        for (const i of replaced) index.delete(prev.list[i]!.fingerprint);
        for (const i of replaced) {
          const alert = list[i]!;
          if (index.has(alert.fingerprint)) return this.rebuild(prev, list);
          index.set(alert.fingerprint, alert);
        }
        for (const i of replaced) {
          this.pending.add(prev.list[i]!.fingerprint);
          this.pending.add(list[i]!.fingerprint);
        }
        return { list, byFingerprint: index, unique: true };
      }
    }
    return this.rebuild(prev, list);
  }

  private rebuild(prev: Snapshot | undefined, list: Alert[]): Snapshot {
    for (const a of prev?.list ?? []) this.pending.add(a.fingerprint);
    const index = new Map<string, Alert>();
    let unique = true;
    for (const a of list) {
      const seen = index.get(a.fingerprint);
      index.set(a.fingerprint, seen ? pick(seen, a) : a);
      if (seen) unique = false;
      this.pending.add(a.fingerprint);
    }
    return { list, byFingerprint: index, unique };
  }

  private remerge(): void {
    if (this.pending.size === 0) return;
    for (const fp of this.pending) {
      const winner = this.winner(fp);
      if (winner === this.mergedByFingerprint.get(fp)) continue;
      if (winner) this.mergedByFingerprint.set(fp, winner);
      else this.mergedByFingerprint.delete(fp);
      this.changed.add(fp);
      this.mergedList = null;
    }
    this.pending.clear();
  }

  /** The merged alert for a fingerprint, folding the sources in the order they first published. */
  private winner(fp: string): Alert | undefined {
    let best: Alert | undefined;
    for (const snapshot of this.snapshots.values()) {
      const alert = snapshot.byFingerprint.get(fp);
      if (alert) best = best ? pick(best, alert) : alert;
    }
    return best;
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
