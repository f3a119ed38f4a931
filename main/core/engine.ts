import { isMethodName, methods, type Handlers, type Result } from '../../preload/contract';
import { createAppDomain } from './app-domain';
import { AlertFeed } from './alerts/alert-feed';
import { createAlertsDomain } from './alerts/domain';
import { createRotationDomain } from './rotation/domain';
import { createChannelsDomain } from './channels/domain';
import { createOutboxDomain } from './channels/outbox/domain';
import { openConfigStore } from './composed-config';
import type { CoreContext, Domain, FacePorts } from './context';
import { createDemoDomain } from './demo';
import { ensureHome } from './home';
import { closeJournal, openJournal } from './journal';
import { createIncidentsDomain } from './journal/domain';
import { createMonitoringDomain } from './monitoring';
import type { BrowserEngine } from './probes/browser/engine';
import { createRunbooksDomain } from './runbooks/domain';
import { systemClock, type Clock } from './shared/clock';
import { AppError, toApiError } from './shared/errors';
import { EventBus } from './shared/event-bus';

export interface EngineOptions {
  home: string;
  resourcesDir: string;
  ports: FacePorts;
  clock?: Clock;
  /** Reload config.yml when it changes on disk (the app and browser mode; not one-shot CLI commands). */
  watchConfig?: boolean;
  /** better-sqlite3 binary for the Electron ABI (development only; see .ci/electron-native.mjs). */
  nativeBinding?: string;
  /** The engine `kind: browser` targets load pages in (the app: a hidden BrowserWindow); default: Chromium through playwright-core. */
  browserEngine?: () => BrowserEngine;
}

export interface Engine {
  /** The contract entry point for every face: validates input, never throws. */
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  handlers: Handlers;
  bus: EventBus;
  ctx: CoreContext;
  /** Starts background work (polling, evaluation, reminders). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The composition root: builds every service from the data directory and joins their handlers. */
export function createEngine(options: EngineOptions): Engine {
  const { paths } = ensureHome(options.home);
  const clock = options.clock ?? systemClock;
  const config = openConfigStore(paths.config, () => clock.now());
  config.reload();
  const db = openJournal(paths.journal, { nativeBinding: options.nativeBinding });
  const bus = new EventBus();
  config.onChange((state) => bus.emit('config:changed', state));
  const ctx: CoreContext = { paths, resourcesDir: options.resourcesDir, config, db, bus, clock, ports: options.ports, alerts: new AlertFeed(bus) };

  const domains: Domain<never>[] = [];
  const add = <D extends Domain<never>>(domain: D): D => {
    domains.push(domain);
    return domain;
  };
  const app = add(createAppDomain(ctx));
  const demo = add(createDemoDomain(ctx));
  const monitoring = add(createMonitoringDomain(ctx, options.browserEngine ? { browserEngine: options.browserEngine } : {}));
  const incidents = add(createIncidentsDomain(ctx));
  const { timeline } = incidents;
  const runbooks = add(createRunbooksDomain(ctx, { timeline }));
  const rotation = add(createRotationDomain(ctx));
  const alerts = add(createAlertsDomain(ctx, { timeline, notifiesOnCall: (p) => rotation.notifies(p) }));
  monitoring.probes.attachEvidence(timeline);
  const channels = add(createChannelsDomain(ctx));
  const outbox = add(createOutboxDomain(ctx, { timeline, deliver: channels.deliver }));
  alerts.service.onGroupFlush((flush) => outbox.router.flushed(flush));

  // `satisfies` makes the compiler prove every contract method has exactly one handler.
  const handlers = {
    ...app.handlers,
    ...demo.handlers,
    ...monitoring.handlers,
    ...incidents.handlers,
    ...runbooks.handlers,
    ...alerts.handlers,
    ...rotation.handlers,
    ...channels.handlers,
    ...outbox.handlers,
  } satisfies Handlers;

  async function invoke(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'unknown_method', message: `unknown method: ${method}` } };
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'invalid_input', message: `${method}: ${message}` } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (!(err instanceof AppError)) console.error(`${method} failed:`, err);
      return { ok: false, error: toApiError(err) };
    }
  }

  let closed = false;
  return {
    invoke,
    handlers,
    bus,
    ctx,
    async start() {
      if (options.watchConfig) config.watch();
      for (const domain of domains) await domain.start?.();
    },
    async close() {
      if (closed) return;
      closed = true;
      config.close();
      for (const domain of [...domains].reverse()) await domain.stop?.();
      closeJournal(db);
    },
  };
}
