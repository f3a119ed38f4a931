import { z } from 'zod';
import type { ImportResult } from '../../../preload/contract/incidents';
import { AppError } from '../shared/errors';
import { exportFormatName } from './export';
import type { IncidentPatch } from './incident-repo';
import type { Journal } from './journal';
import { categoryList, entryLimitBytes, incidentIdPattern, kindList, roleList, severityList, statusList } from './model';

const ms = z.number().int();
const name = z.string().max(200).nullable();
const entrySchema = z.object({
  id: z.string().min(1).max(64),
  incidentId: z.string(),
  seq: z.number().int().min(1),
  at: ms,
  kind: z.enum(kindList),
  text: z.string().max(entryLimitBytes),
  data: z.record(z.string(), z.unknown()).nullable(),
  author: z.string().min(1).max(300),
  supersedes: z.string().max(64).nullable(),
});

const exportSchema = z.object({
  format: z.literal(exportFormatName, { error: `not an Oncall Console incident export (expected "format": "${exportFormatName}")` }),
  version: z.literal(1, { error: 'this export version is not supported by this app version' }),
  incident: z.object({
    id: z.string().regex(incidentIdPattern, 'not an incident id'),
    title: z.string().min(1).max(300),
    severity: z.enum(severityList),
    category: z.enum(categoryList),
    status: z.enum(statusList),
    roles: z.object(Object.fromEntries(roleList.map((r) => [r, name])) as Record<(typeof roleList)[number], typeof name>),
    services: z.array(z.string().max(200)).max(100),
    impact: z.string().max(20_000),
    customerImpact: z.boolean(),
    correlationId: z.string().max(200).nullable(),
    alerts: z.array(z.string().max(64)).max(1000),
    startedAt: ms,
    detectedAt: ms.nullable(),
    acknowledgedAt: ms.nullable(),
    mitigatedAt: ms.nullable(),
    resolvedAt: ms.nullable(),
    closedAt: ms.nullable(),
    author: z.string().min(1).max(300),
    createdAt: ms,
    updatedAt: ms,
  }),
  timeline: z.array(entrySchema).max(1_000_000),
  checklist: z.array(z.object({ key: z.string().min(1).max(64), label: z.string().max(300), done: z.boolean(), doneAt: ms.nullable(), doneBy: name })).max(50),
  actions: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        title: z.string().min(1).max(1000),
        owner: name,
        dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
        done: z.boolean(),
        createdAt: ms,
        updatedAt: ms,
      }),
    )
    .max(10_000),
  postmortem: z.object({
    summary: z.string(),
    impact: z.string(),
    rootCause: z.string(),
    fiveWhys: z.array(z.string()).max(10),
    wentWell: z.string(),
    wentBadly: z.string(),
    lessons: z.string(),
    sloImpact: z.string(),
    cost: z.string(),
    updatedAt: ms.nullable(),
  }),
});
export type IncidentExport = z.infer<typeof exportSchema>;

/** Parses and checks an export completely before anything is written: a bad file changes nothing. */
export function parseExport(content: string): IncidentExport {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch (err) {
    throw new AppError('invalid_input', `the file is not JSON (${(err as Error).message}); nothing was imported`);
  }
  const parsed = exportSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new AppError('invalid_input', `not a valid incident export, nothing was imported: ${first.join('; ')}`);
  }
  const doc = parsed.data;
  const foreign = doc.timeline.find((e) => e.incidentId !== doc.incident.id);
  if (foreign) throw new AppError('invalid_input', `not a valid incident export, nothing was imported: entry ${foreign.id} belongs to ${foreign.incidentId}, not ${doc.incident.id}`);
  return doc;
}

/** Imports one or more exports (a JSON object or an array of them) in one transaction; merging never duplicates. */
export function importExports(journal: Journal, content: string): ImportResult {
  const text = content.trimStart();
  const docs = text.startsWith('[') ? splitArray(text) : [parseExport(text)];
  const result: ImportResult = { created: [], merged: [], entriesAdded: 0, entriesSkipped: 0 };
  journal.write(
    () => docs.map((d) => d.incident.id),
    () => {
      for (const doc of docs) mergeOne(journal, doc, result);
    },
  );
  return result;
}

