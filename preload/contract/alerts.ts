// Methods and events of the alerting domain. The Alert shape is shared by every alert source.
import { z } from 'zod';
import { anchoredRe2, type Re2 } from '../../main/core/shared/re2';
import { method } from './define';

export type AlertState = 'pending' | 'firing' | 'resolved';
/** probe: a health endpoint; rule: a rule file evaluated locally; prometheus / alertmanager: read from the server; system: the console itself. */
export type AlertSource = 'probe' | 'rule' | 'prometheus' | 'alertmanager' | 'system';

export interface Alert {
  /** Prometheus/Alertmanager fingerprint of the label set (16 hex digits): the identity used for dedup. */
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertState;
  /** When the alert became active (pending), ms since epoch. */
  activeAt: number | null;
  /** When it started firing, ms since epoch. */
  firedAt: number | null;
  resolvedAt: number | null;
  value: number | null;
  source: AlertSource;
  /** The target, Prometheus server, rule file or Alertmanager it came from. */
  sourceName: string;
  generatorUrl?: string;
  /** Alertmanager silence ids / inhibiting fingerprints, when the source reports them. */
  silencedBy?: string[];
  inhibitedBy?: string[];
}

// ---------------------------------------------------------------------------------------------
// Matchers: Alertmanager's four operators, shared by silences (core) and the filter bar (renderer)
// so a filter that shows an alert and a silence built from that filter always agree.

export type MatchOp = '=' | '!=' | '=~' | '!~';
export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export const matcherSchema = z
  .object({ name: z.string().min(1).max(200), op: z.enum(['=', '!=', '=~', '!~']), value: z.string().max(1000) })
  .strict();

const matcherPattern = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"'=~]\S*|))\s*$/;

/** Parses `severity="critical"`, `service=~api.*` or `env!=dev`; throws with a readable message. */
export function parseMatcher(text: string): Matcher {
  const m = matcherPattern.exec(text);
  if (!m) throw new Error(`not a matcher: ${text} (write name=value, name!=value, name=~regex or name!~regex)`);
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? m[5] ?? '');
  const matcher: Matcher = { name: m[1]!, op: m[2] as MatchOp, value };
  if (matcher.op === '=~' || matcher.op === '!~') compileMatcherRegex(matcher.value);
  return matcher;
}

/** Splits `{a="1", b=~"x y"}` or `a=1 b=~x` into matchers (quotes may hold spaces and commas). */
export function parseMatchers(text: string): Matcher[] {
  const body = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const parts = body.match(/[A-Za-z_][A-Za-z0-9_]*\s*(?:=~|!~|!=|=)\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,]*)/g) ?? [];
  return parts.map(parseMatcher);
}

/**
 * Alertmanager anchors regex matchers at both ends and evaluates them with Go's RE2, so a filter, a
 * silence and a route agree with Alertmanager on `(?i)`, `\\d`, `.` and the rest.
 */
export function compileMatcherRegex(source: string): Re2 {
  try {
    return anchoredRe2(source);
  } catch (err) {
    throw new Error(`bad regex "${source}": ${(err as Error).message}`);
  }
}

/** A missing label matches as the empty string, exactly as in Alertmanager. */
export function matcherMatches(m: Matcher, labels: Record<string, string>): boolean {
  const value = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return compileMatcherRegex(m.value).testExact(value);
    case '!~':
      return !compileMatcherRegex(m.value).testExact(value);
  }
}

