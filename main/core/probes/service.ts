import type { DemoStatus, HistorySeries, PowerView, ProbesSnapshot, SloReport } from '../../../preload/contract';
import type { CoreContext, PowerSource, TimelinePort } from '../context';
import { defaultPowerSource, intervalFactorFor } from '../power';
import { HistoryStore } from '../history/store';
import { AppError } from '../shared/errors';
import { burnAlerts, computeSlo, type ServiceSlo } from '../slo/slo';
import { BrowserChecks } from './browser/checks';
import type { BrowserEngine } from './browser/engine';
import { sloSchema, targetSchema, type TargetConfig } from './config';
import { systemNetworkStatus, type NetworkStatus } from './network';
import { createProbeRunner, type ProbeRunner } from './runner';
import { ProbeScheduler, type ScheduledTarget } from './scheduler';
import { envSecretResolver } from './secrets';

export interface ProbeServiceOptions {
  /** Tests pass a fake runner and network; the app uses real HTTP and the routing table. */
  run?: ProbeRunner;
  network?: NetworkStatus;
  maxConcurrent?: number;
  /** For `kind: browser` targets; default: Chromium through playwright-core. */
  browserEngine?: () => BrowserEngine;
}

const sloEvery = 60_000;

/**
 * Health probes end to end: targets from config.yml plus runtime ones (the demo), the scheduler,
 * history in journal.db and SLOs over it. Alerts go to the shared feed under source "probe".
 */
export class ProbeService {
  readonly history: HistoryStore;
  private readonly scheduler: ProbeScheduler;
  private readonly closeRunner: () => void;
  private readonly browser: BrowserChecks;
  private runtime: ScheduledTarget[] = [];
  private cancelSlo: (() => void) | null = null;
  private unsubscribe: (() => void)[] = [];
  private sloSources = new Set<string>();
  private readonly powerSource: PowerSource;
  private readonly ownsPower: boolean;

  constructor(
    private readonly ctx: CoreContext,
    options: ProbeServiceOptions = {},
  ) {
    this.history = new HistoryStore(ctx.db, ctx.clock, ctx.config.current().history);
    const runner = options.run ? { run: options.run, close: () => undefined } : createProbeRunner(ctx.ports.secrets ?? envSecretResolver(), () => ctx.clock.now());
    this.closeRunner = () => runner.close();
    this.browser = new BrowserChecks(ctx, options.browserEngine);
    this.scheduler = new ProbeScheduler({
      clock: ctx.clock,
      run: (target) => (target.kind === 'browser' ? this.browser.run(target) : runner.run(target)),
      network: options.network ?? systemNetworkStatus,
      maxConcurrent: options.maxConcurrent,
      onCheck: (target, check) =>
        this.history.add({ target: target.name, at: check.at, ok: check.ok, error: check.error, latencyMs: check.status !== null || check.errorKind === null ? check.latencyMs : null, status: check.status, reason: check.reason }),
      publishAlerts: (target, alerts) => ctx.alerts.publish('probe', target, alerts),
      publishSystem: (alerts) => ctx.alerts.publish('system', 'network', alerts),
      onSnapshot: (snapshot) => ctx.bus.emit('monitoring:targets-changed', snapshot),
    });
    this.unsubscribe.push(ctx.bus.on('demo:changed', (demo) => this.watchDemo(demo)));
    this.unsubscribe.push(
      ctx.config.onChange(() => {
        this.history.setRetention(ctx.config.current().history);
        this.applyPower();
        this.applyTargets();
      }),
    );
    this.powerSource = ctx.ports.power ?? defaultPowerSource(ctx.clock);
    this.ownsPower = ctx.ports.power === undefined;
    this.applyPower();
    this.applyTargets();
  }

  start(): void {
    this.unsubscribe.push(this.powerSource.onChange(() => this.applyPower()));
    this.scheduler.start();
    this.history.startPruning();
    const tick = () => {
      this.evaluateSlos();
      this.cancelSlo = this.ctx.clock.setTimeout(tick, sloEvery);
    };
    this.cancelSlo = this.ctx.clock.setTimeout(tick, sloEvery);
  }

