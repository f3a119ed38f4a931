import type { Alert, PowerView, ProbesSnapshot, TargetStatus } from '../../../preload/contract';
import type { Clock } from '../shared/clock';
import { fingerprint } from '../shared/fingerprint';
import { redactUrl } from '../shared/redact';
import type { TargetConfig } from './config';
import { judge, type Check } from './evaluate';
import { isLoopback, type NetworkStatus } from './network';
import type { RawResult } from './runner';
import { TargetTracker } from './tracker';

export interface ScheduledTarget extends TargetConfig {
  runtime?: boolean;
}

export interface SchedulerDeps {
  clock: Clock;
  /** Gets the whole target: browser targets are told apart by `kind` (probes/service.ts). */
  run: (target: ScheduledTarget) => Promise<RawResult>;
  network: NetworkStatus;
  /** Every judged check, for history. */
  onCheck(target: ScheduledTarget, check: Check): void;
  publishAlerts(target: string, alerts: Alert[]): void;
  publishSystem(alerts: Alert[]): void;
  /** Called (debounced) when the snapshot changed. */
  onSnapshot(snapshot: ProbesSnapshot): void;
  maxConcurrent?: number;
}

interface Entry {
  target: ScheduledTarget;
  tracker: TargetTracker;
  cancel: (() => void) | null;
  queued: boolean;
  running: boolean;
  /** The last raw result failed with a network-class error (for "everything fails" detection). */
  networkFailure: boolean;
  /** The wait before the check now armed (stretched on battery): "stale" is judged against it. */
  armedInterval: number;
}

/** Wall time running ahead of monotonic time by more than this means the machine slept. */
const wakeDriftMs = 5_000;
const watchdogMs = 5_000;

/**
 * Polls every target on its own interval with bounded concurrency, and knows the laptop's reality:
 * with no network, or right after waking from sleep, targets go "unknown" (not "down"), their
 * alerts stay as they were, one MonitoringDegraded alert says why, and polling resumes within one interval.
 */
export class ProbeScheduler {
  private entries = new Map<string, Entry>();
  private queue: Entry[] = [];
  private inFlight = 0;
  private running = false;
  private paused = false;
  private generation = 0;
  private lastWall: number;
  private lastMono: number;
  private graceUntil = 0;
  private degraded: { reason: string; since: number } | null = null;
  private degradedAlert: Alert | null = null;
  private cancelWatchdog: (() => void) | null = null;
  private cancelSnapshot: (() => void) | null = null;
  private readonly maxConcurrent: number;
  private power: PowerView = { state: 'unknown', intervalFactor: 1, stretched: false };

  constructor(private readonly deps: SchedulerDeps) {
    this.maxConcurrent = deps.maxConcurrent ?? 64;
    this.lastWall = deps.clock.now();
    this.lastMono = deps.clock.monotonic();
  }

