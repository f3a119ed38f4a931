// Builds incident exports in the core's JSON export format, to seed many incidents in one import
// (one transaction) instead of thousands of CLI runs.
import { categoryLabels, incidentStatuses, severities, type IncidentCategory } from '../../preload/contract';

const categories = Object.keys(categoryLabels) as IncidentCategory[];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function seedExports(count: number, options: { now?: number; spanMs?: number; offset?: number } = {}): unknown[] {
  const now = options.now ?? Date.now();
  const span = options.spanMs ?? 365 * 86_400_000;
  const docs: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const i = n + (options.offset ?? 0);
    const startedAt = now - span + Math.floor((span * n) / Math.max(1, count));
    const d = new Date(startedAt);
    const id = `INC-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}-${i.toString(16).padStart(8, '0')}`;
    // Mostly finished incidents, as in a real journal, with some still open at every stage.
    const status = i % 10 < 8 ? (i % 2 ? 'resolved' : 'closed') : incidentStatuses[i % 4]!;
    const resolved = status === 'resolved' || status === 'closed';
    docs.push({
      format: 'oncall-console/incident',
      version: 1,
      incident: {
        id,
        title: `Seeded incident ${i}: ${['api 5xx storm', 'slow queries', 'blank page', 'backup failed', 'disk full'][i % 5]}`,
        severity: severities[i % severities.length],
        category: categories[i % categories.length],
        status,
        roles: { commander: i % 3 === 0 ? `ic-${i % 7}` : null, scribe: null, comms: null },
        services: [],
        impact: '',
        customerImpact: i % 4 === 0,
        correlationId: null,
        alerts: [],
        startedAt,
        detectedAt: null,
        acknowledgedAt: startedAt + 120_000,
        mitigatedAt: null,
        resolvedAt: resolved ? startedAt + 3_600_000 : null,
        closedAt: status === 'closed' ? startedAt + 7_200_000 : null,
        author: 'seed@bench',
        createdAt: startedAt,
        updatedAt: startedAt + 60_000,
      },
      timeline: [],
      checklist: [],
      actions: [],
      postmortem: { summary: '', impact: '', rootCause: '', fiveWhys: [], wentWell: '', wentBadly: '', lessons: '', sloImpact: '', cost: '', updatedAt: null },
    });
  }
  return docs;
}
