import type { AlertsList, AlertView, NotificationPayload, Priority, TrayState } from '../../../preload/contract';
import type { CoreContext, TimelinePort } from '../context';
import type { AlertingConfig } from './config';
import { EscalationTracker, type EscalationReminder } from './escalation';
import { builtinInhibitRules, Inhibitor } from './inhibit';
import { PagerSound } from './pager';
import { NotificationPolicy, type GroupFlush, type PolicyNotification } from './policy';
import { inQuietHours } from './quiet-hours';
import { compileRouteTree } from './routes';
import { SilenceWatch } from './silence-watch';
import type { AlertStateStore, LocalSilence, Mark } from './state-store';
import { TransitionJournal, type HistoryPoint } from './transitions';
import { AlertDecorator, trayState } from './view';

export interface AlertsServiceDeps {
  ctx: CoreContext;
  store: AlertStateStore;
  timeline: TimelinePort;
  /** Alertmanager read errors, shown beside the list. */
  sourceErrors?: () => { sourceName: string; message: string }[];
  /** Whether a notification of this priority reaches this user now (false off call, by the rotation); absent: always. */
  notifiesOnCall?: (priority: Priority) => boolean;
}

const emitThrottleMs = 200;

/**
 * The alerting pipeline: merged feed -> decorated alerts (ack, snooze, silences, inhibition) ->
 * notification policy and escalation -> tray state, notifications and incident timelines.
 */