export function matchesAll(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  for (const m of matchers) if (!matcherMatches(m, labels)) return false;
  return true;
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

// ---------------------------------------------------------------------------------------------
// What the alerting domain reports.

export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
/** Tray and badge colour: green nothing firing, yellow warnings, red critical, grey blind (unknown). */
export type TrayColor = 'green' | 'yellow' | 'red' | 'grey';

export interface AlertView extends Alert {
  priority: Priority;
  acknowledged: boolean;
  acknowledgedAt: number | null;
  snoozedUntil: number | null;
  /** Local silence ids and Alertmanager silence ids that mute it. */
  silenced: boolean;
  inhibited: boolean;
  /** Keys of the notification groups it belongs to. */
  groups: string[];
  incidents: string[];
}

export interface AlertGroupView {
  key: string;
  /** The group_by label values that define the group. */
  labels: Record<string, string>;
  routePath: string;
  fingerprints: string[];
  firing: number;
  worst: Priority;
}

/** A group's title from its group_by labels, sorted by name: `alertname="X", env="prod"`. */
export function groupTitle(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length ? parts.join(', ') : 'all alerts';
}

/** A group header in the Alerts screen's list, counted over the alerts that pass the filter. */
export interface AlertGroupRow {
  kind: 'group';
  key: string;
  labels: Record<string, string>;
  routePath: string;
  shown: number;
  firing: number;
  worst: Priority;
  collapsed: boolean;
  /** Firing, unacknowledged alerts of the group that pass the filter: what "a" on the header acknowledges. */
  unacknowledged: string[];
}

export interface AlertItemRow {
  kind: 'alert';
  /** `groupKey|fingerprint`: an alert in two groups has two rows. */
  key: string;
  groupKey: string;
  alert: AlertView;
}

export type AlertRow = AlertGroupRow | AlertItemRow;

/**
 * One window of the Alerts screen's rows (group headers and the alerts of unfolded groups), filtered
 * and grouped in the core, so the screen receives what it shows instead of every alert.
 */
export interface AlertRowsPage {
  /** Changes whenever any alert changes; send it back as `since` to skip an unchanged answer. */
  revision: number;
  /** True when nothing changed since `since`: the other fields are those of the current state, `rows` is empty. */
  unchanged: boolean;
  /** Alerts in view, and of those the ones that pass the filter. */
  total: number;
  shown: number;
  /** Rows of the whole list; `rows` holds those from `offset` on. */
  count: number;
  offset: number;
  rows: AlertRow[];
  /** Index of the row whose key was sent as `cursor`, -1 when it is not in the list. */
  cursorIndex: number;
  tray: TrayState;
  sourceErrors: { sourceName: string; message: string }[];
}

export interface TrayAlert {
  fingerprint: string;
  title: string;
  priority: Priority;
  since: number | null;
}

export interface TrayState {
  color: TrayColor;
  /** Firing alerts that are neither silenced, inhibited nor snoozed. */
  count: number;
  /** Of which not yet acknowledged (the badge). */
  unacknowledged: number;
  worst: Priority | null;
  label: string;
  top: TrayAlert[];
  pausedUntil: number | null;
  quietHours: boolean;
  /** A critical alert is firing, unacknowledged and not muted: the renderer repeats its sound. */
  pagerSound: boolean;
}

export interface AlertsList {
  version: number;
  alerts: AlertView[];
  groups: AlertGroupView[];
  tray: TrayState;
  /** Alertmanagers that could not be read just now. */
  sourceErrors: { sourceName: string; message: string }[];
}

export interface AlertDetail {
  alert: AlertView;
  history: { at: number; value: number | null; state: AlertState }[];
  notifications: NotificationLogEntry[];
  runbook: RunbookLink | null;
}

export type RunbookLink =
  | { kind: 'local'; id: string; path: string; title: string; params: Record<string, string> }
  | { kind: 'external'; url: string };

export interface SilenceView {
  id: string;
  /** 'local' or the name of the Alertmanager that holds it. */
  origin: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  comment: string;
  createdBy: string;
  state: 'active' | 'pending' | 'expired';
  /** Active alerts it mutes right now; 0 means it matches nothing. */
  matching: number;
  expiresSoon: boolean;
}

export interface NotificationLogEntry {
  id: number;
  at: number;
  kind: 'firing' | 'resolved' | 'reminder' | 'escalation' | 'silence-expiring';
  groupKey: string;
  title: string;
  body: string;
  fingerprints: string[];
  delivered: boolean;
  /** Why it was held back: quiet hours, paused. */
  heldBecause: string | null;
}

export interface NotificationState {
  pausedUntil: number | null;
  quietHours: boolean;
}

const fingerprintField = z.string().regex(/^[0-9a-f]{1,16}$/, 'expected an alert fingerprint (hex)');
const fingerprints = z.array(fingerprintField).min(1).max(20_000);
const noArgs = z.object({}).strict().optional();

export const alertsMethods = {
  'alerts:list': method<AlertsList>()(noArgs),
  /** A window of the grouped, filtered rows (filter syntax: preload/contract/alert-filter.ts). */
  'alerts:rows': method<AlertRowsPage>()(
    z
      .object({
        filter: z.string().max(2000).default(''),
        /** Keys of the folded groups. */
        collapsed: z.array(z.string().max(2000)).max(20_000).default([]),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(0).max(1000).default(200),
        /** A row key (the keyboard cursor) to locate in the list: answered as `cursorIndex`. */
        cursor: z.string().max(4000).optional(),
        /** The revision of the caller's last answer for the same arguments. */
        since: z.number().int().optional(),
      })
      .strict(),
  ),
  /** Active (pending or firing) alerts whose labels match all the matchers: a silence's preview. */
  'alerts:count-matching': method<{ active: number }>()(z.object({ matchers: z.array(matcherSchema).min(1).max(50) }).strict()),
  'alerts:get': method<AlertDetail>()(z.object({ fingerprint: fingerprintField }).strict()),
  'alerts:ack': method<{ acknowledged: number }>()(z.object({ fingerprints: fingerprints.optional(), all: z.boolean().optional(), by: z.string().max(100).optional() }).strict()),
  'alerts:unack': method<{ cleared: number }>()(z.object({ fingerprints }).strict()),
  /** Acknowledges what a desktop notification was about (its Acknowledge action). */
  'alerts:ack-notification': method<{ acknowledged: number }>()(z.object({ notificationId: z.string().min(1).max(200) }).strict()),
  'alerts:snooze': method<{ snoozedUntil: number }>()(z.object({ fingerprints, durationMs: z.number().int().min(60_000).max(7 * 86_400_000) }).strict()),
  'alerts:silence': method<SilenceView>()(
    z
      .object({
        matchers: z.array(matcherSchema).min(1).max(50),
        endsAt: z.number().int().positive(),
        comment: z.string().min(1).max(2000),
        createdBy: z.string().max(100).optional(),
        /** Create it in this Alertmanager (by name) instead of locally. */
        alertmanager: z.string().max(64).optional(),
      })
      .strict(),
  ),
  'alerts:silences': method<SilenceView[]>()(noArgs),
  'alerts:expire-silence': method<{ expired: true }>()(z.object({ id: z.string().min(1).max(100), origin: z.string().min(1).max(64) }).strict()),
  'alerts:pause-notifications': method<NotificationState>()(z.object({ until: z.number().int().nullable() }).strict()),
  'alerts:notification-state': method<NotificationState>()(noArgs),
  'alerts:notifications': method<NotificationLogEntry[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict().optional()),
  'alerts:open-incident': method<{ incidentId: string }>()(
    z
      .object({
        fingerprints,
        title: z.string().min(1).max(300).optional(),
        severity: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
        /** Attach to this open incident instead of opening a new one. */
        incidentId: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ),
  'alerts:escalated': method<{ journaled: number }>()(z.object({ fingerprint: fingerprintField, level: z.number().int().min(2).max(9) }).strict()),
  'alerts:runbook': method<RunbookLink | null>()(z.object({ fingerprint: fingerprintField }).strict()),
  'alerts:open-runbook': method<RunbookLink | null>()(z.object({ fingerprint: fingerprintField }).strict()),
} as const;

export interface AlertsEvents {
  /** A source replaced its set of alerts. */
  'alerts:source-changed': { source: AlertSource; sourceName: string; count: number };
  /** The decorated alert list changed; fetch alerts:list for the details (throttled by the core). */
  'alerts:changed': { version: number; tray: TrayState };
  /** A sound is due (a notification with sound on, or a critical page ringing again until acknowledged). */
  'alerts:sound': SoundCue;
  /** An escalation reminder: the UI offers "I escalated" with the contact. */
  'alerts:escalation': { fingerprint: string; level: number; contact: EscalationContact | null; title: string };
}

/** One ring of a notification sound; `repeat` is 0 for the first ring, then 1, 2, … while a critical page is unanswered. */
export interface SoundCue {
  notificationId: string;
  severity: 'critical' | 'warning' | 'info';
  repeat: number;
}

export interface EscalationContact {
  name: string;
  phone?: string;
  chat?: string;
}
