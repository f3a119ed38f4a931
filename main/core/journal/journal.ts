import type {
  ActionItem,
  ChecklistItem,
  DecisionData,
  Incident,
  IncidentCategory,
  IncidentDetail,
  IncidentRole,
  IncidentSeverity,
  IncidentStatus,
  PiiWarning,
  Postmortem,
  TimelineEntry,
  TimelineEntryKind,
} from '../../../preload/contract/incidents';
import { AppError } from '../shared/errors';
import type { Db } from './db';
import { decisionText, statusText } from './format';
import { IncidentRepo, type IncidentPatch, type IncidentRow } from './incident-repo';
import { ActionRepo, AlertLinkRepo, ChecklistRepo, PostmortemRepo } from './items-repo';
import { assertCategory, assertEntrySize, assertSeverity, assertStatus, checkTransition, newIncidentId, osAuthor, reached, startChecklist } from './model';
import { checkPii } from './pii';
import { TitleIndex } from './search';
import { TimelineRepo } from './timeline-repo';
import { withBusyRetry } from './write';

export interface OpenInput {
  title: string;
  severity: string;
  category?: string;
  services?: string[];
  impact?: string;
  customerImpact?: boolean;
  correlationId?: string;
  startedAt?: number;
  detectedAt?: number;
  alertFingerprints?: string[];
}

export type AppendInput =
  | { kind: 'note' | 'communication'; incidentId?: string; text: string; channel?: string; supersedes?: string }
  | { kind: 'evidence'; incidentId?: string; text: string; url: string; supersedes?: string }
  | { kind: 'decision'; incidentId?: string; action: string; expectation: string; result?: string; next?: string; supersedes?: string };

export interface JournalOptions {
  now: () => number;
  author?: string;
  /** Called after every committed write with the incidents it touched. */
  onChange?: (ids: string[]) => void;
}

/**
 * The incident journal's write and read model, shared by the app (through the domain) and the CLI
 * (directly, so `oncall note` loads as little as possible). Validates domain rules itself: the CLI
 * does not go through the zod schemas.
 */
export class Journal {
  readonly incidents: IncidentRepo;
  readonly timeline: TimelineRepo;
  readonly checklist: ChecklistRepo;
  readonly actions: ActionRepo;
  readonly postmortems: PostmortemRepo;
  readonly alerts: AlertLinkRepo;
  readonly titles: TitleIndex;
  readonly author: string;

  constructor(
    readonly db: Db,
    private readonly options: JournalOptions,
  ) {
    this.incidents = new IncidentRepo(db);
    this.timeline = new TimelineRepo(db);
    this.checklist = new ChecklistRepo(db);
    this.actions = new ActionRepo(db);
    this.postmortems = new PostmortemRepo(db);
    this.alerts = new AlertLinkRepo(db);
    this.titles = new TitleIndex(db);
    this.author = options.author ?? osAuthor();
  }

  now(): number {
    return this.options.now();
  }

  /** One IMMEDIATE transaction (takes the write lock up front, so two writers queue instead of failing), then the change event. */
  write<T>(ids: (result: T) => string[], fn: () => T): T {
    const result = withBusyRetry(() => this.db.transaction(fn).immediate());
    this.options.onChange?.(ids(result));
    return result;
  }

  require(id: string): IncidentRow {
    const row = this.incidents.row(id);
    if (!row) throw new AppError('not_found', `no incident ${id} in this journal`);
    return row;
  }

  incident(id: string): Incident {
    const incident = this.incidents.get(id);
    if (!incident) throw new AppError('not_found', `no incident ${id} in this journal`);
    return incident;
  }

  detail(id: string, timelineLimit = 5000): IncidentDetail {
    const incident = this.incident(id);
    return {
      incident,
      timeline: timelineLimit === 0 ? [] : this.timeline.page(id, timelineLimit),
      timelineTotal: incident.entryCount,
      checklist: this.checklist.list(id),
      actions: this.actions.list(id),
      postmortem: this.postmortems.get(id),
    };
  }

  /** The incident a bare `oncall note` goes to: the most recently updated open one. */
  defaultIncident(): string {
    const id = this.incidents.mostRecentOpen();
    if (!id) throw new AppError('not_found', 'there is no open incident; open one first (oncall incident open --title T --severity P2) or pass --incident ID');
    return id;
  }

