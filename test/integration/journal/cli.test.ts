import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentDetail, IncidentSummary, ImportResult, SearchHit, TimelineEntry } from '../../../preload/contract/incidents';
import { cliProcess, type CliResult } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

// Every command runs as its own process against a real journal.db, as a user would type it.
const idPattern = /^INC-\d{8}-\d{6}-[0-9a-f]{4}$/;

/** Parses stdout as exactly one JSON document (JSON.parse refuses trailing text). */
function json<T>(result: CliResult): T {
  expect(result.stderr, 'stderr').toBe('');
  expect(result.code, `exit code; stderr: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe('oncall incident / note / decision / search (issue 3 point 8)', () => {
  let home: string;
  let cleanup: () => void;
  const env = { ONCALL_AUTHOR: 'alice@laptop' };
  const run = (...args: string[]) => cliProcess(['--home', home, ...args], env);

  beforeEach(() => ({ home, cleanup } = tempHome('oncall-journal-cli-')));
  afterEach(() => cleanup());

  it('opens an incident and prints it with its id as one JSON document; note and decision print the new entry', () => {
    const incident = json<Incident>(run('incident', 'open', '--title', 'Checkout 5xx storm', '--severity', 'p1', '--category', 'A', '--json'));
    expect(incident).toMatchObject({ title: 'Checkout 5xx storm', severity: 'P1', category: 'A', status: 'triggered', author: 'alice@laptop' });
    expect(incident.id).toMatch(idPattern);

    // Without --incident, a note goes to the most recently updated open incident.
    const note = json<TimelineEntry>(run('note', '--json', 'restarted', 'api-7', 'on', 'web01'));
    expect(note).toMatchObject({ incidentId: incident.id, kind: 'note', text: 'restarted api-7 on web01', author: 'alice@laptop' });
    expect(note.id).toMatch(/^[0-9a-f-]{36}$/);

    const decision = json<TimelineEntry>(run('decision', '--incident', incident.id, '--action', 'roll back 4.2', '--expect', '5xx rate drops', '--next', 'watch 10 min', '--json'));
    expect(decision).toMatchObject({ incidentId: incident.id, kind: 'decision', data: { action: 'roll back 4.2', expectation: '5xx rate drops', result: null, next: 'watch 10 min' } });
    expect(decision.seq).toBe(note.seq + 1);

    const plain = run('note', '--incident', incident.id, 'second note');
    expect(plain).toMatchObject({ code: 0, stdout: `noted on ${incident.id} (#${decision.seq + 1})\n` });

    const detail = json<IncidentDetail>(run('incident', 'show', incident.id, '--json'));
    expect(detail.incident.id).toBe(incident.id);
    expect(detail.timeline.map((e) => e.id)).toEqual(expect.arrayContaining([note.id, decision.id]));
    expect(detail.timeline.map((e) => e.kind)).toEqual(['status_change', 'checklist', 'note', 'decision', 'note']);
    expect(detail.checklist.find((c) => c.key === 'severity_set')?.done).toBe(true);
    const shown = run('incident', 'show', incident.id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Checkout 5xx storm');
    expect(shown.stdout).toMatch(/\n {2}#3 \d{4}-\d\d-\d\d \d\d:\d\d UTC note: restarted api-7 on web01\n/);
  });

  it('takes a note from a pipe with `-`, and refuses more than the 1 MiB entry limit without reading it all', () => {
    const incident = json<Incident>(run('incident', 'open', '--title', 'Disk full on db-1', '--severity', 'P2', '--json'));
    const output = 'Filesystem  Use%\n/dev/sda1   100%\n';
    const piped = json<TimelineEntry>(cliProcess(['--home', home, 'note', '--json', '-'], env, output));
    expect(piped).toMatchObject({ incidentId: incident.id, kind: 'note', text: output.trim() });

    const huge = cliProcess(['--home', home, 'note', '-'], env, 'x'.repeat(10 * 1_048_576));
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('the limit is 1 MiB');
    expect(json<IncidentDetail>(run('incident', 'show', incident.id, '--json')).timeline.filter((e) => e.kind === 'note')).toHaveLength(1);
  });

  it('lists with a status filter, changes status with a note, and refuses closed -> triggered, bad severity and bad status with exit 1', () => {
    const a = json<Incident>(run('incident', 'open', '--title', 'Replica lag', '--severity', 'P3', '--category', 'database', '--json'));
    const b = json<Incident>(run('incident', 'open', '--title', 'Login page typo', '--severity', 'P4', '--json'));

    const status = run('incident', 'status', a.id, 'acknowledged', '--note', 'bob looks at it');
    expect(status).toMatchObject({ code: 0, stdout: `${a.id}: Status triggered → acknowledged: bob looks at it\n` });
    expect(run('incident', 'status', a.id, 'CLOSED').code).toBe(0);

    const all = json<IncidentSummary[]>(run('incident', 'list', '--json'));
    expect(all.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    const closed = json<IncidentSummary[]>(run('incident', 'list', '--status', 'closed', '--json'));
    expect(closed.map((i) => [i.id, i.status])).toEqual([[a.id, 'closed']]);
    const open = json<IncidentSummary[]>(run('incident', 'list', '--status', 'triggered,acknowledged', '--json'));
    expect(open).toEqual([expect.objectContaining({ id: b.id })]);
    expect(run('incident', 'list', '--status', 'triggered').stdout).toMatch(new RegExp(`^${b.id}  P4  triggered\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC  Login page typo\\n$`));

    const detail = json<IncidentDetail>(run('incident', 'show', a.id, '--json'));
    expect(detail.incident.closedAt).not.toBeNull();
    expect(detail.timeline.filter((e) => e.kind === 'status_change').map((e) => e.data)).toEqual([
      { to: 'triggered', severity: 'P3', category: 'database' },
      { from: 'triggered', to: 'acknowledged' },
      { from: 'acknowledged', to: 'closed' },
    ]);

    const back = run('incident', 'status', a.id, 'triggered');
    expect(back.code).toBe(1);
    expect(back.stdout).toBe('');
    expect(back.stderr).toBe('oncall incident status: cannot change a closed incident to triggered: closed is final. Open a new incident and mention this one in it.\n');
    const sev = run('incident', 'open', '--title', 'x', '--severity', 'P9');
    expect(sev).toMatchObject({ code: 1, stdout: '' });
    expect(sev.stderr).toBe('oncall incident open: invalid severity "P9": use P1 (critical), P2 (high), P3 (medium) or P4 (low)\n');
    const bad = run('incident', 'status', b.id, 'done');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('invalid status "done": use one of triggered, acknowledged, investigating, mitigated, resolved, closed');
    const missing = run('incident', 'show', 'INC-20260101-000000-dead');
    expect(missing).toMatchObject({ code: 1, stderr: 'oncall incident show: no incident INC-20260101-000000-dead in this journal\n' });
    const usage = run('incident', 'open', '--title', 'no severity');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('an incident needs --title and --severity');
    // None of the refused commands wrote anything.
    expect(json<IncidentSummary[]>(run('incident', 'list', '--json'))).toHaveLength(2);
    expect(json<IncidentDetail>(run('incident', 'show', a.id, '--json')).timeline).toHaveLength(3);
  });

  it('a bare note with no open incident fails with a hint and exit 1', () => {
    const result = run('note', 'hello');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('there is no open incident; open one first (oncall incident open --title T --severity P2) or pass --incident ID');
  });

  it('searches titles, notes and decisions (FTS) with highlighted hits, as text and as one JSON document', () => {
    const inc = json<Incident>(run('incident', 'open', '--title', 'Payment gateway timeouts', '--severity', 'P2', '--json'));
    const note = json<TimelineEntry>(run('note', '--json', 'restarted the gateway pods'));
    run('decision', '--action', 'failover to the secondary region', '--expect', 'timeouts stop');

    const hits = json<SearchHit[]>(run('search', 'restart', '--json'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ incidentId: inc.id, entryId: note.id, source: 'note', incidentTitle: 'Payment gateway timeouts' });
    expect(hits[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['restarted']);
    const both = json<SearchHit[]>(run('search', 'gateway', '--json'));
    // The title, the note, and the opening status entry (which repeats the title) all match.
    expect(both.map((h) => h.source).sort()).toEqual(['note', 'status_change', 'title']);
    const text = run('search', 'failover');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${inc.id}  `);
    expect(text.stdout).toContain('[failover] to the secondary region');
    expect(run('search', 'nothinglikethis')).toMatchObject({ code: 0, stdout: 'no matches for "nothinglikethis"\n' });
  });

  it('exports Markdown and JSON; importing the JSON elsewhere creates, again merges without duplicates; an invalid file changes nothing', () => {
    const inc = json<Incident>(run('incident', 'open', '--title', 'Disk full on db01', '--severity', 'P2', '--category', 'storage', '--json'));
    run('decision', '--action', 'delete old WAL archives', '--expect', '20% free', '--result', '35% free');
    run('incident', 'status', inc.id, 'resolved', '--note', 'space back');

    const md = run('incident', 'export', inc.id);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Postmortem: Disk full on db01\n/);
    expect(md.stdout).toContain('## Decision log\n\n- [');
    expect(md.stdout).toContain('delete old WAL archives, 20% free, 35% free, -');
    expect(md.stdout).toMatch(/\| \d\d:\d\d \| status change \| Status triggered → resolved: space back \| alice@laptop \|/);

    const file = join(home, 'export.json');
    const exported = run('incident', 'export', inc.id, '--format', 'json', '--out', file);
    expect(exported).toMatchObject({ code: 0, stdout: '', stderr: `wrote ${file}\n` });
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { incident: { id: string }; timeline: unknown[] };
    expect(doc.incident.id).toBe(inc.id);
    expect(doc.timeline).toHaveLength(4);

    const other = tempHome('oncall-journal-cli-colleague-');
    try {
      const colleague = (...args: string[]) => cliProcess(['--home', other.home, ...args], { ONCALL_AUTHOR: 'bob@desk' });
      expect(colleague('incident', 'import', file)).toMatchObject({ code: 0, stdout: `imported ${inc.id} (new): 4 entries added, 0 already present\n` });
      expect(json<ImportResult>(colleague('incident', 'import', file, '--json'))).toEqual({ created: [], merged: [inc.id], entriesAdded: 0, entriesSkipped: 4 });
      const copy = json<IncidentDetail>(colleague('incident', 'show', inc.id, '--json'));
      expect(copy.timeline.map((e) => e.id)).toEqual(json<IncidentDetail>(run('incident', 'show', inc.id, '--json')).timeline.map((e) => e.id));
      expect(copy.incident).toMatchObject({ status: 'resolved', author: 'alice@laptop' });

      // A file that is not a valid export is refused as a whole: exit 1, a clear reason, nothing written.
      const broken = join(other.home, 'broken.json');
      const bad = JSON.parse(readFileSync(file, 'utf8')) as { incident: { severity: string; id: string } };
      bad.incident.id = 'INC-20260101-000000-beef';
      bad.incident.severity = 'P7';
      writeFileSync(broken, JSON.stringify([JSON.parse(readFileSync(file, 'utf8')), bad]));
      const refused = colleague('incident', 'import', broken);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^oncall incident import: not a valid incident export, nothing was imported: incident\.severity: /);
      writeFileSync(broken, '{"format": "something else"');
      expect(colleague('incident', 'import', broken).stderr).toContain('the file is not JSON');
      expect(json<IncidentSummary[]>(colleague('incident', 'list', '--json')).map((i) => i.id)).toEqual([inc.id]);
    } finally {
      other.cleanup();
    }
  });
});
