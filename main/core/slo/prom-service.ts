import type { SloReport } from '../../../preload/contract';
import type { CoreContext } from '../context';
import type { PrometheusClient } from '../prometheus/client';
import { clientFor } from '../rules/service';
import type { PromSloConfig } from './config';
import { blind, computePromSlo, type QueryFn } from './promql';
import { burnAlerts, type BurnSubject } from './slo';

type ServerConfig = ReturnType<CoreContext['config']['current']>['prometheus'][number];

export interface PromSloServiceOptions {
  /** Tests pass a fake; the app asks the server with a PrometheusClient. */
  queryFor?: (server: ServerConfig) => QueryFn;
  /** How often SLOs are evaluated and their burn-rate alerts published; default: `rules.interval` (1m). */
  every?: number;
}

/**
 * PromQL SLOs from `slos:` in config.yml: evaluated against their Prometheus at the rules interval, shown
 * beside probe SLOs and alerting by the same multi-window burn-rate rules. While a server cannot
 * answer, its SLOs read "unavailable" and their last published alerts stay as they were: being
 * blind never resolves an alert.
 */
export class PromSloService {
  private clients = new Map<string, PrometheusClient>();
  private latest: SloReport[] = [];
  private evaluatedAt: number | null = null;
  private inFlight: Promise<SloReport[]> | null = null;
  private published = new Set<string>();
  private cancelTimer: (() => void) | null = null;
  private paused = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: PromSloServiceOptions = {},
  ) {}

  start(): void {
    this.unsubscribe.push(
      this.ctx.config.onChange(() => {
        this.closeClients();
        this.evaluatedAt = null;
      }),
    );
    const tick = () => {
      if (!this.paused) void this.evaluate();
      this.cancelTimer = this.ctx.clock.setTimeout(tick, this.every());
    };
    this.cancelTimer = this.ctx.clock.setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = null;
    for (const off of this.unsubscribe.splice(0)) off();
    await this.inFlight?.catch(() => undefined);
    this.closeClients();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** The latest reports; evaluated now when none is younger than half an interval (the UI asks every few seconds). */
  async reports(): Promise<SloReport[]> {
    if (this.paused) return this.specs().map(({ spec, server }) => blind(spec, server?.name ?? '', 'unavailable', 'monitoring is paused'));
    const fresh = this.evaluatedAt !== null && this.ctx.clock.now() - this.evaluatedAt < this.every() / 2;
    return fresh ? this.latest : this.evaluate();
  }

  /** Evaluates every SLO once and publishes burn-rate alerts for those that could be measured. */
  evaluate(): Promise<SloReport[]> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async run(): Promise<SloReport[]> {
    const now = this.ctx.clock.now();
    const specs = this.specs();
    const reports = await Promise.all(
      specs.map(({ spec, server }) => (server ? computePromSlo(spec, server.name, this.queryFor(server), now) : Promise.resolve(blind(spec, '', 'unavailable', 'no Prometheus configured')))),
    );
    const live = new Set<string>();
    reports.forEach((report, i) => {
      const spec = specs[i]?.spec;
      if (!spec) return;
      const subject = subjectOf(spec);
      const sourceName = subject.feed?.sourceName ?? '';
      live.add(sourceName);
      // Unknown is not healthy: keep what was published until the SLO can be measured again.
      if (report.status === 'ok') this.ctx.alerts.publish('rule', sourceName, burnAlerts(report, subject, now));
    });
    for (const old of this.published) if (!live.has(old)) this.ctx.alerts.publish('rule', old, []);
    this.published = live;
    this.latest = reports;
    this.evaluatedAt = now;
    return reports;
  }

  /** SLOs are evaluated as often as rule groups, so both react to Prometheus at the same pace. */
  private every(): number {
    return this.options.every ?? this.ctx.config.current().rules.interval;
  }

  private specs(): { spec: PromSloConfig; server: ServerConfig | null }[] {
    const config = this.ctx.config.current();
    return config.slos.map((spec) => ({ spec, server: (spec.prometheus ? config.prometheus.find((p) => p.name === spec.prometheus) : config.prometheus[0]) ?? null }));
  }

  private queryFor(server: ServerConfig): QueryFn {
    if (this.options.queryFor) return this.options.queryFor(server);
    let client = this.clients.get(server.name);
    if (!client) {
      client = clientFor(server, 4);
      this.clients.set(server.name, client);
    }
    const c = client;
    return (expr, time) => c.queryVector(expr, time);
  }

  private closeClients(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

export function subjectOf(spec: PromSloConfig): BurnSubject {
  return {
    service: spec.service,
    name: spec.name,
    slo: { availability: spec.objective, window: spec.window },
    alerting: spec.alerting,
    runbook: spec.runbook,
    feed: { source: 'rule', sourceName: `slo:${spec.service}/${spec.name}` },
  };
}
