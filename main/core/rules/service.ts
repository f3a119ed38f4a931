import { dirname, join } from 'node:path';
import type { Alert, RuleCheckResult, RuleFileInfo, RuleInfo, RulesStatus } from '../../../preload/contract';
import type { CoreContext } from '../context';
import { PrometheusClient } from '../prometheus/client';
import { SourceUnavailableError } from '../prometheus/errors';
import { ServerExternals } from '../prometheus/externals';
import type { ServerAlert } from '../prometheus/types';
import { fingerprint } from '../shared/fingerprint';
import { redactUrl } from '../shared/redact';
import { expandGlobs } from './glob';
import { RuleGroup, type GroupResult } from './group';
import { loadRuleFiles } from './loader';
import { parseRuleFile } from './parse';
import type { ParsedRuleFile } from './types';

type ServerConfig = ReturnType<CoreContext['config']['current']>['prometheus'][number];

export const builtinRulesFile = (resourcesDir: string) => join(resourcesDir, 'rules', 'oncall-builtin.yml');

/** Builds a client from a `prometheus:` entry of config.yml. */
export function clientFor(server: ServerConfig, maxConcurrency: number): PrometheusClient {
  return new PrometheusClient({ ...server, maxConcurrency });
}

/**
 * Local rule evaluation for the console: loads the rule files named in config.yml (plus the
 * built-in pack), evaluates them against the chosen Prometheus, and publishes their alerts, and
 * each server's own /api/v1/alerts, to the alert feed.
 */
