import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertFeed } from '../../../main/core/alerts/alert-feed';
import { AlertsService } from '../../../main/core/alerts/service';
import { AlertStateStore } from '../../../main/core/alerts/state-store';
import { openConfigStore } from '../../../main/core/composed-config';
import type { CoreContext, TimelineKind, TimelinePort } from '../../../main/core/context';
import { homePaths } from '../../../main/core/home';
import { openJournal, type Db } from '../../../main/core/journal';
import type { Clock } from '../../../main/core/shared/clock';
import { EventBus } from '../../../main/core/shared/event-bus';
import { fingerprint } from '../../../main/core/shared/fingerprint';
import type { Alert, AlertSource, NotificationPayload, SoundCue } from '../../../preload/contract';
import { FakeClock } from '../../support/fake-clock';

export interface TimelineEntry {
  incidentId: string;
  kind: TimelineKind;
  text: string;
  data?: Record<string, unknown>;
}

/** An in-memory TimelinePort that records what alerting writes. */
export class FakeTimeline implements TimelinePort {
  incidents: { id: string; title: string; severity: string; services?: string[]; fingerprints: string[] }[] = [];
  entries: TimelineEntry[] = [];
  append(incidentId: string, entry: { kind: TimelineKind; text: string; data?: Record<string, unknown> }): string {
    this.entries.push({ incidentId, ...entry });
    return String(this.entries.length);
  }
  openIncident(input: { title: string; severity: 'P1' | 'P2' | 'P3' | 'P4'; services?: string[]; alertFingerprints?: string[] }): string {
    const id = `INC-${this.incidents.length + 1}`;
    this.incidents.push({ id, title: input.title, severity: input.severity, ...(input.services ? { services: input.services } : {}), fingerprints: [...(input.alertFingerprints ?? [])] });
    return id;
  }
  linkAlert(incidentId: string, fp: string): void {
    const inc = this.incidents.find((i) => i.id === incidentId);
    if (inc && !inc.fingerprints.includes(fp)) inc.fingerprints.push(fp);
  }
  incidentsForAlert(fp: string): string[] {
    return this.incidents.filter((i) => i.fingerprints.includes(fp)).map((i) => i.id);
  }
  attachedAlerts(): Set<string> {
    return new Set(this.incidents.flatMap((i) => i.fingerprints));
  }
}

export function makeAlert(labels: Record<string, string>, state: Alert['state'] = 'firing', extra: Partial<Alert> = {}): Alert {
  return {
    fingerprint: fingerprint(labels),
    labels,
    annotations: {},
    state,
    activeAt: null,
    firedAt: null,
    resolvedAt: null,
    value: null,
    source: 'rule',
    sourceName: 'test.yml',
    ...extra,
  };
}

/** A core context with a clock (fake by default), an in-memory journal and a config written from YAML text. */
export interface TestContext {
  dir: string;
  ctx: CoreContext;
  db: Db;
  notified: NotificationPayload[];
  /** Cues given to the face's sound player port. */
  played: SoundCue[];
  opened: string[];
  dispose: () => void;
}

export function makeContext(configYaml = '', clock: Clock = new FakeClock()): TestContext {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-alerts-'));
  writeFileSync(join(dir, 'config.yml'), configYaml);
  const config = openConfigStore(join(dir, 'config.yml'), () => clock.now());
  config.reload();
  if (config.state().issues.length) throw new Error(`bad test config: ${JSON.stringify(config.state().issues)}`);
  const db: Db = openJournal(':memory:');
  const bus = new EventBus();
  const notified: NotificationPayload[] = [];
  const opened: string[] = [];
  const played: SoundCue[] = [];
  const ctx: CoreContext = {
    paths: homePaths(dir),
    resourcesDir: join(dir, 'resources'),
    config,
    db,
    bus,
    clock,
    ports: { face: 'cli', notify: (n) => notified.push(n), playSound: (cue) => played.push(cue), openExternal: (url) => Promise.resolve(void opened.push(url)) },
    alerts: new AlertFeed(bus),
  };
  return {
    dir,
    ctx,
    db,
    notified,
    played,
    opened,
    dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function alertingHarness(configYaml = '') {
  const clock = new FakeClock();
  const base = makeContext(configYaml, clock);
  const { dir, ctx, db, notified, played, opened } = base;
  const timeline = new FakeTimeline();
  const store = new AlertStateStore(db);
  const service = new AlertsService({ ctx, store, timeline });
  service.start();
  const publish = (alerts: Alert[], source: AlertSource = 'rule', name = 'test.yml') => ctx.alerts.publish(source, name, alerts);
  return {
    dir,
    ctx,
    clock,
    store,
    service,
    timeline,
    notified,
    played,
    opened,
    publish,
    /** Notifications that reached the desktop, by kind (from the log). */
    delivered: (kinds: string[] = ['firing', 'resolved', 'reminder']) => store.notifications(10_000).filter((n) => n.delivered && kinds.includes(n.kind)).reverse(),
    policyGroups: () => service.policy.groups.size,
    held: () => store.notifications(10_000).filter((n) => !n.delivered).reverse(),
    close() {
      service.stop();
      base.dispose();
    },
  };
}
