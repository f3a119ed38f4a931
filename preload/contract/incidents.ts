// Methods and events of the incident journal (issue 3). Types only cross to the renderer; the core implements them.
import { z } from 'zod';
import { method } from './define';

export const severities = ['P1', 'P2', 'P3', 'P4'] as const;
export type IncidentSeverity = (typeof severities)[number];

/** The lifecycle in order; only `closed -> triggered` style jumps back are refused (see allowed transitions in the core). */
export const incidentStatuses = ['triggered', 'acknowledged', 'investigating', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** Seed 000 categories A-D plus the seed 001 ones. */
export const incidentCategories = ['A', 'B', 'C', 'D', 'backup', 'monitoring', 'storage', 'database', 'automation', 'email', 'general'] as const;
export type IncidentCategory = (typeof incidentCategories)[number];
export const categoryLabels: Record<IncidentCategory, string> = {
  A: 'A: API down / 5xx storm',
  B: 'B: database performance',
  C: 'C: frontend',
  D: 'D: security',
  backup: 'backup',
  monitoring: 'monitoring',
  storage: 'storage',
  database: 'database',
  automation: 'automation',
  email: 'email',
  general: 'general',
};

export const incidentRoles = ['commander', 'scribe', 'comms'] as const;
export type IncidentRole = (typeof incidentRoles)[number];
export const roleLabels: Record<IncidentRole, string> = { commander: 'Incident commander', scribe: 'Scribe', comms: 'Comms lead' };

/** Same list as TimelineKind in main/core/context.ts. */
export const timelineKinds = ['note', 'decision', 'status_change', 'role_change', 'alert_transition', 'runbook_step', 'communication', 'evidence', 'checklist', 'reminder', 'terminal'] as const;
export type TimelineEntryKind = (typeof timelineKinds)[number];
/** Kinds a person writes directly (the rest are written by the core: status, roles, alerts, runbooks, checklist). */
export const writableKinds = ['note', 'decision', 'communication', 'evidence'] as const;
export type WritableKind = (typeof writableKinds)[number];

/**
 * Largest note/decision text accepted, in UTF-8 bytes (1 MiB). Larger text is refused with a message
 * that says so; long command output belongs in an evidence link.
 */
export const maxEntryBytes = 1_048_576;

export interface IncidentRoles {
  commander: string | null;
  scribe: string | null;
  comms: string | null;
}

/** A row of the incident list. Times are ms since epoch. */
export interface IncidentSummary {
  /** `INC-YYYYMMDD-HHMMSS-xxxx` (UTC start, random hex): sortable and unique across laptops. */
  id: string;
  title: string;
  severity: IncidentSeverity;
  category: IncidentCategory;
  status: IncidentStatus;
  commander: string | null;
  startedAt: number;
  /** Last change of any kind (field, status, entry). */
  updatedAt: number;
  /** Last timeline entry; what "time since last update" counts from. */
  lastEntryAt: number;
  resolvedAt: number | null;
  entryCount: number;
  customerImpact: boolean;
}

export interface Incident extends IncidentSummary {
  roles: IncidentRoles;
  services: string[];
  impact: string;
  correlationId: string | null;
  /** Fingerprints of linked alerts. */
  alerts: string[];
  detectedAt: number | null;
  acknowledgedAt: number | null;
  mitigatedAt: number | null;
  closedAt: number | null;
  /** OS user@host that opened it. */
  author: string;
  createdAt: number;
}

/** Structured fields of a decision entry, the seed 002 format `[HH:MM] action, expectation, result, next`. */
export interface DecisionData {
  action: string;
  expectation: string;
  result: string | null;
  next: string | null;
}

/** `data` of a runbook_step entry (written by the runbooks domain through TimelinePort). */
export interface RunbookStepData {
  command?: string;
  host?: string;
  /** Command steps only. */
  exitCode?: number | null;
  /** HTTP and PromQL steps: `HTTP 200`, `3 results`. */
  outcome?: string;
  durationMs?: number;
  output?: string;
  runbook?: string;
  step?: string;
}

/** `data` of a terminal entry (written by `oncall record`): the session's start, each command, the summary. */
export interface TerminalEntryData {
  event: 'session_started' | 'command' | 'session_ended';
  /** Ties the entries of one recording together. */
  session: string;
  shell?: string;
  /** Start: where the shell started; command: where the command ran. */
  cwd?: string;
  command?: string;
  /** Command: its exit status (130 after Ctrl-C); summary: the shell's. Null when unknown. */
  exitCode?: number | null;
  durationMs?: number;
  /** Plain text (escape sequences removed), secrets masked, folded to the entry limit. */
  output?: string;
  outputBytes?: number;
  outputTruncated?: boolean;
  commands?: number;
  failures?: number;
}

export interface TimelineEntry {
  id: string;
  incidentId: string;
  /** Position in this incident's timeline (1, 2, ...); order of writing. */
  seq: number;
  at: number;
  kind: TimelineEntryKind;
  text: string;
  /** Structured fields: DecisionData, RunbookStepData, {from,to} for changes, {url} for evidence, ... */
  data: Record<string, unknown> | null;
  author: string;
  /** The entry this one corrects; entries are never edited in place. */
  supersedes: string | null;
  /** Filled in when read: the newest entry that corrects this one. */
  supersededBy: string | null;
}

export interface ChecklistItem {
  key: string;
  label: string;
  done: boolean;
  doneAt: number | null;
  doneBy: string | null;
}

export interface ActionItem {
  id: string;
  incidentId: string;
  title: string;
  owner: string | null;
  /** `YYYY-MM-DD` or null. */
  dueDate: string | null;
  done: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Postmortem {
  incidentId: string;
  summary: string;
  impact: string;
  rootCause: string;
  fiveWhys: string[];
  wentWell: string;
  wentBadly: string;
  lessons: string;
  sloImpact: string;
  cost: string;
  /** null while nothing has been saved. */
  updatedAt: number | null;
}

/** Seed 002 section 6: warn, never block, when text looks like personal data. */
export interface PiiWarning {
  kind: 'email' | 'phone' | 'iban';
  /** The matched text, partly masked (`j***@example.com`). */
  sample: string;
  message: string;
}

export interface IncidentDetail {
  incident: Incident;
  /** The newest `timelineLimit` entries in seq order; page back with timeline:list. */
  timeline: TimelineEntry[];
  timelineTotal: number;
  checklist: ChecklistItem[];
  actions: ActionItem[];
  postmortem: Postmortem;
}

export interface SearchHit {
  incidentId: string;
  incidentTitle: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  /** null when the title matched. */
  entryId: string | null;
  /** 'title' or the entry kind (note, decision, runbook_step ...). */
  source: 'title' | TimelineEntryKind;
  at: number;
  /** The snippet as text segments; `hit` segments are the matched terms (render them highlighted, never as HTML). */
  snippet: { text: string; hit: boolean }[];
}

export type ExportFormat = 'md' | 'json' | 'status-page' | 'customer-faq' | 'management-briefing';
export const exportFormats = ['md', 'json', 'status-page', 'customer-faq', 'management-briefing'] as const;

export interface ExportResult {
  format: ExportFormat;
  /** A suggested file name, e.g. `INC-20261123-091500-1a2b-postmortem.md`. */
  filename: string;
  mimeType: string;
  content: string;
}

export interface ImportResult {
  /** Incidents that did not exist here before. */
  created: string[];
  /** Incidents that existed and got new entries/items merged in. */
  merged: string[];
  entriesAdded: number;
  /** Entries already present (same id): the merge never duplicates. */
  entriesSkipped: number;
}

export interface IncidentStats {
  from: number;
  to: number;
  total: number;
  bySeverity: Record<IncidentSeverity, number>;
  byCategory: Record<IncidentCategory, number>;
  byStatus: Record<IncidentStatus, number>;
  /** Mean time to acknowledge / resolve over incidents started in the period that got there; null if none. */
  mttaMs: number | null;
  mttrMs: number | null;
  /** One row per UTC day in [from, to]: incidents started and resolved that day. */
  perDay: { day: string; opened: number; resolved: number }[];
}

export type ReminderKind = 'postmortem_due' | 'review' | 'update_due';
export interface Reminder {
  kind: ReminderKind;
  incidentId: string;
  title: string;
  severity: IncidentSeverity;
  /** When the reminder falls due (postmortem: 5 working days after resolve; update: 15 min after the last entry). */
  dueAt: number;
  overdue: boolean;
  message: string;
}

export interface BackupInfo {
  file: string;
  path: string;
  createdAt: number;
  bytes: number;
  /** Opened and `integrity_check` said ok right after writing. */
  verified: boolean;
}

export interface JournalHealth {
  /** `PRAGMA quick_check` result of the journal in use ('ok' when healthy). */
  quickCheck: string;
  ok: boolean;
  backups: BackupInfo[];
}

// ---- schemas ----------------------------------------------------------------

const incidentId = z.string().regex(/^INC-\d{8}-\d{6}-[0-9a-f]{4,8}$/, 'expected an incident id like INC-20261123-091500-1a2b');
const entryId = z.string().min(1).max(64);
const shortText = (max: number) => z.string().trim().min(1).max(max);
const entryText = z.string().max(maxEntryBytes, `too long: entries are limited to ${maxEntryBytes.toLocaleString('en')} bytes (1 MiB); put large output in a file and add it as evidence`);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const severity = z.enum(severities, { error: 'severity must be one of P1, P2, P3, P4' });
const status = z.enum(incidentStatuses, { error: `status must be one of ${incidentStatuses.join(', ')}` });
const category = z.enum(incidentCategories, { error: `category must be one of ${incidentCategories.join(', ')}` });
const services = z.array(shortText(200)).max(100);

const editableFields = z
  .object({
    title: shortText(300),
    severity,
    category,
    services,
    impact: z.string().max(20_000),
    customerImpact: z.boolean(),
    correlationId: z.string().trim().max(200).nullable(),
    detectedAt: z.number().int().nullable(),
  })
  .partial()
  .strict();

const appendInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), incidentId: incidentId.optional(), text: entryText.min(1), supersedes: entryId.optional() }).strict(),
  z.object({ kind: z.literal('communication'), incidentId: incidentId.optional(), text: entryText.min(1), channel: z.string().max(100).optional(), supersedes: entryId.optional() }).strict(),
  z.object({ kind: z.literal('evidence'), incidentId: incidentId.optional(), text: entryText, url: z.string().min(1).max(4096), supersedes: entryId.optional() }).strict(),
  z
    .object({
      kind: z.literal('decision'),
      incidentId: incidentId.optional(),
      action: entryText.min(1),
      expectation: entryText.min(1),
      result: entryText.optional(),
      next: entryText.optional(),
      supersedes: entryId.optional(),
    })
    .strict(),
]);