  open(input: OpenInput): { incident: Incident; warnings: PiiWarning[] } {
    const severity = assertSeverity(input.severity);
    const category = assertCategory(input.category ?? 'general');
    const title = input.title.trim();
    if (!title) throw new AppError('invalid_input', 'an incident needs a title');
    if (title.length > 300) throw new AppError('invalid_input', 'the title is too long (300 characters at most)');
    const now = this.now();
    const startedAt = input.startedAt ?? now;
    const id = this.write(
      (id) => [id],
      () => {
        let id = newIncidentId(startedAt);
        // 65,536 suffixes per second: a clash is unlikely but cheap to step around.
        for (let i = 0; this.incidents.row(id) && i < 20; i++) id = newIncidentId(startedAt);
        this.incidents.insert({
          id,
          title,
          severity,
          category,
          status: 'triggered',
          commander: null,
          scribe: null,
          comms: null,
          services: JSON.stringify(input.services ?? []),
          impact: input.impact ?? '',
          customer_impact: input.customerImpact ? 1 : 0,
          correlation_id: input.correlationId || null,
          started_at: startedAt,
          detected_at: input.detectedAt ?? null,
          acknowledged_at: null,
          mitigated_at: null,
          resolved_at: null,
          closed_at: null,
          author: this.author,
          created_at: now,
          updated_at: now,
          last_entry_at: now,
          entry_count: 0,
        });
        this.titles.set(id, title);
        this.addEntry(id, 'status_change', `${statusText(null, 'triggered')}: ${severity} ${title}`, { to: 'triggered', severity, category }, now);
        for (const fp of input.alertFingerprints ?? []) this.alerts.link(id, fp, now);
        if (severity === 'P1' || severity === 'P2') this.seedChecklist(id, now);
        return id;
      },
    );
    return { incident: this.incident(id), warnings: checkPii(`${title}\n${input.impact ?? ''}`) };
  }

  private seedChecklist(id: string, at: number): void {
    if (this.checklist.list(id).length > 0) return;
    this.checklist.seed(id, startChecklist);
    // The severity is set by the act of opening at P1/P2: tick it, journaled like any tick.
    this.checklist.set(id, 'severity_set', at, this.author);
    this.addEntry(id, 'checklist', 'Checklist: Severity set ✓', { key: 'severity_set', done: true }, at);
  }

  /** Appends inside the current transaction and keeps the incident's counters in step. */
  addEntry(incidentId: string, kind: TimelineEntryKind, text: string, data: Record<string, unknown> | null, at: number, supersedes?: string, id?: string): TimelineEntry {
    const entry = this.timeline.append({ id, incidentId, at, kind, text, data, author: this.author, supersedes });
    this.incidents.touch(incidentId, at);
    return entry;
  }

  setStatus(id: string, statusText_: string, note?: string): { incident: Incident; entry: TimelineEntry } {
    const to = assertStatus(statusText_);
    if (note !== undefined) assertEntrySize('the note', note);
    const entry = this.write(
      () => [id],
      () => {
        const row = this.require(id);
        const from = row.status as IncidentStatus;
        checkTransition(from, to);
        const now = this.now();
        const patch: IncidentPatch = { status: to };
        if (reached(to, 'acknowledged') && row.acknowledged_at === null) patch.acknowledged_at = now;
        if (reached(to, 'mitigated') && to !== 'closed' && row.mitigated_at === null) patch.mitigated_at = now;
        if (to === 'resolved' || (to === 'closed' && row.resolved_at === null)) patch.resolved_at = row.resolved_at ?? now;
        if (to === 'closed') patch.closed_at = now;
        if (from === 'resolved' && to === 'investigating') patch.resolved_at = null;
        this.incidents.patch(id, patch, now);
        return this.addEntry(id, 'status_change', statusText(from, to, note?.trim() || undefined), { from, to }, now);
      },
    );
    return { incident: this.incident(id), entry };
  }

