import { matchesAll, type AlertsEvents, type Handlers, type Priority } from '../../../preload/contract';
import { AlertmanagerPoller } from '../alertmanager/poller';
import type { CoreContext, Domain, TimelinePort } from '../context';
import { AppError } from '../shared/errors';
import { openIncidentFromAlerts } from './incident-link';
import { resolveRunbook, runbookFolders } from './runbook-link';
import { AlertRowPages } from './rows';
import { AlertsService } from './service';
import { Silences } from './silences';
import { AlertStateStore } from './state-store';

type AlertsMethodName = `alerts:${string}` & keyof Handlers;
export type { AlertsEvents };

/** The alerting domain: policy, Alertmanager, acknowledge/snooze/silence, incidents and runbooks from alerts. */
export function createAlertsDomain(ctx: CoreContext, deps: { timeline: TimelinePort; notifiesOnCall?: (priority: Priority) => boolean }): Domain<AlertsMethodName> & { service: AlertsService; poller: AlertmanagerPoller } {
  const store = new AlertStateStore(ctx.db);
  let poller: AlertmanagerPoller | null = null;
  const service = new AlertsService({
    ctx,
    store,
    timeline: deps.timeline,
    ...(deps.notifiesOnCall ? { notifiesOnCall: deps.notifiesOnCall } : {}),
    sourceErrors: () => [...(poller?.snapshots ?? new Map<string, { error: string | null }>())].flatMap(([sourceName, s]) => (s.error ? [{ sourceName, message: s.error }] : [])),
  });
  poller = new AlertmanagerPoller(ctx, () => service.recompute());
  const am = poller;
  const silences = new Silences(ctx, store, service, am);
  const mustView = (fp: string) => {
    const view = service.view(fp);
    if (!view) throw new AppError('not_found', `no active alert with fingerprint ${fp}`);
    return view;
  };
  const folders = () => runbookFolders(ctx.resourcesDir, ctx.paths.home, ctx.config.current().runbooks.dirs);
  let stopConfig: (() => void) | null = null;
  const pages = new AlertRowPages();

  return {
    service,
    poller: am,
    handlers: {
      'alerts:list': () => service.list(),
      'alerts:rows': (input) => pages.page(service.list(), input),
      'alerts:count-matching': ({ matchers }) => ({ active: service.list().alerts.filter((a) => a.state !== 'resolved' && matchesAll(matchers, a.labels)).length }),
      'alerts:get': ({ fingerprint }) => {
        const alert = mustView(fingerprint);
        const notifications = store.notifications(500).filter((n) => n.fingerprints.includes(fingerprint)).slice(0, 50);
        return { alert, history: service.history(fingerprint), notifications, runbook: resolveRunbook(alert, folders()) };
      },
      'alerts:ack': ({ fingerprints, all, by }) => {
        const list = all ? service.list().alerts.filter((a) => a.state === 'firing' && !a.acknowledged).map((a) => a.fingerprint) : (fingerprints ?? []);
        if (!all && list.length === 0) throw new AppError('invalid_input', 'give fingerprints or all: true');
        return { acknowledged: service.acknowledge(list, by ?? 'you') };
      },
      'alerts:unack': ({ fingerprints }) => ({ cleared: service.unacknowledge(fingerprints) }),
      'alerts:ack-notification': ({ notificationId }) => {
        const list = service.fingerprintsOfNotification(notificationId);
        if (list.length === 0) throw new AppError('not_found', 'that notification is no longer known; acknowledge from the Alerts view');
        return { acknowledged: service.acknowledge(list, 'you (notification)') };
      },
      'alerts:snooze': ({ fingerprints, durationMs }) => ({ snoozedUntil: service.snooze(fingerprints, durationMs) }),
      'alerts:silence': (input) => silences.create(input),
      'alerts:silences': () => silences.list(),
      'alerts:expire-silence': async ({ id, origin }) => {
        await silences.expire(id, origin);
        return { expired: true as const };
      },
      'alerts:pause-notifications': ({ until }) => {
        service.pause(until !== null && until > ctx.clock.now() ? until : null);
        return service.notificationState();
      },
      'alerts:notification-state': () => service.notificationState(),
      'alerts:notifications': (input) => store.notifications(input?.limit ?? 100),
      'alerts:open-incident': ({ fingerprints, title, severity, incidentId }) => openIncidentFromAlerts(service, deps.timeline, fingerprints.map(mustView), { title, severity, incidentId }),
      'alerts:escalated': ({ fingerprint, level }) => ({ journaled: service.markEscalated(fingerprint, level) }),
      'alerts:runbook': ({ fingerprint }) => resolveRunbook(mustView(fingerprint), folders()),
      'alerts:open-runbook': async ({ fingerprint }) => {
        const link = resolveRunbook(mustView(fingerprint), folders());
        if (link?.kind === 'external') await ctx.ports.openExternal(link.url);
        return link;
      },
    },
    start() {
      service.start();
      stopConfig = ctx.config.onChange(() => am.configure());
      am.start();
      store.prune(ctx.clock.now());
    },
    stop() {
      stopConfig?.();
      am.stop();
      service.stop();
    },
  };
}
