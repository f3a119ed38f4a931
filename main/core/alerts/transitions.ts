import type { Alert, AlertState } from '../../../preload/contract';
import type { TimelinePort } from '../context';
import type { AlertingConfig } from './config';
import { alertTitle, priorityOf } from './priority';

export interface HistoryPoint {
  at: number;
  value: number | null;
  state: AlertState;
}

const historyLimit = 300;
/** Shared by every alert without an incident: no allocation per alert per recompute. Never mutated. */
const none: string[] = [];

/**
 * Watches alert state changes: keeps a short value history per alert, writes transitions of linked
 * alerts onto their incidents' timelines, and opens incidents automatically where configured.
 */
export class TransitionJournal {
  private readonly states = new Map<string, { state: AlertState; value: number | null }>();
  private readonly history = new Map<string, HistoryPoint[]>();
  /** fingerprint -> open incidents; refreshed from the journal on each transition, not per recompute. */
  private readonly linked = new Map<string, string[]>();
  private warned = false;

  constructor(
    private readonly timeline: TimelinePort,
    private readonly config: () => AlertingConfig,
  ) {}

  incidents(fingerprint: string): string[] {
    return this.linked.get(fingerprint) ?? none;
  }

  historyOf(fingerprint: string): HistoryPoint[] {
    return this.history.get(fingerprint) ?? [];
  }

  /** Applies the alerts whose decoration changed; returns fingerprints that resolved or left (their marks are forgotten). */
  observe(changes: readonly { fingerprint: string; after: { alert: Alert } | undefined }[], now: number): string[] {
    const ended: string[] = [];
    for (const { fingerprint: fp, after } of changes) {
      const prev = this.states.get(fp);
      if (!after) {
        if (!prev) continue;
        this.states.delete(fp);
        this.history.delete(fp);
        if (prev.state !== 'resolved') {
          ended.push(fp);
          this.appendToIncidents(fp, { kind: 'alert_transition', text: `${fp} resolved (no longer reported)`, data: { fingerprint: fp, from: prev.state, to: 'resolved' }, at: now });
        }
        this.linked.delete(fp);
        continue;
      }
      const { alert } = after;
      if (prev && prev.state === alert.state && prev.value === alert.value) continue;
      this.states.set(fp, { state: alert.state, value: alert.value });
      this.point(fp, { at: now, value: alert.value, state: alert.state });
      if (prev?.state === alert.state) continue;
      if (alert.state === 'resolved') ended.push(fp);
      this.transition(alert, prev?.state ?? null, alert.state, now);
    }
    return ended;
  }

  link(incidentId: string, fingerprints: readonly string[]): void {
    for (const fp of fingerprints) {
      if (!this.timeline.incidentsForAlert(fp).includes(incidentId)) this.timeline.linkAlert(incidentId, fp);
      this.linked.set(fp, this.timeline.incidentsForAlert(fp));
    }
  }

  noteAck(fingerprints: readonly string[], by: string, at: number): void {
    for (const fp of fingerprints) this.appendToIncidents(fp, { kind: 'alert_transition', text: `Alert ${fp} acknowledged by ${by}`, data: { fingerprint: fp, acknowledged: true, by }, at });
  }

  reminder(fingerprint: string, text: string, data: Record<string, unknown>, at: number): void {
    this.appendToIncidents(fingerprint, { kind: 'reminder', text, data: { fingerprint, ...data }, at });
  }

  escalated(fingerprint: string, level: number, name: string, at: number): number {
    return this.appendToIncidents(fingerprint, { kind: 'communication', text: `Escalated to level ${level} (${name})`, data: { fingerprint, level, escalated: true }, at });
  }

  private point(fp: string, p: HistoryPoint): void {
    let list = this.history.get(fp);
    if (!list) this.history.set(fp, (list = []));
    list.push(p);
    if (list.length > historyLimit) list.splice(0, list.length - historyLimit);
  }

  private transition(alert: Alert, from: AlertState | null, to: AlertState, at: number): void {
    const fp = alert.fingerprint;
    this.linked.set(fp, this.safe(() => this.timeline.incidentsForAlert(fp), []));
    const auto = this.config().autoIncident.priorities;
    const priority = priorityOf(alert.labels);
    if (to === 'firing' && auto.includes(priority) && this.incidents(fp).length === 0) {
      const id = this.safe(() => this.timeline.openIncident({ title: alertTitle(alert), severity: priority, ...(alert.labels.service ? { services: [alert.labels.service] } : {}), alertFingerprints: [fp] }), null);
      if (id) this.linked.set(fp, this.safe(() => this.timeline.incidentsForAlert(fp), [id]));
    }
    const text = `${alertTitle(alert)}: ${from ?? 'new'} → ${to}${alert.value !== null ? ` (value ${alert.value})` : ''}`;
    this.appendToIncidents(fp, { kind: 'alert_transition', text, data: { fingerprint: fp, from, to, labels: alert.labels, value: alert.value, source: alert.source }, at });
  }

  private appendToIncidents(fp: string, entry: Parameters<TimelinePort['append']>[1]): number {
    let n = 0;
    for (const id of this.incidents(fp)) if (this.safe(() => this.timeline.append(id, entry), null) !== null) n++;
    return n;
  }

  /** The journal may be unavailable (or not built yet): alerting must keep working without it. */
  private safe<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (err) {
      if (!this.warned) console.error('alerting: incident timeline unavailable:', (err as Error).message);
      this.warned = true;
      return fallback;
    }
  }
}