  setRole(id: string, role: IncidentRole, name: string | null): { incident: Incident; entry: TimelineEntry } {
    const labels: Record<IncidentRole, string> = { commander: 'Incident commander', scribe: 'Scribe', comms: 'Comms lead' };
    const entry = this.write(
      () => [id],
      () => {
        const row = this.require(id);
        const from = row[role];
        if (from === name) throw new AppError('conflict', `${labels[role]} is already ${name ?? 'unassigned'}`);
        const now = this.now();
        this.incidents.patch(id, { [role]: name }, now);
        const text = name ? `${labels[role]}: ${name}${from ? ` (was ${from})` : ''}` : `${labels[role]} unassigned (was ${from ?? '-'})`;
        const entry = this.addEntry(id, 'role_change', text, { role, from, to: name }, now);
        // Naming the IC is the first item of the start checklist; tick it and journal the tick.
        const tickKey = role === 'commander' ? 'ic_named' : role === 'scribe' ? 'scribe_logging' : null;
        if (name && tickKey && this.checklist.list(id).some((c) => c.key === tickKey && !c.done)) {
          const label = startChecklist.find((c) => c.key === tickKey)?.label ?? tickKey;
          this.checklist.set(id, tickKey, now, this.author);
          this.addEntry(id, 'checklist', `Checklist: ${label} ✓`, { key: tickKey, done: true }, now);
        }
        return entry;
      },
    );
    return { incident: this.incident(id), entry };
  }