  stop(): void {
    this.scheduler.stop();
    this.cancelSlo?.();
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.history.stop();
    this.closeRunner();
    void this.browser.close();
    if (this.ownsPower) this.powerSource.close?.();
  }

  /** Failed browser checks' evidence goes onto the incidents their alerts are attached to. */
  attachEvidence(timeline: TimelinePort): void {
    this.browser.attachEvidence(timeline);
  }

  setPaused(paused: boolean): void {
    this.scheduler.setPaused(paused);
  }

  snapshot(): ProbesSnapshot {
    return this.scheduler.snapshot();
  }

  /** Checks every target once, right now (used by tests and one-shot commands). */
  checkAllNow(): Promise<void> {
    return this.scheduler.checkAllNow();
  }

  series(target: string, from?: number, to?: number): HistorySeries {
    if (!this.targets().some((t) => t.name === target)) throw new AppError('not_found', `no target named "${target}"`);
    const now = this.ctx.clock.now();
    return this.history.series(target, from ?? now - 86_400_000, to ?? now);
  }

  slos(): SloReport[] {
    const now = this.ctx.clock.now();
    return this.services().map((s) => computeSlo(this.history, s, now));
  }

  /** Publishes multi-window burn-rate alerts, one feed snapshot per service. */
  evaluateSlos(): void {
    const now = this.ctx.clock.now();
    const seen = new Set<string>();
    for (const s of this.services()) {
      if (!s.alerting) continue;
      seen.add(s.service);
      this.ctx.alerts.publish('probe', `slo:${s.service}`, burnAlerts(computeSlo(this.history, s, now), s, now));
    }
    for (const old of this.sloSources) if (!seen.has(old)) this.ctx.alerts.publish('probe', `slo:${old}`, []);
    this.sloSources = seen;
  }

  private targets(): ScheduledTarget[] {
    const configured = this.ctx.config.current().targets;
    const names = new Set(configured.map((t) => t.name));
    return [...configured, ...this.runtime.filter((t) => !names.has(t.name))];
  }

  private services(): ServiceSlo[] {
    const groups = new Map<string, TargetConfig[]>();
    for (const t of this.targets()) {
      const key = t.service ?? t.name;
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    return [...groups].map(([service, list]) => {
      const explicit = list.find((t) => t.slo);
      return { service, targets: list.map((t) => t.name), slo: explicit?.slo ?? sloSchema.parse({}), alerting: explicit !== undefined, runbook: list.find((t) => t.runbook)?.runbook };
    });
  }

  /** Tells the scheduler how far to stretch intervals, and the faces when that changed. */
  private applyPower(): void {
    const state = this.powerSource.current();
    const factor = this.ctx.config.current().monitoring.onBattery.intervalFactor;
    const view: PowerView = { state, intervalFactor: factor, stretched: intervalFactorFor(state, factor) > 1 };
    const before = this.scheduler.currentPower();
    this.scheduler.setPower(view);
    if (before.state !== view.state || before.intervalFactor !== view.intervalFactor || before.stretched !== view.stretched) this.ctx.bus.emit('monitoring:power-changed', view);
  }

  private applyTargets(): void {
    this.scheduler.setTargets(this.targets());
  }

  /** The demo is watched on /health/ready every 2 s, so breaking a check shows up within seconds. */
  private watchDemo(demo: DemoStatus): void {
    const url = demo.running && demo.url ? `${demo.url}/health/ready` : null;
    const current = this.runtime[0]?.url ?? null;
    if (url === current) return;
    this.runtime = url
      ? [{ ...targetSchema.parse({ name: 'demo', url, interval: '2s', timeout: '1500ms', latency: { warning: '1s', critical: '3s' }, labels: { env: 'demo' }, slo: {} }), runtime: true }]
      : [];
    this.applyTargets();
  }
}