function splitArray(text: string): IncidentExport[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid_input', `the file is not JSON (${(err as Error).message}); nothing was imported`);
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new AppError('invalid_input', 'not a valid incident export (an empty list); nothing was imported');
  return raw.map((item) => parseExport(JSON.stringify(item)));
}

function mergeOne(journal: Journal, doc: IncidentExport, result: ImportResult): void {
  const i = doc.incident;
  const existing = journal.incidents.row(i.id);
  const now = journal.now();
  const fields: IncidentPatch = {
    title: i.title,
    severity: i.severity,
    category: i.category,
    status: i.status,
    commander: i.roles.commander,
    scribe: i.roles.scribe,
    comms: i.roles.comms,
    services: JSON.stringify(i.services),
    impact: i.impact,
    customer_impact: i.customerImpact ? 1 : 0,
    correlation_id: i.correlationId,
    detected_at: i.detectedAt,
    acknowledged_at: i.acknowledgedAt,
    mitigated_at: i.mitigatedAt,
    resolved_at: i.resolvedAt,
    closed_at: i.closedAt,
  };
  if (!existing) {
    journal.incidents.insert({
      id: i.id,
      ...(fields as Required<IncidentPatch>),
      started_at: i.startedAt,
      author: i.author,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
      last_entry_at: i.startedAt,
      entry_count: 0,
    });
    journal.titles.set(i.id, i.title);
    result.created.push(i.id);
  } else {
    // The newer side wins for the incident's own fields; timelines are merged entry by entry.
    if (i.updatedAt > existing.updated_at) {
      journal.incidents.patch(i.id, fields, i.updatedAt);
      journal.titles.set(i.id, i.title);
    }
    result.merged.push(i.id);
  }
  const entries = [...doc.timeline].sort((a, b) => a.seq - b.seq);
  let added = 0;
  let lastAt = -Infinity;
  for (const e of entries) {
    if (journal.timeline.exists(e.id)) {
      result.entriesSkipped++;
      continue;
    }
    journal.timeline.append({ id: e.id, incidentId: i.id, at: e.at, kind: e.kind, text: e.text, data: e.data, author: e.author, supersedes: e.supersedes });
    lastAt = Math.max(lastAt, e.at);
    added++;
  }
  // One update of the incident's counters for all its new entries, not one per entry.
  if (added > 0) journal.incidents.touch(i.id, lastAt, added);
  result.entriesAdded += added;
  for (const fp of i.alerts) journal.alerts.link(i.id, fp, now);
  journal.checklist.seed(
    i.id,
    doc.checklist.map((c) => ({ key: c.key, label: c.label, doneAt: c.doneAt, doneBy: c.doneBy })),
  );
  const localItems = new Map(journal.checklist.list(i.id).map((l) => [l.key, l]));
  for (const c of doc.checklist) {
    const local = localItems.get(c.key);
    if (c.done && local && !local.done) journal.checklist.set(i.id, c.key, c.doneAt, c.doneBy);
  }
  for (const a of doc.actions) {
    const local = journal.actions.get(a.id);
    if (!local) journal.actions.insert({ ...a, incidentId: i.id });
    else if (local.incidentId === i.id && a.updatedAt > local.updatedAt) journal.actions.update({ ...a, incidentId: i.id });
  }
  const localPm = journal.postmortems.get(i.id);
  if (doc.postmortem.updatedAt !== null && (localPm.updatedAt === null || doc.postmortem.updatedAt > localPm.updatedAt)) {
    journal.postmortems.save({ ...doc.postmortem, incidentId: i.id, updatedAt: doc.postmortem.updatedAt });
  }
  if (existing && added > 0) journal.incidents.patch(i.id, {}, now);
}