const postmortemFields = z
  .object({
    summary: z.string().max(200_000),
    impact: z.string().max(200_000),
    rootCause: z.string().max(200_000),
    fiveWhys: z.array(z.string().max(20_000)).max(10),
    wentWell: z.string().max(200_000),
    wentBadly: z.string().max(200_000),
    lessons: z.string().max(200_000),
    sloImpact: z.string().max(200_000),
    cost: z.string().max(200_000),
  })
  .partial()
  .strict();

const noArgs = z.object({}).strict().optional();

export const incidentsMethods = {
  /** Filtered, sorted, paged; `total` counts every match so a virtualised list can size itself. */
  'incidents:list': method<{ items: IncidentSummary[]; total: number }>()(
    z
      .object({
        status: z.array(status).max(incidentStatuses.length).optional(),
        /** Shortcut: everything not resolved/closed. */
        open: z.boolean().optional(),
        severity: z.array(severity).max(severities.length).optional(),
        category: z.array(category).max(incidentCategories.length).optional(),
        sort: z.enum(['startedAt', 'updatedAt', 'severity', 'status']).default('startedAt'),
        order: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict()
      .default({ sort: 'startedAt', order: 'desc', offset: 0, limit: 200 }),
  ),
  'incidents:get': method<IncidentDetail>()(z.object({ id: incidentId, timelineLimit: z.number().int().min(0).max(20_000).default(5000) }).strict()),
  /** Older timeline entries: those with seq < beforeSeq, newest `limit` of them, in seq order. */
  'timeline:list': method<{ entries: TimelineEntry[]; total: number }>()(
    z.object({ incidentId, beforeSeq: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(20_000).default(1000) }).strict(),
  ),
  'incidents:open': method<{ incident: Incident; warnings: PiiWarning[] }>()(
    z
      .object({
        title: shortText(300),
        severity,
        category: category.default('general'),
        services: services.optional(),
        impact: z.string().max(20_000).optional(),
        customerImpact: z.boolean().optional(),
        correlationId: z.string().trim().max(200).optional(),
        /** When it began, if earlier than now. */
        startedAt: z.number().int().optional(),
        detectedAt: z.number().int().optional(),
        alertFingerprints: z.array(z.string().max(64)).max(100).optional(),
      })
      .strict(),
  ),
  /** Journals a status_change entry (with the optional note as its text). Backward jumps such as closed -> triggered are refused. */
  'incidents:set-status': method<{ incident: Incident; entry: TimelineEntry }>()(z.object({ id: incidentId, status, note: entryText.optional() }).strict()),
  /** `name: null` clears the role. Journals a role_change entry. */
  'incidents:set-role': method<{ incident: Incident; entry: TimelineEntry }>()(z.object({ id: incidentId, role: z.enum(incidentRoles), name: z.string().trim().min(1).max(200).nullable() }).strict()),
  /** Changes fields; severity/category/impact changes are journaled too. */
  'incidents:update': method<{ incident: Incident; warnings: PiiWarning[] }>()(z.object({ id: incidentId, fields: editableFields }).strict()),
  /** Adds a note/decision/communication/evidence. Without incidentId: the most recently updated open incident. */
  'timeline:append': method<{ entry: TimelineEntry; warnings: PiiWarning[] }>()(appendInput),
  /** Checks the text for e-mail addresses, phone numbers and IBANs (as the composer types). */
  'incidents:pii-check': method<{ warnings: PiiWarning[] }>()(z.object({ text: z.string().max(maxEntryBytes) }).strict()),
  /** Ticks or unticks a start-checklist item; the tick is journaled as a checklist entry. */
  'checklist:tick': method<{ checklist: ChecklistItem[]; entry: TimelineEntry }>()(z.object({ incidentId, key: z.string().min(1).max(64), done: z.boolean().default(true) }).strict()),
  'actions:add': method<ActionItem>()(z.object({ incidentId, title: shortText(1000), owner: z.string().trim().max(200).optional(), dueDate: day.optional() }).strict()),
  'actions:update': method<ActionItem>()(
    z.object({ id: z.string().min(1).max(64), title: shortText(1000).optional(), owner: z.string().trim().max(200).nullable().optional(), dueDate: day.nullable().optional(), done: z.boolean().optional() }).strict(),
  ),
  'postmortem:get': method<Postmortem>()(z.object({ incidentId }).strict()),
  'postmortem:save': method<Postmortem>()(z.object({ incidentId, fields: postmortemFields }).strict()),
  /** FTS5 over titles, notes, decisions, communications and runbook output. Query words are ANDed; a trailing `*` is a prefix. */
  'incidents:search': method<{ hits: SearchHit[] }>()(z.object({ query: z.string().trim().min(1).max(500), incidentId: incidentId.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict()),
  'incidents:export': method<ExportResult>()(z.object({ id: incidentId, format: z.enum(exportFormats).default('md') }).strict()),
  /** Content of a JSON export. An invalid file is refused as a whole and changes nothing. */
  'incidents:import': method<ImportResult>()(z.object({ content: z.string().min(1).max(200_000_000) }).strict()),
  /** Defaults: the last 30 days up to now. */
  'incidents:stats': method<IncidentStats>()(z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().default({})),
  'incidents:reminders': method<{ reminders: Reminder[] }>()(noArgs),
  'journal:health': method<JournalHealth>()(noArgs),
  /** Writes a verified online backup now (the app also does it daily, keeping 7). */
  'journal:backup': method<BackupInfo>()(noArgs),
  /** Replaces the journal's content with a verified backup (file name from journal:health), in place, while the app runs. */
  'journal:restore': method<{ restoredFrom: string; quickCheck: string; message: string }>()(z.object({ file: z.string().regex(/^journal-[\w.-]+\.db$/, 'expected a backup file name from journal:health') }).strict()),
} as const;

export interface IncidentsEvents {
  /** Incidents that changed, in this process or in another one (the CLI). The UI refetches what it shows. */
  'incidents:changed': { ids: string[] };
  /** A reminder fell due (P1/P2 update nag, postmortem due, review). */
  'incidents:reminder': Reminder;
}
