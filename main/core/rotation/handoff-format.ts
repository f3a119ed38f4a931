import type { Handoff, HandoffReport } from '../../../preload/contract/rotation';

function when(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

function minutes(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 60_000).toFixed(1)} min`;
}

function section(title: string, rows: string[], empty: string): string[] {
  return [`## ${title}`, '', ...(rows.length ? rows : [`_${empty}_`]), ''];
}

/** The handoff report as Markdown, for a chat message, an e-mail or the terminal. */
export function handoffMarkdown(r: HandoffReport, handoff?: Pick<Handoff, 'id' | 'notes' | 'receivedBy' | 'receivedAt'>): string {
  const tz = r.timeZone;
  const f = r.fatigue;
  const lines = [
    `# Handoff: ${r.outgoing}${r.incoming ? ` → ${r.incoming}` : ''}`,
    '',
    `Shift ${when(r.from, tz)} – ${when(r.to, tz)} (${tz})${handoff ? `, handoff ${handoff.id}` : ''}`,
    '',
    ...section(
      'Open incidents',
      r.openIncidents.map((i) => `- **${i.id}** ${i.severity} ${i.status}: ${i.title}${i.commander ? ` (IC ${i.commander})` : ''}${i.lastDecision ? `\n  - last decision (${when(i.lastDecision.at, tz)}): ${i.lastDecision.text.split('\n')[0]}` : ''}`),
      'none',
    ),
    ...section('Alerts that paged', r.alertsFired.map((a) => `- ${when(a.at, tz)} ${a.title}`), 'none'),
    ...section('Acknowledged', r.alertsAcknowledged.map((a) => `- ${when(a.at, tz)} ${a.fingerprint}${a.by ? ` by ${a.by}` : ''}`), 'none'),
    ...section('Noisiest alerts', r.noisiest.map((n) => `- ${n.title}: ${String(n.notifications)} notifications`), 'none'),
    ...section('Silences ending during the next shift', r.silencesExpiring.map((s) => `- ${when(s.endsAt, tz)} ${s.matchers}${s.comment ? ` (${s.comment})` : ''}`), 'none'),
    ...section('Runbook runs', r.runbookRuns.map((x) => `- ${when(x.startedAt, tz)} ${x.title}: ${x.status}${x.incidentId ? ` (${x.incidentId})` : ''}`), 'none'),
    ...section('Action items due', r.actionItemsDue.map((a) => `- ${a.dueDate} ${a.title}${a.owner ? ` (${a.owner})` : ''} [${a.incidentId}]`), 'none'),
    '## Fatigue',
    '',
    `- pages this shift: ${String(f.pages)}`,
    `- pages between 22:00 and 08:00: ${String(f.nightPages)}`,
    `- median time to acknowledge: ${minutes(f.medianAckMs)}`,
    `- pages that led to an incident: ${f.ledToIncident === null ? '–' : `${Math.round(f.ledToIncident * 100)} %`}`,
    '',
  ];
  if (handoff?.notes) lines.push('## Notes from the outgoing engineer', '', handoff.notes, '');
  if (handoff) lines.push(handoff.receivedAt !== null ? `Received by ${handoff.receivedBy ?? '?'} at ${when(handoff.receivedAt, tz)}.` : 'Not yet received.', '');
  return lines.join('\n');
}