  /** Replaces the target list; unchanged targets keep their state and schedule. */
  setTargets(targets: ScheduledTarget[]): void {
    const next = new Map<string, Entry>();
    targets.forEach((target) => {
      const old = this.entries.get(target.name);
      if (old && JSON.stringify(old.target) === JSON.stringify(target)) {
        next.set(target.name, old);
        return;
      }
      old?.cancel?.();
      const entry: Entry = { target, tracker: new TargetTracker(target), cancel: null, queued: false, running: false, networkFailure: false, armedInterval: target.interval };
      next.set(target.name, entry);
      if (this.running && !this.paused) this.schedule(entry, this.initialDelay(target, next.size - 1, targets.length));
    });
    for (const [name, old] of this.entries) {
      if (next.has(name)) continue;
      old.cancel?.();
      this.deps.publishAlerts(name, []);
    }
    this.entries = next;
    this.queue = this.queue.filter((e) => next.get(e.target.name) === e);
    this.changed();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.resetClocks();
    this.armWatchdog();
    if (!this.paused) this.scheduleAll();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    for (const e of this.entries.values()) e.cancel?.();
    this.cancelWatchdog?.();
    this.cancelSnapshot?.();
    this.cancelWatchdog = this.cancelSnapshot = null;
    this.queue = [];
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      this.generation++;
      for (const e of this.entries.values()) {
        e.cancel?.();
        e.cancel = null;
        e.queued = false;
      }
      this.queue = [];
    } else if (this.running) {
      this.resetClocks();
      this.scheduleAll();
    }
    this.changed();
  }

  snapshot(): ProbesSnapshot {
    const now = this.deps.clock.now();
    return { at: now, paused: this.paused, degraded: this.degraded, power: this.power, targets: [...this.entries.values()].map((e) => status(e, now, this.intervalOf(e.target))) };
  }

  /**
   * On battery, targets not marked `critical` wait `intervalFactor` times their interval. Timers
   * already armed keep their delay: each target picks the new interval at its next scheduling, so a
   * change of power state never causes a burst of checks.
   */
  setPower(power: PowerView): void {
    if (power.state === this.power.state && power.intervalFactor === this.power.intervalFactor && power.stretched === this.power.stretched) return;
    this.power = power;
    this.changed();
  }

  currentPower(): PowerView {
    return this.power;
  }

  /** The wait between two checks of a target in the current power state. */
  intervalOf(target: ScheduledTarget): number {
    return this.power.stretched && !target.critical ? Math.round(target.interval * this.power.intervalFactor) : target.interval;
  }

  /** Runs every target once, now (the CLI and tests). */
  async checkAllNow(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => this.probe(e)));
  }

  private scheduleAll(): void {
    const list = [...this.entries.values()];
    list.forEach((e, i) => this.schedule(e, this.initialDelay(e.target, i, list.length)));
  }

  /** Spreads the first round over the interval so 1,000 targets do not fire in one burst. */
  private initialDelay(target: ScheduledTarget, index: number, count: number): number {
    if (count <= 1) return 0;
    return Math.floor((index / count) * Math.min(target.interval, 10_000));
  }

  /** `periodic`: the wait after a check (one interval), as opposed to a first or re-spread start. */
  private schedule(entry: Entry, delay: number, periodic = false): void {
    entry.cancel?.();
    entry.armedInterval = periodic ? delay : Math.max(entry.armedInterval, this.intervalOf(entry.target));
    entry.cancel = this.deps.clock.setTimeout(() => {
      entry.cancel = null;
      this.enqueue(entry);
    }, delay);
  }

  private enqueue(entry: Entry): void {
    // After a wake every target was rescheduled already; this stale timer has nothing left to do.
    if (this.noticeWake()) return;
    if (entry.queued || entry.running) return;
    entry.queued = true;
    this.queue.push(entry);
    this.drain();
  }

  private drain(): void {
    while (this.inFlight < this.maxConcurrent && this.queue.length > 0) {
      const entry = this.queue.shift() as Entry;
      entry.queued = false;
      void this.probe(entry).finally(() => {
        if (this.running && !this.paused && this.entries.get(entry.target.name) === entry && !entry.cancel) this.schedule(entry, this.intervalOf(entry.target), true);
        this.drain();
      });
    }
  }

  private async probe(entry: Entry): Promise<void> {
    const generation = this.generation;
    entry.running = true;
    this.inFlight++;
    let raw: RawResult;
    try {
      raw = await this.deps.run(entry.target);
    } finally {
      entry.running = false;
      this.inFlight--;
    }
    this.noticeWake();
    // A result that straddled a sleep or a pause says nothing about the target now.
    if (generation !== this.generation || this.entries.get(entry.target.name) !== entry) return;
    await this.handle(entry, raw);
  }

  private async handle(entry: Entry, raw: RawResult): Promise<void> {
    const now = this.deps.clock.now();
    const remote = !isLoopback(entry.target.url);
    const networkish = raw.errorKind === 'network' || raw.errorKind === 'dns' || (raw.errorKind === 'timeout' && remote);
    entry.networkFailure = remote && networkish;
    if (remote && networkish) {
      const offline = !(await this.deps.network.online()) || this.allRemoteFailing();
      if (offline) {
        this.setDegraded('no network', now);
        if (entry.tracker.markUnknown('no network')) this.changed();
        return;
      }
    } else if (remote && raw.connected) {
      this.clearDegraded(now);
    }
    if (networkish && now < this.graceUntil) {
      // Just woke up: Wi-Fi may still be associating. Not a failure, not a success.
      if (entry.tracker.markUnknown('woke from sleep')) this.changed();
      return;
    }
    const check = judge(entry.target, raw, now);
    entry.tracker.record(check);
    this.deps.onCheck(entry.target, check);
    this.deps.publishAlerts(entry.target.name, entry.tracker.alerts(now));
    this.changed();
  }

  private allRemoteFailing(): boolean {
    const remote = [...this.entries.values()].filter((e) => !isLoopback(e.target.url));
    return remote.length >= 2 && remote.every((e) => e.networkFailure);
  }

  /** Compares wall and monotonic time: if the wall clock ran ahead, the laptop slept. */
  private noticeWake(): boolean {
    const wall = this.deps.clock.now();
    const mono = this.deps.clock.monotonic();
    const drift = wall - this.lastWall - (mono - this.lastMono);
    this.lastWall = wall;
    this.lastMono = mono;
    if (drift <= wakeDriftMs || !this.running || this.paused) return false;
    this.generation++;
    const longest = Math.max(0, ...[...this.entries.values()].map((e) => e.target.interval));
    this.graceUntil = wall + Math.max(longest, 10_000);
    for (const e of this.entries.values()) e.tracker.markUnknown('woke from sleep');
    this.setDegraded('woke from sleep', wall);
    this.queue = [];
    for (const e of this.entries.values()) e.queued = false;
    // Everything is due again now; spread the round a little so the first second is not a burst.
    this.scheduleAll();
    this.changed();
    return true;
  }

  private setDegraded(reason: string, now: number): void {
    if (this.degraded?.reason === reason) return;
    this.degraded = { reason, since: now };
    const labels = { alertname: 'MonitoringDegraded', severity: 'warning', reason };
    this.degradedAlert = {
      fingerprint: fingerprint(labels),
      labels,
      annotations: { summary: `monitoring degraded: ${reason}`, description: `Oncall Console cannot see its targets (${reason}); they show as unknown until checks succeed again.` },
      state: 'firing',
      activeAt: now,
      firedAt: now,
      resolvedAt: null,
      value: null,
      source: 'system',
      sourceName: 'network',
    };
    this.deps.publishSystem([this.degradedAlert]);
    this.changed();
  }

  private clearDegraded(now: number): void {
    if (!this.degraded) return;
    this.degraded = null;
    if (this.degradedAlert) this.deps.publishSystem([{ ...this.degradedAlert, state: 'resolved', resolvedAt: now }]);
    this.degradedAlert = null;
    this.changed();
  }

  private armWatchdog(): void {
    this.cancelWatchdog = this.deps.clock.setTimeout(() => {
      this.noticeWake();
      // Degraded after a wake with only loopback targets: clear once the grace period is over.
      const now = this.deps.clock.now();
      if (this.degraded?.reason === 'woke from sleep' && now >= this.graceUntil) this.clearDegraded(now);
      this.changed();
      if (this.running) this.armWatchdog();
    }, watchdogMs);
  }

  private resetClocks(): void {
    this.lastWall = this.deps.clock.now();
    this.lastMono = this.deps.clock.monotonic();
  }

  private changed(): void {
    if (this.cancelSnapshot) return;
    this.cancelSnapshot = this.deps.clock.setTimeout(() => {
      this.cancelSnapshot = null;
      this.deps.onSnapshot(this.snapshot());
    }, 250);
  }
}

function status(e: Entry, now: number, effectiveIntervalMs: number): TargetStatus {
  const t = e.tracker;
  const last = t.last;
  return {
    name: e.target.name,
    url: redactUrl(e.target.url),
    kind: e.target.kind ?? (e.target.url.startsWith('tcp:') ? 'tcp' : 'http'),
    runtime: e.target.runtime ?? false,
    health: t.view(now, e.armedInterval),
    unknownReason: t.health === 'unknown' ? t.unknownReason : null,
    intervalMs: e.target.interval,
    lastCheckAt: last?.at ?? null,
    lastSuccessAt: t.lastSuccessAt,
    latencyMs: last && last.status !== null ? Math.round(last.latencyMs) : last && !last.errorKind ? Math.round(last.latencyMs) : null,
    status: last?.status ?? null,
    reason: last?.reason ?? null,
    failingChecks: last?.failingChecks ?? [],
    consecutiveFailures: t.failures,
    slow: last?.slow ?? null,
    certExpiresAt: last?.certExpiresAt ?? null,
    critical: e.target.critical,
    effectiveIntervalMs,
  };
}
