import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

describe('oncall who', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function home(config: string): string {
    const t = tempHome();
    cleanup = t.cleanup;
    writeFileSync(join(t.home, 'config.yml'), config);
    return t.home;
  }

  const config = `rotation:
  timezone: Europe/Berlin
  me: bob
  layers:
    - name: primary
      members: [alice, bob]
      handoff: weekly
      start: "2026-11-30"
    - name: secondary
      members: [carol, dave]
      handoff: daily
      at: "09:00"
      start: "2026-12-01"
`;

  it('prints who is on call now and next in each layer, and whether I am', async () => {
    const h = home(config);
    const r = await cli(['--home', h, 'who', '--at', '2026-12-03T20:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('primary    alice until Mon 7 Dec, 08:00; next bob from Mon 7 Dec, 08:00');
    // Daily from 1 Dec at 09:00: carol 1 Dec, dave 2 Dec, carol 3 Dec (until 4 Dec 09:00).
    expect(r.stdout).toContain('secondary  carol until Fri 4 Dec, 09:00; next dave from Fri 4 Dec, 09:00');
    expect(r.stdout).toContain('You (bob) are off call.');
  });

  it('answers in JSON', async () => {
    const h = home(config);
    const r = await cli(['--home', h, 'who', '--json', '--at', '2026-12-08T12:00:00+01:00']);
    const report = JSON.parse(r.stdout) as { meOnCall: boolean; layers: { layer: string; now: { member: string }[] }[] };
    expect(report.meOnCall).toBe(true);
    expect(report.layers.map((l) => l.now[0]?.member)).toEqual(['bob', 'dave']);
  });

  it('says how to set up a rotation when there is none, and refuses a bad --at', async () => {
    const h = home('alerting: {}\n');
    const none = await cli(['--home', h, 'who']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no rotation in .*config\.yml: add rotation\.layers or rotation\.feeds/);
    const bad = await cli(['--home', h, 'who', '--at', 'tomorrow']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at: "tomorrow" is not a time');
  });

  it('names file, line and field of a broken rotation', async () => {
    const h = home('rotation:\n  layers:\n    - name: primary\n      members: [a]\n      start: "2026-13-01"\n');
    const r = await cli(['--home', h, 'who']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/config\.yml:5:\d+.*rotation\.layers\.0\.start|rotation\.layers\[0\]\.start/);
  });

  it('oncall handoff drafts, sends with notes, lists and receives', async () => {
    const h = home(config);
    const none = await cli(['--home', h, 'handoff', 'list']);
    expect(none.stdout).toContain('No handoffs yet');
    const draft = await cli(['--home', h, 'handoff', '--since', '2026-12-03T08:00:00Z', '--until', '2026-12-03T20:00:00Z']);
    expect(draft.code).toBe(0);
    expect(draft.stdout).toContain('# Handoff: bob');
    expect(draft.stdout).toContain('- pages this shift: 0');
    const sent = await cli(['--home', h, 'handoff', 'send', '--note', 'quiet shift', '--format', 'json']);
    const handoff = JSON.parse(sent.stdout) as { id: string; notes: string };
    expect(handoff.notes).toBe('quiet shift');
    const received = await cli(['--home', h, 'handoff', 'receive']);
    expect(received.stdout).toContain(`Received handoff ${handoff.id}`);
    const twice = await cli(['--home', h, 'handoff', 'receive', handoff.id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('was already received');
    const bad = await cli(['--home', h, 'handoff', '--format', 'pdf']);
    expect(bad.code).toBe(2);
  });
});
