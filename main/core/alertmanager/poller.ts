import type { CoreContext } from '../context';
import { AlertmanagerClient, fromAmAlert, type AmSilence } from './client';

export interface AlertmanagerSnapshot {
  silences: AmSilence[];
  error: string | null;
  readAt: number | null;
}

/**
 * Reads every configured Alertmanager's alerts (with silences and inhibition) and silences on an
 * interval and publishes the alerts into the feed. A failed read keeps the last alerts (an
 * unreachable server is "unknown", never "resolved") and reports the error.
 */
export class AlertmanagerPoller {
  readonly clients = new Map<string, AlertmanagerClient>();
  readonly snapshots = new Map<string, AlertmanagerSnapshot>();
  private cancel: (() => void) | null = null;
  private stopped = true;
  private running: Promise<void> | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly onUpdate: () => void,
  ) {
    this.configure();
  }

  configure(): void {
    const wanted = this.ctx.config.current().alertmanagers;
    this.clients.clear();
    for (const am of wanted) this.clients.set(am.name, new AlertmanagerClient(am.name, am.url));
    for (const name of [...this.snapshots.keys()]) {
      if (this.clients.has(name)) continue;
      this.snapshots.delete(name);
      this.ctx.alerts.publish('alertmanager', name, []);
    }
  }

  client(name: string): AlertmanagerClient | undefined {
    return this.clients.get(name);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
  }

  /** One read of every Alertmanager now (also after creating or expiring a silence). */
  pollNow(): Promise<void> {
    this.running ??= this.readAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancel?.();
    this.cancel = this.ctx.clock.setTimeout(() => {
      void this.pollNow().finally(() => this.schedule(this.ctx.config.current().alerting.alertmanagerPoll));
    }, ms);
  }

  private async readAll(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => this.readOne(c)));
    this.onUpdate();
  }

  private async readOne(client: AlertmanagerClient): Promise<void> {
    const previous = this.snapshots.get(client.name);
    try {
      const [alerts, silences] = await Promise.all([client.alerts(), client.silences()]);
      const now = this.ctx.clock.now();
      this.snapshots.set(client.name, { silences, error: null, readAt: now });
      if (!this.clients.has(client.name)) return;
      this.ctx.alerts.publish('alertmanager', client.name, alerts.map((a) => fromAmAlert(a, client.name, now)));
    } catch (err) {
      this.snapshots.set(client.name, { silences: previous?.silences ?? [], error: (err as Error).message, readAt: previous?.readAt ?? null });
    }
  }
}
