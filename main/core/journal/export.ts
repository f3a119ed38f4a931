import type { ExportFormat, ExportResult, IncidentDetail, TimelineEntry } from '../../../preload/contract/incidents';
import { durationText, hhmm, isoMinute } from './format';

export const exportFormatName = 'oncall-console/incident';
export const exportVersion = 1;

const categoryNames: Record<string, string> = { A: 'A: API down / 5xx storm', B: 'B: database performance', C: 'C: frontend', D: 'D: security' };
const roleName = (name: string | null) => name ?? '_unassigned_';

/** A table cell: one line, pipes escaped, so an entry with newlines or `|` cannot break the table. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n+/g, ' ⏎ ').trim() || ' ';
}

const orTodo = (text: string, hint: string) => (text.trim() ? text.trim() : `_TODO: ${hint}_`);

function entryLine(e: TimelineEntry): string {
  const text = e.kind === 'runbook_step' && e.data ? runbookText(e) : e.text;
  const struck = e.supersededBy ? `~~${cell(text)}~~ (corrected below)` : cell(text);
  const correction = e.supersedes ? ' _(correction)_' : '';
  return `| ${hhmm(e.at)} | ${e.kind.replace('_', ' ')} | ${struck}${correction} | ${cell(e.author)} |`;
}

function runbookText(e: TimelineEntry): string {
  const d = e.data ?? {};
  const parts = [e.text];
  if (typeof d.command === 'string') parts.push(`\`${d.command}\``);
  if (typeof d.host === 'string') parts.push(`on ${d.host}`);
  if (typeof d.exitCode === 'number') parts.push(`exit ${d.exitCode}`);
  if (typeof d.durationMs === 'number') parts.push(`${(d.durationMs / 1000).toFixed(1)} s`);
  return parts.join(' ');
}

function timeSpan(d: IncidentDetail): string {
  const i = d.incident;
  const end = i.resolvedAt ?? i.closedAt;
  return end ? `${isoMinute(i.startedAt)} – ${isoMinute(end)} (${durationText(end - i.startedAt)})` : `${isoMinute(i.startedAt)} – ongoing`;
}

/** The postmortem in the shape of seed 000 §7 and seed 002 §8. */
export function postmortemMarkdown(d: IncidentDetail, all: TimelineEntry[]): string {
  const i = d.incident;
  const pm = d.postmortem;
  const decisions = all.filter((e) => e.kind === 'decision');
  const out: string[] = [
    `# Postmortem: ${i.title}`,
    '',
    `| Incident | ${i.id} |`,
    '|---|---|',
    `| Severity | ${i.severity} |`,
    `| Category | ${categoryNames[i.category] ?? i.category} |`,
    `| Status | ${i.status} |`,
    `| Time | ${timeSpan(d)} |`,
    `| Incident commander | ${cell(roleName(i.roles.commander))} |`,
    `| Scribe | ${cell(roleName(i.roles.scribe))} |`,
    `| Comms lead | ${cell(roleName(i.roles.comms))} |`,
    `| Services | ${cell(i.services.join(', ') || '-')} |`,
    `| Customer impact | ${i.customerImpact ? 'yes' : 'no'} |`,
    `| Correlation id | ${cell(i.correlationId ?? '-')} |`,
    `| Linked alerts | ${i.alerts.length ? i.alerts.join(', ') : '-'} |`,
    '',
    '## Summary',
    '',
    orTodo(pm.summary, 'what happened, in two sentences'),
    '',
    '## Impact',
    '',
    orTodo(pm.impact || i.impact, 'number of users, how long, business effect'),
    '',
    '## SLO impact',
    '',
    orTodo(pm.sloImpact, 'which SLOs were breached and how much error budget was used'),
    '',
    '## Cost',
    '',
    orTodo(pm.cost, 'cost per tenant / FinOps effect, if any'),
    '',
    '## Timeline (UTC)',
    '',
    '| Time | Kind | Entry | Author |',
    '|---|---|---|---|',
    ...all.map(entryLine),
    '',
    '## Decision log',
    '',
    ...(decisions.length ? decisions.map((e) => `- [${hhmm(e.at)}] ${decisionLine(e)}${e.supersededBy ? ' _(superseded)_' : ''}`) : ['_No decisions were logged._']),
    '',
    '## Root cause',
    '',
    orTodo(pm.rootCause, 'what actually happened'),
    '',
    '## Five whys',
    '',
    ...(pm.fiveWhys.filter((w) => w.trim()).length ? pm.fiveWhys.filter((w) => w.trim()).map((w, n) => `${n + 1}. ${w.trim()}`) : ['1. _TODO: why?_']),
    '',
    '## What went well',
    '',
    orTodo(pm.wentWell, 'what helped'),
    '',
    '## What went badly',
    '',
    orTodo(pm.wentBadly, 'what slowed us down'),
    '',
    '## Action items',
    '',
    ...(d.actions.length
      ? d.actions.map((a) => `- [${a.done ? 'x' : ' '}] ${a.title} (${a.owner ?? 'owner?'}, ${a.dueDate ?? 'due date?'})`)
      : ['- [ ] _TODO: improve monitoring (who, when)_', '- [ ] _TODO: update runbooks, alerts and tests (who, when)_']),
    '',
    '## Lessons learned',
    '',
    orTodo(pm.lessons, 'what we take away'),
    '',
  ];
  return out.join('\n');
}

function decisionLine(e: TimelineEntry): string {
  const d = e.data ?? {};
  const str = (v: unknown, fallback: string) => (typeof v === 'string' && v ? v : fallback);
  if (typeof d.action !== 'string') return e.text;
  return `${d.action}, ${str(d.expectation, '-')}, ${str(d.result, 'pending')}, ${str(d.next, '-')}`;
}