export class RuleService {
  private files: ParsedRuleFile[] = [];
  private groups: { file: string; group: RuleGroup }[] = [];
  private client: PrometheusClient | null = null;
  private readers: { client: PrometheusClient; stopped: boolean; cancelTimer: () => void }[] = [];
  private server: ServerConfig | null = null;
  private externals: ServerExternals | null = null;
  /** Bumped by every teardown, so a late answer cannot start groups of an older configuration. */
  private generation = 0;
  private readonly warnedExternals = new Set<string>();
  private paused = false;
  private started = false;
  private unavailable: string | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly ctx: CoreContext) {}

  start(): void {
    this.started = true;
    this.unsubscribe.push(this.ctx.config.onChange(() => this.reload()));
    this.reload();
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const off of this.unsubscribe.splice(0)) off();
    await this.teardown();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (this.started) this.reload();
  }

  /** Re-reads config and rule files and restarts evaluation; alert state starts afresh, as in Prometheus. */
  reload(): RulesStatus {
    void this.teardown();
    const config = this.ctx.config.current();
    const paths = [...(config.rules.builtin ? [builtinRulesFile(this.ctx.resourcesDir)] : []), ...expandGlobs(config.rules.files, dirname(this.ctx.paths.config))];
    this.files = loadRuleFiles([...new Set(paths)]);
    this.server = (config.rules.prometheus ? config.prometheus.find((p) => p.name === config.rules.prometheus) : config.prometheus[0]) ?? null;
    this.unavailable = null;
    if (!this.started || this.paused) return this.status();
    if (this.server) {
      const client = clientFor(this.server, config.rules.maxConcurrency);
      this.client = client;
      const server = this.server;
      const externals = new ServerExternals(client, { externalLabels: server.externalLabels, externalURL: server.externalURL }, redactUrl(server.url).replace(/\/$/, ''), (message) => {
        if (!this.warnedExternals.has(server.name)) console.warn(message);
        this.warnedExternals.add(server.name);
      });
      this.externals = externals;
      const groups: RuleGroup[] = [];
      for (const file of this.files) {
        for (const def of file.groups) {
          const group = new RuleGroup(def, {
            clock: this.ctx.clock,
            defaultInterval: config.rules.interval,
            // Read at every evaluation: the server's answer may arrive, or change after a reconnect.
            get externalLabels() {
              return externals.externalLabels;
            },
            get externalUrl() {
              return externals.externalUrl;
            },
            query: (expr, time) => client.queryVector(expr, time),
            onResult: (g, result) => this.onResult(file.file, g, result),
          });
          this.groups.push({ file: file.file, group });
          groups.push(group);
        }
      }
      // The first pass waits for the server's external labels (or its failure to say), so even
      // the first alerts render them.
      const generation = this.generation;
      void externals.refresh().then(() => {
        if (generation === this.generation) for (const group of groups) group.start();
      });
    }
    for (const server of config.prometheus.filter((p) => p.readAlerts)) this.readServerAlerts(server, Math.min(config.rules.interval, 30_000));
    return this.status();
  }

  check(text: string, file = 'input.yml'): RuleCheckResult {
    const parsed = parseRuleFile(text, file);
    const rules = parsed.groups.flatMap((g) => g.rules);
    return { ok: parsed.errors.length === 0, errors: parsed.errors, groups: parsed.groups.length, alerting: rules.filter((r) => r.kind === 'alerting').length, recording: rules.filter((r) => r.kind === 'recording').length };
  }

  status(): RulesStatus {
    const builtin = builtinRulesFile(this.ctx.resourcesDir);
    const files: RuleFileInfo[] = this.files.map((f) => ({
      path: f.file,
      builtin: f.file === builtin,
      errors: f.errors,
      groups: f.groups.map((def) => {
        const running = this.groups.find((g) => g.file === f.file && g.group.def === def)?.group;
        const rules: RuleInfo[] = def.rules.map((r) => {
          const live = running?.rules.find((a) => a.def === r);
          return {
            kind: r.kind,
            name: r.name,
            expr: r.expr,
            for: r.for,
            keepFiringFor: r.keepFiringFor,
            labels: r.labels,
            annotations: r.annotations,
            line: r.line,
            state: r.kind === 'recording' ? 'server-side' : (live?.state() ?? 'inactive'),
            health: live?.health ?? 'unknown',
            lastError: live?.lastError ?? null,
            lastEvaluation: live?.lastEvaluation ?? null,
            evaluationMs: live?.evaluationMs ?? 0,
            alerts: [...(live?.active.values() ?? [])].map((a) => ({ fingerprint: a.fingerprint, labels: a.labels, annotations: a.annotations, state: a.state === 'inactive' ? 'resolved' : a.state, activeAt: a.activeAt, value: a.value })),
          };
        });
        return { name: def.name, file: def.file, interval: running?.interval ?? this.ctx.config.current().rules.interval, limit: def.limit, queryOffset: def.queryOffset, lastEvaluation: running?.lastResult?.at ?? null, unavailable: running?.lastResult?.unavailable ?? null, rules };
      }),
    }));
    const sourceStatus: RulesStatus['sourceStatus'] = !this.server ? 'no-server' : this.paused ? 'paused' : this.unavailable ? 'unavailable' : this.groups.some((g) => g.group.lastResult) ? 'ok' : 'starting';
    return { server: this.server ? { name: this.server.name, url: redactUrl(this.server.url) } : null, sourceStatus, sourceError: this.unavailable, files };
  }

  private onResult(file: string, group: RuleGroup, result: GroupResult): void {
    const sourceName = `${file}:${group.def.name}`;
    const wasUnavailable = this.unavailable;
    this.unavailable = result.unavailable ?? (this.groups.some((g) => g.group.lastResult?.unavailable) ? this.unavailable : null);
    this.ctx.alerts.publish('rule', sourceName, group.feedAlerts(sourceName, this.server ? redactUrl(this.server.url) : '', this.ctx.clock.now()));
    if (wasUnavailable !== this.unavailable) this.publishBlind();
    // Back after an outage: the server may have restarted with other external labels.
    if (wasUnavailable && !this.unavailable) void this.externals?.refresh();
    this.ctx.bus.emit('rules:changed', { at: result.at, group: group.def.name, file, transitions: result.transitions.length, unavailable: result.unavailable });
  }

  /** A console that cannot reach its Prometheus says so with an alert of its own. */
  private publishBlind(): void {
    const name = this.server?.name ?? 'prometheus';
    const labels = { alertname: 'PrometheusUnavailable', server: name, severity: 'warning' };
    const alerts: Alert[] = this.unavailable
      ? [{ fingerprint: fingerprint(labels), labels, annotations: { summary: `Rule evaluation is blind: ${this.unavailable}`, description: 'Rule alerts keep their last known state until Prometheus answers again.' }, state: 'firing', activeAt: this.ctx.clock.now(), firedAt: this.ctx.clock.now(), resolvedAt: null, value: null, source: 'system', sourceName: `prometheus:${name}` }]
      : [];
    this.ctx.alerts.publish('system', `prometheus:${name}`, alerts);
  }

  private readServerAlerts(server: ServerConfig, every: number): void {
    const reader = { client: clientFor(server, 2), stopped: false, cancelTimer: (): void => undefined };
    const poll = async () => {
      try {
        const alerts = await reader.client.alerts();
        if (!reader.stopped) this.ctx.alerts.publish('prometheus', server.name, alerts.map((a) => fromServerAlert(a, server.name, redactUrl(server.url))));
      } catch (err) {
        // Unavailable: keep the last snapshot rather than publishing an empty (all resolved) one.
        if (!(err instanceof SourceUnavailableError)) console.error(`reading alerts of ${server.name} failed:`, err);
      }
      if (!reader.stopped) reader.cancelTimer = this.ctx.clock.setTimeout(() => void poll(), every);
    };
    reader.cancelTimer = this.ctx.clock.setTimeout(() => void poll(), 0);
    this.readers.push(reader);
  }

  private async teardown(): Promise<void> {
    this.generation++;
    this.externals = null;
    const groups = this.groups.splice(0);
    for (const { group } of groups) group.stop();
    for (const reader of this.readers.splice(0)) {
      reader.stopped = true;
      reader.cancelTimer();
      reader.client.close();
    }
    const client = this.client;
    this.client = null;
    await Promise.all(groups.map(({ group }) => group.idle()));
    client?.close();
  }
}

export function fromServerAlert(a: ServerAlert, server: string, url: string): Alert {
  const activeAt = Date.parse(a.activeAt);
  return {
    fingerprint: fingerprint(a.labels),
    labels: a.labels,
    annotations: a.annotations,
    state: a.state,
    activeAt: Number.isNaN(activeAt) ? null : activeAt,
    firedAt: null,
    resolvedAt: null,
    value: Number(a.value),
    source: 'prometheus',
    sourceName: server,
    generatorUrl: url,
  };
}
