import type Database from 'better-sqlite3';
import type { Alert, AlertSource, Handlers, MethodName, NotificationPayload, PowerState, SoundCue } from '../../preload/contract';
import type { ConfigStore } from './config';
import type { HomePaths } from './home';
import type { Clock } from './shared/clock';
import type { EventBus } from './shared/event-bus';

// This file sits below the domains (they all import it), so it names what it needs from them as
// ports and imports none of them; the engine plugs in the implementations.

/** A secret reference in a probe header: `${env:NAME}` or `keychain:NAME` (parsed in probes/secrets.ts). */
export interface SecretRef {
  kind: 'env' | 'keychain';
  name: string;
}

export interface SecretResolver {
  /** The secret's value, or undefined when it is not set. */
  resolve(ref: SecretRef): Promise<string | undefined> | string | undefined;
  /** Seals a `keychain:NAME` value; only faces with a real keychain (the desktop app) have it. */
  store?(name: string, value: string): void;
}

/** Where every alert source publishes its current alerts and consumers read the merged view (alerts/alert-feed.ts). */
export interface AlertFeedPort {
  /** Replaces this source's snapshot with its current list. */
  publish(source: AlertSource, sourceName: string, alerts: Alert[]): void;
  /** Every source's alerts, deduplicated by fingerprint. */
  merged(): Alert[];
  get(fingerprint: string): Alert | undefined;
  /** Fingerprints changed since the last call. */
  takeChanges(): Set<string>;
  onChange(listener: () => void): () => void;
}

/** Whether the machine runs on battery: Electron's powerMonitor in the app, /sys/class/power_supply elsewhere (power/). */
export interface PowerSource {
  current(): PowerState;
  /** Called on every change of state; returns an unsubscribe function. */
  onChange(listener: (state: PowerState) => void): () => void;
  /** Stops any watching the source does (a polling timer). */
  close?(): void;
}

export type Face = 'electron' | 'web' | 'cli';

/** Side effects that differ per face, passed in so the core runs under plain Node. */
export interface FacePorts {
  face: Face;
  /** Shows a desktop notification (Electron) or forwards it to the page (browser mode). */
  notify(notification: NotificationPayload): void;
  /** Plays an alert sound where the face can without a window (Electron); the `alerts:sound` event carries it to pages too. */
  playSound?(cue: SoundCue): void;
  /** Opens an http(s) URL in the user's browser; the face decides how, the core checks the scheme. */
  openExternal(url: string): Promise<void>;
  /** Resolves `keychain:NAME` / `${env:NAME}` secret references in probe headers; environment variables when absent. */
  secrets?: SecretResolver;
  /** On battery or on mains; absent: read from /sys/class/power_supply on Linux, "unknown" (mains) elsewhere. */
  power?: PowerSource;
}

/** What every domain is built from. */
export interface CoreContext {
  paths: HomePaths;
  /** Bundled read-only resources: built-in rules, runbooks, icons. */
  resourcesDir: string;
  config: ConfigStore;
  /** The journal database, opened by journal/db.ts. */
  db: Database.Database;
  bus: EventBus;
  clock: Clock;
  ports: FacePorts;
  /** Every alert source publishes here; alerting and the UI read from it. */
  alerts: AlertFeedPort;
}

export type TimelineKind =
  | 'note'
  | 'decision'
  | 'status_change'
  | 'role_change'
  | 'alert_transition'
  | 'runbook_step'
  | 'communication'
  | 'evidence'
  | 'checklist'
  | 'reminder'
  | 'terminal';

export type Severity = 'P1' | 'P2' | 'P3' | 'P4';

/**
 * How other domains write to incident timelines (runbook steps, alert transitions, reminders).
 * Implemented by the journal domain; entries are append-only.
 */
export interface TimelinePort {
  /** Appends an entry and returns its id. `data` holds structured fields (command, exitCode, output…). */
  append(incidentId: string, entry: { kind: TimelineKind; text: string; data?: Record<string, unknown>; at?: number }): string;
  openIncident(input: { title: string; severity: Severity; category?: string; services?: string[]; alertFingerprints?: string[] }): string;
  linkAlert(incidentId: string, fingerprint: string): void;
  /** Open incidents an alert is attached to. */
  incidentsForAlert(fingerprint: string): string[];
  /** Fingerprints attached to any open incident: one query instead of one per alert. */
  attachedAlerts(): Set<string>;
}

/** A domain contributes handlers for its slice of the contract and may run in the background. */
export interface Domain<K extends MethodName> {
  handlers: Pick<Handlers, K>;
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
}
