import type { Alert } from '../../../preload/contract';
import { fingerprint } from '../shared/fingerprint';
import { redactUrl } from '../shared/redact';
import type { TargetConfig } from './config';
import type { Check } from './evaluate';
import type { ProbeEvidence } from './runner';

export type BaseHealth = 'up' | 'down' | 'unknown';
export type Health = BaseHealth | 'stale';

/** Prometheus keeps resolved alerts this long; so do probes, so a flap shows in the list. */
export const resolvedRetentionMs = 15 * 60_000;

export type TrackedTarget = Pick<TargetConfig, 'name' | 'url' | 'interval' | 'failureThreshold' | 'successThreshold' | 'labels' | 'runbook' | 'service'>;

/**
 * One target's health with hysteresis: `failureThreshold` consecutive failures before "down",
 * `successThreshold` successes before "up", so one dropped packet is not a page. While the
 * console cannot see (offline, just woke up) the target is "unknown" and its alerts stay as they were.
 */
export class TargetTracker {
  health: BaseHealth = 'unknown';
  failures = 0;
  successes = 0;
  slowStreak = 0;
  last: Check | null = null;
  lastSuccessAt: number | null = null;
  firstFailureAt: number | null = null;
  downSince: number | null = null;
  unknownReason: string | null = 'not checked yet';
  private active = new Map<string, Alert>();
  private resolved = new Map<string, Alert>();

  constructor(public target: TrackedTarget) {}

  /** Applies one check; returns true when the health changed. */
  record(check: Check): boolean {
    const before = this.health;
    this.last = check;
    this.unknownReason = null;
    if (check.ok) {
      this.lastSuccessAt = check.at;
      this.failures = 0;
      this.firstFailureAt = null;
      this.successes++;
      if (this.health !== 'up' && this.successes >= this.target.successThreshold) {
        this.health = 'up';
        this.downSince = null;
      }
    } else {
      this.successes = 0;
      if (this.failures === 0) this.firstFailureAt = check.at;
      this.failures++;
      if (this.health !== 'down' && this.failures >= this.target.failureThreshold) {
        this.health = 'down';
        this.downSince = check.at;
      }
    }
    this.slowStreak = check.slow ? this.slowStreak + 1 : 0;
    // Still unknown (first checks, or after a blind spell): say what it waits for, never a blank.
    if (this.health === 'unknown') {
      this.unknownReason = check.ok ? `confirming: ${this.successes} of ${this.target.successThreshold} successes` : `confirming: ${this.failures} of ${this.target.failureThreshold} failures`;
    }
    return before !== this.health;
  }

  /** The console is blind (no network, or it just woke up): neither up nor down, counters start over. */
  markUnknown(reason: string): boolean {
    const changed = this.health !== 'unknown';
    this.health = 'unknown';
    this.unknownReason = reason;
    this.failures = 0;
    this.successes = 0;
    this.firstFailureAt = null;
    return changed;
  }

  /**
   * "stale" when the last success is older than twice the interval: never green while blind.
   * `intervalMs` is the wait actually armed (longer on battery), so a stretched target is not stale.
   */
  view(now: number, intervalMs = this.target.interval): Health {
    if (this.health === 'up' && this.lastSuccessAt !== null && now - this.lastSuccessAt > 2 * intervalMs) return 'stale';
    return this.health;
  }

  /** The alerts this target raises now; ones that stopped are kept as resolved for 15 minutes. */
  alerts(now: number): Alert[] {
    if (this.health !== 'unknown') {
      const next = new Map(this.build().map((a) => [a.fingerprint, a]));
      for (const [fp, alert] of next) {
        const prev = this.active.get(fp);
        // Keep when it began: a firing alert must not look new on every check.
        if (prev && prev.state === alert.state) next.set(fp, { ...alert, activeAt: prev.activeAt, firedAt: prev.firedAt });
        else if (prev?.activeAt) next.set(fp, { ...alert, activeAt: prev.activeAt });
        this.resolved.delete(fp);
      }
      for (const [fp, prev] of this.active) {
        // A pending alert that clears simply disappears (Prometheus semantics); a firing one resolves.
        if (!next.has(fp) && prev.state === 'firing') this.resolved.set(fp, { ...prev, state: 'resolved', resolvedAt: now });
      }
      this.active = next;
    }
    for (const [fp, alert] of this.resolved) if (now - (alert.resolvedAt ?? now) > resolvedRetentionMs) this.resolved.delete(fp);
    return [...this.active.values(), ...this.resolved.values()];
  }

  private build(): Alert[] {
    const t = this.target;
    const last = this.last;
    const out: Alert[] = [];
    const instance = instanceOf(t.url);
    // Alerts travel to notifications, history and the journal: never with credentials from the URL.
    const url = redactUrl(t.url);
    const make = (alertname: string, severity: string, state: Alert['state'], since: number | null, summary: string, description: string, extra: Record<string, string> = {}): void => {
      const labels: Record<string, string> = { ...t.labels, alertname, target: t.name, instance, severity };
      if (t.service) labels.service = t.service;
      // The URL checked, so a runbook's steps can aim at what failed (a param with `from: annotations.url`).
      const annotations: Record<string, string> = { summary, description, url, ...extra };
      if (t.runbook) annotations.runbook_url = t.runbook;
      out.push({ fingerprint: fingerprint(labels), labels, annotations, state, activeAt: since, firedAt: state === 'firing' ? since : null, resolvedAt: null, value: null, source: 'probe', sourceName: t.name });
    };
    if (this.failures > 0 && last && !last.ok) {
      const checks: Record<string, string> = last.failingChecks.length > 0 ? { failing_checks: last.failingChecks.join(', ') } : {};
      // A browser check's screenshot and console errors, so whoever looks at the alert sees what the page showed.
      if (last.evidence) Object.assign(checks, evidenceAnnotations(last.evidence));
      const down = this.health === 'down';
      const named = last.failingChecks.length > 0 ? ` (failing checks: ${last.failingChecks.join(', ')})` : '';
      make(
        'TargetDown',
        'critical',
        down ? 'firing' : 'pending',
        down ? this.downSince : this.firstFailureAt,
        `${t.name} is down${named}`,
        `${url} failed ${this.failures} consecutive check${this.failures === 1 ? '' : 's'}: ${last.reason ?? 'failed'}`,
        checks,
      );
    }
    if (last?.slow && this.slowStreak >= t.failureThreshold) {
      make('TargetSlow', last.slow, 'firing', last.at, `${t.name} is slow`, `${url} answered in ${Math.round(last.latencyMs)} ms (${last.slow} threshold)`);
    }
    if (last?.certLevel && last.certExpiresAt !== null) {
      const days = Math.max(0, (last.certExpiresAt - last.at) / 86_400_000);
      make(
        'CertificateExpiring',
        last.certLevel,
        'firing',
        last.at,
        `TLS certificate of ${t.name} expires in ${days.toFixed(1)} days`,
        `The certificate served by ${url} expires on ${new Date(last.certExpiresAt).toISOString()}. Renew it.`,
      );
    }
    return out;
  }
}

export function evidenceAnnotations(e: ProbeEvidence): Record<string, string> {
  return { evidence_id: e.id, console_errors: e.consoleUrl, ...(e.screenshotUrl ? { screenshot: e.screenshotUrl } : {}) };
}

export function instanceOf(url: string): string {
  try {
    const u = new URL(url);
    return u.port ? u.host : `${u.hostname}:${u.protocol === 'https:' ? 443 : 80}`;
  } catch {
    return url;
  }
}