  update(id: string, fields: { title?: string; severity?: string; category?: string; services?: string[]; impact?: string; customerImpact?: boolean; correlationId?: string | null; detectedAt?: number | null }): { incident: Incident; warnings: PiiWarning[] } {
    const severity = fields.severity === undefined ? undefined : assertSeverity(fields.severity);
    const category = fields.category === undefined ? undefined : assertCategory(fields.category);
    this.write(
      () => [id],
      () => {
        const row = this.require(id);
        const now = this.now();
        const patch: IncidentPatch = {};
        const changes: { field: string; from: unknown; to: unknown }[] = [];
        const change = <K extends keyof IncidentPatch>(column: K, field: string, value: IncidentPatch[K] | undefined) => {
          if (value === undefined || value === row[column]) return;
          patch[column] = value;
          changes.push({ field, from: row[column], to: value });
        };
        change('title', 'title', fields.title?.trim());
        change('severity', 'severity', severity);
        change('category', 'category', category);
        change('services', 'services', fields.services && JSON.stringify(fields.services));
        change('impact', 'impact', fields.impact);
        change('customer_impact', 'customerImpact', fields.customerImpact === undefined ? undefined : fields.customerImpact ? 1 : 0);
        change('correlation_id', 'correlationId', fields.correlationId === undefined ? undefined : fields.correlationId || null);
        change('detected_at', 'detectedAt', fields.detectedAt);
        if (changes.length === 0) return;
        this.incidents.patch(id, patch, now);
        if (patch.title) this.titles.set(id, patch.title);
        for (const c of changes) {
          const show = (v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 77)}…` : v === null || v === undefined ? '-' : JSON.stringify(v).replace(/^"|"$/g, ''));
          this.addEntry(id, 'status_change', `${c.field}: ${show(c.from)} → ${show(c.to)}`, { field: c.field, from: c.from, to: c.to }, now);
        }
        if (severity && (severity === 'P1' || severity === 'P2')) this.seedChecklist(id, now);
      },
    );
    return { incident: this.incident(id), warnings: checkPii(`${fields.title ?? ''}\n${fields.impact ?? ''}`) };
  }

  append(input: AppendInput): { entry: TimelineEntry; warnings: PiiWarning[] } {
    let text: string;
    let data: Record<string, unknown> | null = null;
    if (input.kind === 'decision') {
      const decision: DecisionData = { action: input.action.trim(), expectation: input.expectation.trim(), result: input.result?.trim() || null, next: input.next?.trim() || null };
      if (!decision.action || !decision.expectation) throw new AppError('invalid_input', 'a decision needs an action and an expectation');
      text = decisionText(decision);
      data = { ...decision };
    } else {
      text = input.text.trim();
      if (input.kind === 'evidence') data = { url: input.url };
      else if (input.kind === 'communication' && input.channel) data = { channel: input.channel };
      if (!text && input.kind !== 'evidence') throw new AppError('invalid_input', `an empty ${input.kind} was not saved`);
    }
    assertEntrySize(`this ${input.kind}`, text);
    const entry = this.write(
      (e) => [e.incidentId],
      () => {
        const incidentId = input.incidentId ?? this.defaultIncident();
        this.require(incidentId);
        if (input.supersedes) {
          const old = this.timeline.get(input.supersedes);
          if (!old || old.incidentId !== incidentId) throw new AppError('not_found', `entry ${input.supersedes} is not on ${incidentId}'s timeline, so it cannot be corrected there`);
        }
        return this.addEntry(incidentId, input.kind, text, data, this.now(), input.supersedes);
      },
    );
    return { entry, warnings: checkPii(text) };
  }

  /** For other domains (runbook steps, alert transitions, reminders): any kind, structured data as given. */
  appendRaw(incidentId: string, entry: { kind: TimelineEntryKind; text: string; data?: Record<string, unknown>; at?: number }): TimelineEntry {
    assertEntrySize(`this ${entry.kind} entry`, entry.text);
    return this.write(
      () => [incidentId],
      () => {
        this.require(incidentId);
        return this.addEntry(incidentId, entry.kind, entry.text, entry.data ?? null, entry.at ?? this.now());
      },
    );
  }

  tick(incidentId: string, key: string, done: boolean): { checklist: ChecklistItem[]; entry: TimelineEntry } {
    const entry = this.write(
      () => [incidentId],
      () => {
        this.require(incidentId);
        const item = this.checklist.list(incidentId).find((c) => c.key === key);
        if (!item) throw new AppError('not_found', `${incidentId} has no checklist item "${key}" (the start checklist is added to P1/P2 incidents)`);
        if (item.done === done) throw new AppError('conflict', `"${item.label}" is already ${done ? 'ticked' : 'unticked'}`);
        const now = this.now();
        this.checklist.set(incidentId, key, done ? now : null, done ? this.author : null);
        return this.addEntry(incidentId, 'checklist', `Checklist: ${item.label} ${done ? '✓' : 'unticked'}`, { key, done }, now);
      },
    );
    return { checklist: this.checklist.list(incidentId), entry };
  }

  addAction(input: { incidentId: string; title: string; owner?: string; dueDate?: string }): ActionItem {
    return this.write(
      (a) => [a.incidentId],
      () => {
        this.require(input.incidentId);
        const now = this.now();
        const item = this.actions.insert({ incidentId: input.incidentId, title: input.title.trim(), owner: input.owner?.trim() || null, dueDate: input.dueDate ?? null, done: false, createdAt: now, updatedAt: now });
        this.incidents.patch(input.incidentId, {}, now);
        return item;
      },
    );
  }

  updateAction(input: { id: string; title?: string; owner?: string | null; dueDate?: string | null; done?: boolean }): ActionItem {
    return this.write(
      (a) => [a.incidentId],
      () => {
        const current = this.actions.get(input.id);
        if (!current) throw new AppError('not_found', `no action item ${input.id}`);
        const now = this.now();
        const next: ActionItem = {
          ...current,
          title: input.title?.trim() ?? current.title,
          owner: input.owner === undefined ? current.owner : input.owner?.trim() || null,
          dueDate: input.dueDate === undefined ? current.dueDate : input.dueDate,
          done: input.done ?? current.done,
          updatedAt: now,
        };
        this.actions.update(next);
        this.incidents.patch(current.incidentId, {}, now);
        return next;
      },
    );
  }

  savePostmortem(incidentId: string, fields: Partial<Omit<Postmortem, 'incidentId' | 'updatedAt'>>): Postmortem {
    return this.write(
      () => [incidentId],
      () => {
        this.require(incidentId);
        const now = this.now();
        const next = { ...this.postmortems.get(incidentId), ...fields, incidentId, updatedAt: now };
        this.postmortems.save(next);
        this.incidents.patch(incidentId, {}, now);
        return next;
      },
    );
  }

  linkAlert(incidentId: string, fingerprint: string): void {
    this.write(
      () => [incidentId],
      () => {
        this.require(incidentId);
        if (this.alerts.link(incidentId, fingerprint, this.now())) this.incidents.patch(incidentId, {}, this.now());
      },
    );
  }
}

export type { IncidentCategory, IncidentSeverity };