export class AlertsService {
  private config: AlertingConfig;
  readonly decorator: AlertDecorator;
  readonly policy: NotificationPolicy;
  readonly escalation: EscalationTracker;
  readonly silenceWatch: SilenceWatch;
  readonly pager: PagerSound;
  private readonly transitions: TransitionJournal;
  private marks: Map<string, Mark>;
  private silences: LocalSilence[];
  private pausedUntil: number | null;
  private readonly inhibitor = new Inhibitor();
  private tray: TrayState;
  private version = 0;
  private cancelEmit: (() => void) | null = null;
  private readonly notificationFingerprints = new Map<string, string[]>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Listeners to every group flush (the channels' router); the desktop's notifications are unaffected. */
  private readonly flushListeners = new Set<(flush: GroupFlush) => void>();
  /** Snooze wake-ups still pending, cancelled on stop. */
  private readonly wakeups = new Set<() => void>();

  constructor(private readonly deps: AlertsServiceDeps) {
    const { ctx, store } = deps;
    this.config = ctx.config.current().alerting;
    const route = compileRouteTree(this.config);
    this.decorator = new AlertDecorator(route);
    this.policy = new NotificationPolicy(route, { clock: ctx.clock, heldBecause: (s, p) => this.heldBecause(s, p), emit: (n, d) => this.onNotification(n, d), flushed: (f) => this.flushListeners.forEach((l) => l(f)) });
    this.escalation = new EscalationTracker(this.config.escalation, {
      clock: ctx.clock,
      reminded: (fp) => store.remindedLevels(fp),
      remind: (r) => this.onEscalation(r),
    });
    this.transitions = new TransitionJournal(deps.timeline, () => this.config);
    this.marks = store.marks();
    this.silences = store.silences();
    const paused = store.setting('pausedUntil');
    this.pausedUntil = paused === null ? null : Number(paused);
    this.silenceWatch = new SilenceWatch(ctx, store, () => this.config.silenceWarning, () => this.reloadSilences());
    this.pager = new PagerSound({
      clock: ctx.clock,
      play: (cue) => {
        ctx.bus.emit('alerts:sound', cue);
        ctx.ports.playSound?.(cue);
      },
      stillPaging: (fp) => this.stillPaging(fp),
      paused: () => this.notificationState().pausedUntil !== null,
      repeatEvery: () => this.config.sounds.repeatEvery,
    });
    this.inhibitor.setRules(this.inhibitRules());
    this.tray = trayState(this.decorator.tally, { pausedUntil: null, quietHours: false, criticalSound: this.config.sounds.critical, now: ctx.clock.now() });
  }

  onGroupFlush(listener: (flush: GroupFlush) => void): () => void {
    this.flushListeners.add(listener);
    return () => this.flushListeners.delete(listener);
  }

  start(): void {
    const { ctx } = this.deps;
    this.unsubscribe.push(ctx.alerts.onChange(() => this.refresh(false)));
    this.unsubscribe.push(ctx.config.onChange(() => this.applyConfig()));
    this.silenceWatch.reschedule(this.silences);
    this.recompute();
  }

  stop(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.cancelEmit?.();
    for (const cancel of this.wakeups) cancel();
    this.wakeups.clear();
    this.pager.stop();
    this.policy.stop();
    this.escalation.stop();
    this.silenceWatch.stop();
  }

  applyConfig(): void {
    const next = this.deps.ctx.config.current().alerting;
    if (JSON.stringify(next) === JSON.stringify(this.config)) return;
    this.config = next;
    const route = compileRouteTree(next);
    this.decorator.setRoute(route);
    this.policy.setRoute(route);
    this.inhibitor.setRules(this.inhibitRules());
    this.recompute();
    this.escalation.setConfig(next.escalation, this.decorator.policyEntries());
  }

  private inhibitRules() {
    return this.config.builtinInhibitRules ? [...builtinInhibitRules, ...this.config.inhibit_rules] : this.config.inhibit_rules;
  }

  /** Re-evaluates every alert: after an acknowledge, a silence, a snooze ending, a config change. */
  recompute(): void {
    this.refresh(true);
  }

  /**
   * The hot path (see test/bench/alerts.bench.ts): a feed change re-decorates only the alerts that
   * changed (and those whose inhibition changed with them); groups, policy, escalation, incident
   * timelines and the tray take just those changes.
   */
  private refresh(full: boolean): void {
    const { ctx } = this.deps;
    const feed = ctx.alerts;
    const now = ctx.clock.now();
    const changed = feed.takeChanges();
    let fingerprints: Iterable<string>;
    if (full) {
      this.inhibitor.full(feed.merged());
      fingerprints = new Set([...this.decorator.fingerprints(), ...feed.merged().map((a) => a.fingerprint)]);
    } else {
      const inhibited = this.inhibitor.update(changed, (fp) => feed.get(fp), () => feed.merged());
      for (const fp of inhibited) changed.add(fp);
      fingerprints = changed;
    }
    const changes = this.decorator.update(fingerprints, {
      alert: (fp) => feed.get(fp),
      marks: this.marks,
      silences: this.silences,
      inhibitions: this.inhibitor.inhibitions(),
      incidents: (fp) => this.transitions.incidents(fp),
      now,
    });
    this.policy.apply(changes);
    this.escalation.apply(changes);
    const gone = this.transitions.observe(changes, now);
    if (gone.length) this.forget(gone);
    this.tray = trayState(this.decorator.tally, { pausedUntil: this.pausedUntil, quietHours: this.quietNow(now), criticalSound: this.config.sounds.critical, now });
    this.pager.refresh();
    this.version++;
    this.scheduleEmit();
  }

  list(): AlertsList {
    return { version: this.version, alerts: this.decorator.views(), groups: this.decorator.groups(), tray: this.tray, sourceErrors: this.deps.sourceErrors?.() ?? [] };
  }

  trayState(): TrayState {
    return this.tray;
  }

  view(fingerprint: string): AlertView | undefined {
    return this.decorator.get(fingerprint)?.view;
  }

  history(fingerprint: string): HistoryPoint[] {
    return this.transitions.historyOf(fingerprint);
  }

  acknowledge(fingerprints: readonly string[], by: string): number {
    const now = this.deps.ctx.clock.now();
    this.deps.store.acknowledge(fingerprints, now, by);
    this.marks = this.deps.store.marks();
    this.transitions.noteAck(fingerprints, by, now);
    this.recompute();
    return fingerprints.length;
  }

  unacknowledge(fingerprints: readonly string[]): number {
    this.deps.store.unacknowledge(fingerprints);
    this.marks = this.deps.store.marks();
    this.recompute();
    return fingerprints.length;
  }

  fingerprintsOfNotification(id: string): string[] {
    return this.notificationFingerprints.get(id) ?? [];
  }

  snooze(fingerprints: readonly string[], durationMs: number): number {
    const until = this.deps.ctx.clock.now() + durationMs;
    this.deps.store.snooze(fingerprints, until);
    this.marks = this.deps.store.marks();
    this.recompute();
    // Wake up when the snooze ends, so the policy sees the alert unmuted without waiting for a change.
    const cancel = this.deps.ctx.clock.setTimeout(() => {
      this.wakeups.delete(cancel);
      this.recompute();
    }, durationMs + 1);
    this.wakeups.add(cancel);
    return until;
  }

  reloadSilences(): void {
    this.silences = this.deps.store.silences();
    this.silenceWatch.reschedule(this.silences);
    this.recompute();
  }

  localSilences(): readonly LocalSilence[] {
    return this.silences;
  }

  pause(until: number | null): void {
    this.pausedUntil = until;
    this.deps.store.setSetting('pausedUntil', until === null ? null : String(until));
    this.recompute();
  }

  notificationState(): { pausedUntil: number | null; quietHours: boolean } {
    const now = this.deps.ctx.clock.now();
    return { pausedUntil: this.pausedUntil !== null && this.pausedUntil > now ? this.pausedUntil : null, quietHours: this.quietNow(now) };
  }

  linkIncident(incidentId: string, fingerprints: readonly string[]): void {
    this.transitions.link(incidentId, fingerprints);
    this.recompute();
  }

  markEscalated(fingerprint: string, level: number): number {
    const now = this.deps.ctx.clock.now();
    this.deps.store.markEscalated(fingerprint, level, now);
    return this.transitions.escalated(fingerprint, level, this.config.escalation.levels.find((l) => l.level === level)?.name ?? `level ${level}`, now);
  }

  private forget(fingerprints: string[]): void {
    this.deps.store.forget(fingerprints);
    for (const fp of fingerprints) this.marks.delete(fp);
  }

  private quietNow(now: number): boolean {
    return inQuietHours(now, this.config.quietHours, this.config.quietHours?.timezone);
  }

  private stillPaging(fingerprint: string): boolean {
    const v = this.view(fingerprint);
    return v !== undefined && v.state === 'firing' && !v.acknowledged && !v.silenced && !v.inhibited && v.snoozedUntil === null;
  }

  private heldBecause(severity: PolicyNotification['severity'], priority: Priority): string | null {
    const now = this.deps.ctx.clock.now();
    if (this.pausedUntil !== null && this.pausedUntil > now) return 'paused';
    if (this.deps.notifiesOnCall && !this.deps.notifiesOnCall(priority)) return 'off call';
    // Only critical (P1) pages break through quiet hours.
    if (severity !== 'critical' && this.quietNow(now)) return 'quiet hours';
    return null;
  }

  /**
   * Shows (or only logs) one notification, and plays its sound where configured. A critical firing
   * or reminder notification is a page: its sound repeats until its alerts are acknowledged.
   */
  deliver(n: Omit<PolicyNotification, 'priority'>, delivered: boolean, heldBecause: string | null): void {
    const { ctx, store } = this.deps;
    store.logNotification({ at: ctx.clock.now(), kind: n.kind, groupKey: n.groupKey, title: n.title, body: n.body, fingerprints: n.fingerprints, delivered, heldBecause });
    if (!delivered) return;
    this.notificationFingerprints.set(n.id, n.fingerprints);
    if (this.notificationFingerprints.size > 500) this.notificationFingerprints.delete(this.notificationFingerprints.keys().next().value ?? '');
    const withSound = this.config.sounds[n.severity] && n.kind !== 'resolved';
    const page = withSound && n.severity === 'critical' && (n.kind === 'firing' || n.kind === 'reminder');
    const payload: NotificationPayload = { id: n.id, title: n.title, body: n.body, severity: n.severity, route: n.route, ...(withSound ? { sound: { severity: n.severity, repeatsUntilAck: page } } : {}) };
    ctx.ports.notify(payload);
    if (withSound) this.pager.sounded(n.id, n.severity, n.fingerprints, page);
  }

  private onNotification(n: PolicyNotification, delivered: boolean): void {
    this.deliver(n, delivered, delivered ? null : this.heldBecause(n.severity, n.priority));
  }

  private onEscalation(r: EscalationReminder): void {
    const { ctx, store } = this.deps;
    const now = ctx.clock.now();
    store.markReminded(r.fingerprint, r.level, now);
    const view = this.view(r.fingerprint);
    const title = `Escalate to level ${r.level}: ${r.contact.name}`;
    const contact = [r.contact.phone, r.contact.chat].filter(Boolean).join(' · ');
    const alertName = view?.labels.alertname ?? r.fingerprint;
    const minutes = Math.round((now - r.firedAt) / 60_000);
    const body = `${r.priority} ${alertName} unresolved for ${minutes} min.${contact ? ` Contact: ${contact}` : ''}`;
    const severity = r.priority === 'P1' ? 'critical' : 'warning';
    const held = this.heldBecause(severity, r.priority);
    this.deliver({ id: `esc-${r.fingerprint}-${r.level}-${now.toString(36)}`, kind: 'escalation', groupKey: `escalation:${r.fingerprint}`, title, body, severity, fingerprints: [r.fingerprint], route: `#/alerts/${r.fingerprint}` }, held === null, held);
    ctx.bus.emit('alerts:escalation', { fingerprint: r.fingerprint, level: r.level, contact: r.contact, title: `${title} (${alertName})` });
    this.transitions.reminder(r.fingerprint, `${title}${contact ? ` (${contact})` : ''}: ${body}`, { level: r.level, contact: r.contact }, now);
  }

  private scheduleEmit(): void {
    // Coalesce bursts (100 changes per second) into a few events: the UI refetches on each one.
    if (this.cancelEmit) return;
    this.cancelEmit = this.deps.ctx.clock.setTimeout(() => {
      this.cancelEmit = null;
      this.deps.ctx.bus.emit('alerts:changed', { version: this.version, tray: this.tray });
    }, emitThrottleMs);
  }
}
