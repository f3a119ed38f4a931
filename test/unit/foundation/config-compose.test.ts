import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { composedConfig, emptyConfig } from '../../../main/core/composed-config';
import { composeConfig, defineConfigSection } from '../../../main/core/config';

// Two made-up domains, so the composition is tested without any real one.
const pager = defineConfigSection({
  shape: { pager: z.object({ phone: z.string().min(3), backup: z.string().optional() }).strict().default({ phone: '112' }) },
  summary: () => ({ sshHosts: 7 }),
});
const teams = defineConfigSection({
  shape: { teams: z.array(z.object({ name: z.string(), pager: z.string() }).strict()).default([]) },
  // Reaches across sections, as the SLO check does: a team must name the configured pager phone.
  refine: (config, ctx) => {
    const c = config as unknown as { pager: { phone: string }; teams: { pager: string }[] };
    c.teams.forEach((t, i) => {
      if (t.pager !== c.pager.phone) ctx.addIssue({ code: 'custom', path: ['teams', i, 'pager'], message: `no pager "${t.pager}"` });
    });
  },
  summary: (config) => ({ targets: (config as unknown as { teams: unknown[] }).teams.length }),
});

describe('composing config.yml from the domains', () => {
  const composed = composeConfig([pager, teams]);

  it('joins the sections into one schema with every default', () => {
    expect(composed.empty).toEqual({ pager: { phone: '112' }, teams: [] });
    const result = composed.parse('pager:\n  phone: "0800"\nteams:\n  - { name: a, pager: "0800" }\n', 'c.yml');
    expect(result).toMatchObject({ ok: true, config: { pager: { phone: '0800' }, teams: [{ name: 'a', pager: '0800' }] } });
  });

  it('refuses a top-level key no domain claims, at its line and column', () => {
    const result = composed.parse('pager:\n  phone: "0800"\npagr: {}\n', 'c.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ file: 'c.yml', line: 3, column: 1, field: 'pagr', message: expect.stringContaining('pagr') })]);
  });

  it("runs each section's cross-section check with paths from the top", () => {
    const result = composed.parse('pager:\n  phone: "0800"\nteams:\n  - name: a\n    pager: "999"\n', 'c.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ file: 'c.yml', line: 5, column: 5, field: 'teams[0].pager', message: 'no pager "999"' }]);
  });

  it('merges the summary counts, zero for what no section reports', () => {
    const result = composed.parse('teams:\n  - { name: a, pager: "112" }\n  - { name: b, pager: "112" }\n', 'c.yml');
    if (!result.ok) throw new Error('expected a valid config');
    expect(composed.summarize(result.config)).toEqual({ targets: 2, prometheus: 0, alertmanagers: 0, ruleFiles: 0, runbookDirs: 0, sshHosts: 7 });
  });

  it('refuses two domains claiming one key', () => {
    expect(() => composeConfig([pager, defineConfigSection({ shape: { pager: z.string() } })])).toThrow('"pager" is claimed by two domains');
  });

  it('lets a section read the files its keys name, with problems located in those files (an alertmanager.yml)', () => {
    const referencing = defineConfigSection({
      shape: { amFile: z.string().optional(), receivers: z.array(z.string()).default([]) },
      resolveFiles: (config, configFile) => {
        const c = config as unknown as { amFile?: string; receivers: string[] };
        if (c.amFile === undefined) return { config, issues: [], files: [] };
        const path = `${configFile.replace(/[^/]*$/, '')}${c.amFile}`;
        if (c.amFile === 'broken.yml') return { config, issues: [{ file: path, line: 12, column: 7, field: 'route.receiver', message: 'unknown receiver "pager"' }], files: [path] };
        return { config: { ...c, receivers: ['from-file'] } as unknown as typeof config, issues: [], files: [path] };
      },
    });
    const composed = composeConfig([referencing]);
    expect(composed.parse('amFile: am.yml\n', '/home/u/config.yml')).toMatchObject({ ok: true, config: { receivers: ['from-file'] }, files: ['/home/u/am.yml'] });
    const broken = composed.parse('amFile: broken.yml\n', '/home/u/config.yml');
    expect(broken).toEqual({ ok: false, files: ['/home/u/broken.yml'], issues: [{ file: '/home/u/broken.yml', line: 12, column: 7, field: 'route.receiver', message: 'unknown receiver "pager"' }] });
  });

  it('locates any key of a valid file for checks that run after parsing', () => {
    const result = composed.parse('pager:\n  phone: "0800"\nteams:\n  - name: a\n    pager: "0800"\n  - name: b\n    pager: "0800"\n', 'c.yml');
    if (!result.ok) throw new Error('expected a valid config');
    expect(result.locate(['teams', 1, 'name'])).toEqual({ line: 6, column: 5 });
    expect(result.locate(['pager', 'phone'])).toEqual({ line: 2, column: 3 });
  });
});

describe("the console's own composition", () => {
  it('has every key the domains own, and summarizes what Settings shows', () => {
    expect(Object.keys(emptyConfig).sort()).toEqual(['alerting', 'alertmanagers', 'browser', 'desktop', 'history', 'monitoring', 'outbox', 'prometheus', 'rules', 'runbooks', 'slos', 'ssh', 'targets']);
    const result = composedConfig.parse(
      'targets:\n  - { name: a, url: "http://127.0.0.1:1/" }\n  - { name: b, url: "http://127.0.0.1:2/" }\nrules:\n  files: [x.yml]\nssh:\n  hosts:\n    - { name: h, hostname: 10.0.0.1 }\n',
      'config.yml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(composedConfig.summarize(result.config)).toEqual({ targets: 2, prometheus: 0, alertmanagers: 0, ruleFiles: 1, runbookDirs: 0, sshHosts: 1 });
  });
});