const draftHeader = '> DRAFT generated from the incident journal. Check every fact and get the Comms lead\'s approval before it leaves the team (seed 002 §5). No personal data; use correlation ids.';

function publicPhase(status: string): string {
  if (status === 'resolved' || status === 'closed') return 'Resolved';
  if (status === 'mitigated') return 'Monitoring';
  if (status === 'investigating') return 'Identified / investigating';
  return 'Investigating';
}

export function statusPageDraft(d: IncidentDetail, now: number): string {
  const i = d.incident;
  const services = i.services.join(', ') || 'some of our services';
  const resolved = i.status === 'resolved' || i.status === 'closed';
  return [
    draftHeader,
    '',
    `**${publicPhase(i.status)}**: ${i.title}`,
    '',
    resolved
      ? `The issue affecting ${services} has been resolved as of ${isoMinute(i.resolvedAt ?? now)}. Service has been operating normally since. We will publish a summary of the cause and the measures taken.`
      : `We are aware of an issue affecting ${services} since ${isoMinute(i.startedAt)}. ${i.status === 'mitigated' ? 'A fix is in place and we are monitoring the results.' : 'Our team is working on it.'}`,
    '',
    resolved ? '' : `Next update by ${hhmm(now + 30 * 60_000)} UTC.`,
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}

export function customerFaqDraft(d: IncidentDetail): string {
  const i = d.incident;
  const services = i.services.join(', ') || '_TODO: affected services_';
  const end = i.resolvedAt ?? i.closedAt;
  return [
    draftHeader,
    '',
    `# Questions and answers: ${i.title}`,
    '',
    '**What happened?**',
    orTodo(d.postmortem.summary, 'a short, factual description without internal detail'),
    '',
    '**Which services were affected, and when?**',
    `${services}, from ${isoMinute(i.startedAt)}${end ? ` to ${isoMinute(end)}` : ' (ongoing)'}.`,
    '',
    '**Was my data affected?**',
    i.category === 'D' ? '_TODO: confirm with the data protection officer before answering (Art. 33/34 GDPR)._' : '_TODO: state clearly whether any data was lost or exposed._',
    '',
    '**Do I need to do anything?**',
    '_TODO: usually nothing; say so, or list the steps._',
    '',
    '**What are you doing to prevent this from happening again?**',
    d.actions.length ? d.actions.map((a) => `- ${a.title}`).join('\n') : '_TODO: the main action items, in plain words._',
    '',
  ].join('\n');
}

export function managementBriefingDraft(d: IncidentDetail, all: TimelineEntry[], now: number): string {
  const i = d.incident;
  const decisions = all.filter((e) => e.kind === 'decision' && !e.supersededBy).slice(-5);
  const end = i.resolvedAt ?? now;
  return [
    draftHeader,
    '',
    `# Management briefing: ${i.title} (${i.id})`,
    '',
    `- **Severity / status:** ${i.severity}, ${i.status}`,
    `- **Duration:** ${durationText(end - i.startedAt)}${i.resolvedAt ? '' : ' so far'} (since ${isoMinute(i.startedAt)})`,
    `- **Customer impact:** ${i.customerImpact ? 'yes' : 'no'}${i.impact ? `: ${i.impact}` : ''}`,
    `- **Services:** ${i.services.join(', ') || '-'}`,
    `- **Incident commander:** ${roleName(i.roles.commander)}; comms lead: ${roleName(i.roles.comms)}`,
    '',
    '## Key decisions',
    '',
    ...(decisions.length ? decisions.map((e) => `- [${hhmm(e.at)}] ${decisionLine(e)}`) : ['- none logged yet']),
    '',
    '## Next steps',
    '',
    ...d.actions.filter((a) => !a.done).map((a) => `- ${a.title} (${a.owner ?? 'owner?'}, ${a.dueDate ?? 'due?'})`),
    i.resolvedAt ? `- Postmortem within 5 working days of ${isoMinute(i.resolvedAt)}` : '- Next update in 30 minutes',
    '',
  ].join('\n');
}

/** The full incident as JSON: the file a colleague imports. */
export function jsonExport(d: IncidentDetail, all: TimelineEntry[], meta: { now: number; author: string }): string {
  const doc = {
    format: exportFormatName,
    version: exportVersion,
    exportedAt: new Date(meta.now).toISOString(),
    exportedBy: meta.author,
    incident: d.incident,
    timeline: all.map(({ supersededBy: _s, ...e }) => e),
    checklist: d.checklist,
    actions: d.actions,
    postmortem: d.postmortem,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function renderExport(format: ExportFormat, d: IncidentDetail, all: TimelineEntry[], meta: { now: number; author: string }): ExportResult {
  const base = d.incident.id;
  switch (format) {
    case 'json':
      return { format, filename: `${base}.json`, mimeType: 'application/json', content: jsonExport(d, all, meta) };
    case 'md':
      return { format, filename: `${base}-postmortem.md`, mimeType: 'text/markdown', content: postmortemMarkdown(d, all) };
    case 'status-page':
      return { format, filename: `${base}-status-page.md`, mimeType: 'text/markdown', content: statusPageDraft(d, meta.now) };
    case 'customer-faq':
      return { format, filename: `${base}-customer-faq.md`, mimeType: 'text/markdown', content: customerFaqDraft(d) };
    case 'management-briefing':
      return { format, filename: `${base}-management-briefing.md`, mimeType: 'text/markdown', content: managementBriefingDraft(d, all, meta.now) };
  }
}
