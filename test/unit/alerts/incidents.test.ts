import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIncidentFromAlerts } from '../../../main/core/alerts/incident-link';
import { resolveRunbook, runbookFolders } from '../../../main/core/alerts/runbook-link';
import { alertingHarness, makeAlert } from './harness';

type Harness = ReturnType<typeof alertingHarness>;
const min = 60_000;

describe('escalation, alert -> incident, alert -> runbook', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('prompts level 2 after 30 min and level 3 after 60 min for an unresolved P1, with the contact, journaled', () => {
    h = alertingHarness(`alerting:
  escalation:
    levels:
      - { level: 2, after: 30m, name: Astreinte SRE, phone: "+32 470 00 00 00", chat: "https://chat.example/incidents" }
      - { level: 3, after: 60m, name: Lead engineer, phone: "+32 470 11 11 11" }
`);
    const escalations: unknown[] = [];
    h.ctx.bus.on('alerts:escalation', (e) => escalations.push(e));
    const a = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' }, 'firing', { firedAt: h.clock.now() });
    h.publish([a]);
    const { incidentId } = openIncidentFromAlerts(h.service, h.timeline, [h.service.view(a.fingerprint)!], {});
    h.clock.advance(29 * min);
    expect(h.delivered(['escalation'])).toHaveLength(0);
    h.clock.advance(1 * min);
    expect(h.delivered(['escalation']).map((n) => n.title)).toEqual(['Escalate to level 2: Astreinte SRE']);
    expect(h.delivered(['escalation'])[0]!.body).toContain('+32 470 00 00 00');
    expect(escalations).toEqual([expect.objectContaining({ level: 2, contact: { name: 'Astreinte SRE', phone: '+32 470 00 00 00', chat: 'https://chat.example/incidents' } })]);
    h.clock.advance(30 * min);
    expect(h.delivered(['escalation']).map((n) => n.title)).toEqual(['Escalate to level 2: Astreinte SRE', 'Escalate to level 3: Lead engineer']);
    const reminders = h.timeline.entries.filter((e) => e.incidentId === incidentId && e.kind === 'reminder');
    expect(reminders.map((r) => r.data?.level)).toEqual([2, 3]);
    // The "escalated" click is journaled too.
    expect(h.service.markEscalated(a.fingerprint, 2)).toBe(1);
    expect(h.timeline.entries.at(-1)).toMatchObject({ incidentId, kind: 'communication', text: 'Escalated to level 2 (Astreinte SRE)' });
    // A restart does not remind again: levels are remembered in the journal.
    expect(h.store.remindedLevels(a.fingerprint)).toEqual(new Set([2, 3]));
  });

  it('does not escalate P3/P4 alerts, nor a P2 that resolves before 30 min', () => {
    h = alertingHarness();
    const p3 = makeAlert({ alertname: 'Slow', severity: 'medium' });
    const p2 = makeAlert({ alertname: 'Errors', severity: 'warning' });
    h.publish([p3, p2]);
    h.clock.advance(20 * min);
    h.publish([p3]);
    h.clock.advance(90 * min);
    expect(h.delivered(['escalation'])).toHaveLength(0);
  });

  it('opens an incident prefilled from alerts; later transitions land on its timeline; several alerts per incident', () => {
    h = alertingHarness();
    const a = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' }, 'firing', { annotations: { summary: 'API is down', runbook_url: 'https://wiki/runbooks/api-down.md' }, generatorUrl: 'http://prom/graph' });
    const b = makeAlert({ alertname: 'DbSlow', service: 'db', severity: 'warning' });
    h.publish([a, b]);
    const { incidentId } = openIncidentFromAlerts(h.service, h.timeline, [h.service.view(a.fingerprint)!, h.service.view(b.fingerprint)!], {});
    expect(h.timeline.incidents[0]).toMatchObject({ id: incidentId, title: 'ApiDown: API is down (+1 alerts)', severity: 'P1', services: ['api', 'db'] });
    expect(h.timeline.incidentsForAlert(b.fingerprint)).toEqual([incidentId]);
    const attached = h.timeline.entries.filter((e) => e.kind === 'alert_transition');
    expect(attached[0]!.data?.links).toEqual(['http://prom/graph', 'https://wiki/runbooks/api-down.md']);
    expect(h.service.view(a.fingerprint)!.incidents).toEqual([incidentId]);
    h.publish([a, { ...b, state: 'resolved', resolvedAt: h.clock.now() }]);
    h.publish([a]);
    const transitions = h.timeline.entries.filter((e) => e.kind === 'alert_transition' && e.data?.to === 'resolved');
    expect(transitions.map((t) => t.data?.fingerprint)).toEqual([b.fingerprint]);
    expect(transitions[0]!.incidentId).toBe(incidentId);
  });

  it('opens incidents automatically for configured priorities', () => {
    h = alertingHarness(`alerting:
  autoIncident: { priorities: [P1] }
`);
    h.publish([makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' }), makeAlert({ alertname: 'Meh', severity: 'warning' })]);
    expect(h.timeline.incidents.map((i) => [i.title, i.severity])).toEqual([['ApiDown (api)', 'P1']]);
  });

  it('journals every transition of an auto-opened incident\'s alert, and only once per incident', () => {
    h = alertingHarness(`alerting:
  autoIncident: { priorities: [P1] }
`);
    const down = makeAlert({ alertname: 'ApiDown', service: 'api', severity: 'critical' }, 'firing', { value: 0 });
    h.publish([down]);
    h.service.acknowledge([down.fingerprint], 'alice');
    h.publish([{ ...down, state: 'resolved', resolvedAt: h.clock.now() }]);
    // Firing again later: the incident is still open, so no second one is opened.
    h.publish([down]);
    expect(h.timeline.incidents.map((i) => i.id)).toEqual(['INC-1']);
    expect(h.timeline.entries.filter((e) => e.incidentId === 'INC-1').map((e) => e.text)).toEqual([
      'ApiDown (api): new → firing (value 0)',
      `Alert ${down.fingerprint} acknowledged by alice`,
      'ApiDown (api): firing → resolved (value 0)',
      'ApiDown (api): resolved → firing (value 0)',
    ]);
  });

  it('resolves runbook_url to a local runbook (label values as params), else the URL', () => {
    h = alertingHarness();
    const dir = join(h.dir, 'runbooks');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'disk-full.md'), '---\nid: disk-full\nparams:\n  - name: instance\n---\n# Disk full\n\n## Check usage\n');
    writeFileSync(join(dir, 'other.md'), '---\nid: api-down\n---\n# API down\n');
    const folders = runbookFolders(h.ctx.resourcesDir, h.ctx.paths.home, []);
    const labels = { alertname: 'DiskFull', instance: 'db-1', severity: 'warning' };
    expect(resolveRunbook({ labels, annotations: { runbook_url: 'https://wiki.example.com/runbooks/disk-full.md#step-2' } }, folders)).toEqual({
      kind: 'local',
      id: 'disk-full',
      path: join(dir, 'disk-full.md'),
      title: 'Disk full',
      params: { instance: 'db-1' },
    });
    expect(resolveRunbook({ labels, annotations: { runbook_url: 'https://wiki/x/API-DOWN' } }, folders)).toMatchObject({ kind: 'local', id: 'api-down', title: 'API down' });
    expect(resolveRunbook({ labels, annotations: { runbook_url: 'https://wiki/other-thing' } }, folders)).toEqual({ kind: 'external', url: 'https://wiki/other-thing' });
    expect(resolveRunbook({ labels, annotations: { runbook_url: 'javascript:alert(1)' } }, folders)).toBeNull();
    expect(resolveRunbook({ labels, annotations: {} }, folders)).toBeNull();
  });
});
