import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { composedConfig } from '../../../main/core/composed-config';
import { configChecks } from '../../../main/core/composed-checks';
import { composeConfig, defineConfigSection } from '../../../main/core/config';
import { checkConfig, formatConfigProblem, type ConfigCheck, type ConfigCheckInput } from '../../../main/core/config/check';
import { tempHome } from '../../support/temp-home';

let cleanup = () => undefined as void;
afterEach(() => cleanup());

function home(files: Record<string, string>): string {
  const t = tempHome('oncall-config-check-');
  cleanup = t.cleanup;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(t.home, name, '..'), { recursive: true });
    writeFileSync(join(t.home, name), text);
  }
  return t.home;
}

// A made-up domain: its check records what it was given, so the runner is tested on its own.
const section = defineConfigSection({ shape: { things: z.array(z.string()).default([]) } });
const composed = composeConfig([section]);
function recordingCheck(seen: ConfigCheckInput[]): ConfigCheck {
  return (input) => {
    seen.push(input);
    const things = (input.config as unknown as { things: string[] }).things;
    return {
      files: things.map((t) => ({ file: `/x/${t}`, kind: 'thing', ok: t !== 'bad' })),
      problems: things.filter((t) => t === 'bad' || t === 'odd').map((t) => ({ file: `/x/${t}`, line: 2, column: 4, field: 'thing', message: `${t} thing`, severity: t === 'bad' ? ('error' as const) : ('warning' as const) })),
      summary: [`${things.length} things`],
    };
  };
}

describe('the config check runner', () => {
  it("collects every domain's files, problems and summary phrases", async () => {
    const dir = home({ 'config.yml': 'things: [good, odd]\n' });
    const seen: ConfigCheckInput[] = [];
    const report = await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed, checks: [recordingCheck(seen), () => ({ summary: ['and more'] })], required: false });
    expect(seen[0]).toMatchObject({ config: { things: ['good', 'odd'] }, configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r' });
    expect(report.ok).toBe(true); // a warning does not fail the check
    expect(report.files).toEqual([
      { file: join(dir, 'config.yml'), kind: 'config', ok: true },
      { file: '/x/good', kind: 'thing', ok: true },
      { file: '/x/odd', kind: 'thing', ok: true },
    ]);
    expect(report.summary).toBe('config.yml: 2 things, and more; 1 problem (1 warning)');
  });

  it('fails on an error from any domain', async () => {
    const dir = home({ 'config.yml': 'things: [bad]\n' });
    const report = await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed, checks: [recordingCheck([])], required: false });
    expect(report.ok).toBe(false);
    expect(report.problems.map(formatConfigProblem)).toEqual(['/x/bad:2:4: thing: bad thing']);
    expect(report.summary).toBe('config.yml: 1 things; 1 problem');
  });

  it('does not look at referenced files while config.yml itself is invalid', async () => {
    const dir = home({ 'config.yml': 'things: [good]\nthinsg: []\n' });
    const seen: ConfigCheckInput[] = [];
    const report = await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed, checks: [recordingCheck(seen)], required: false });
    expect(seen).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ file: join(dir, 'config.yml'), line: 2, column: 1, field: 'thinsg', severity: 'error' })]);
    expect(report.summary).toBe('config.yml: does not load; fix it to check the rule files and runbooks it references; 1 problem');
  });

  it('names the team\'s alertmanager.yml as such, with its routes, and warns about every receiver the console will not deliver', async () => {
    const dir = home({
      'config.yml': 'alerting:\n  alertmanagerConfig: team/am.yml\n',
      'team/am.yml': 'route:\n  receiver: mail\n  routes:\n    - matchers: [\'severity="critical"\']\n      receiver: pager\nreceivers:\n  - name: mail\n    email_configs: [{ to: oncall@example.org }]\n  - name: pager\n    pagerduty_configs: [{ routing_key_file: /run/key }]\n',
    });
    const report = await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed: composedConfig, checks: configChecks, required: false });
    expect(report.ok).toBe(true);
    expect(report.files.filter((f) => f.file.endsWith('am.yml'))).toEqual([{ file: join(dir, 'team/am.yml'), kind: 'alertmanager', ok: true }]);
    expect(report.problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'receiver "pager": pagerduty_configs (1) kept for routing but not delivered by the console'],
    ]);
    expect(report.summary).toContain('2 routes, 2 receivers');
  });

  it('warns, at its line, about a misspelt placeholder that would make a condition fail on every probe', async () => {
    const dir = home({
      'config.yml': 'targets:\n  - name: api\n    url: http://127.0.0.1:9/\n    conditions:\n      - "[Status] == 200"\n      - "[STAUTS] == 200"\n      - "[BODY].items[0].state == UP"\n',
    });
    const report = await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed: composedConfig, checks: configChecks, required: false });
    expect(report.ok).toBe(true);
    expect(report.problems.map((p) => [p.severity, p.line, p.column, p.field])).toEqual([['warning', 6, 9, 'targets[0].conditions[1]']]);
    expect(report.problems[0]?.message).toMatch(/^\[STAUTS\] is not a placeholder/);
  });

  it('lists the files config.yml references, and fails on a problem inside one (an alertmanager.yml)', async () => {
    const referencing = composeConfig([
      defineConfigSection({
        shape: { am: z.string().optional() },
        resolveFiles: (config, _file) => {
          const am = (config as unknown as { am?: string }).am;
          if (am === undefined) return { config, issues: [], files: [] };
          return { config, issues: am.includes('bad') ? [{ file: am, line: 3, column: 5, field: 'route', message: 'bad route' }] : [], files: [am] };
        },
      }),
    ]);
    const check = async (text: string) => {
      const dir = home({ 'config.yml': text });
      return { dir, report: await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed: referencing, checks: [], required: false }) };
    };
    const good = await check('am: /etc/am.yml\n');
    expect(good.report.ok).toBe(true);
    expect(good.report.files).toEqual([
      { file: join(good.dir, 'config.yml'), kind: 'config', ok: true },
      { file: '/etc/am.yml', kind: 'referenced', ok: true },
    ]);
    const bad = await check('am: /etc/bad-am.yml\n');
    expect(bad.report.ok).toBe(false);
    expect(bad.report.files).toEqual([
      { file: join(bad.dir, 'config.yml'), kind: 'config', ok: true },
      { file: '/etc/bad-am.yml', kind: 'referenced', ok: false },
    ]);
    expect(bad.report.problems.map(formatConfigProblem)).toEqual(['/etc/bad-am.yml:3:5: route: bad route']);
  });

  it('without config.yml, warns that the defaults apply and still runs the checks on them', async () => {
    const dir = home({});
    const seen: ConfigCheckInput[] = [];
    const report = await checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/r', composed, checks: [recordingCheck(seen)], required: false });
    expect(seen.map((s) => s.config)).toEqual([{ things: [] }]);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([expect.objectContaining({ file: join(dir, 'config.yml'), line: null, severity: 'warning', message: expect.stringContaining('defaults apply') })]);
  });

  it('fails when the file named with --config does not exist', async () => {
    const dir = home({});
    const report = await checkConfig({ configFile: join(dir, 'team.yml'), home: dir, resourcesDir: '/r', composed, checks: [recordingCheck([])], required: true });
    expect(report.ok).toBe(false);
    expect(report.problems.map(formatConfigProblem)).toEqual([`${join(dir, 'team.yml')}: (file): cannot read: ENOENT`]);
  });

  it('leaves out of a problem line what the checker does not know', () => {
    const base = { file: 'f.md', field: 'params', message: 'm', severity: 'error' as const };
    expect(formatConfigProblem({ ...base, line: 3, column: null })).toBe('f.md:3: params: m');
    expect(formatConfigProblem({ ...base, line: null, column: null, severity: 'warning' })).toBe('f.md: params: warning: m');
  });
});

describe("the domains' checks, as composed for the console", () => {
  const run = (dir: string) => checkConfig({ configFile: join(dir, 'config.yml'), home: dir, resourcesDir: '/nonexistent-resources', composed: composedConfig, checks: configChecks, required: false });

  it('rejects only the broken rule file, at the line and column of its bad expression', async () => {
    const dir = home({
      'config.yml': 'targets:\n  - name: api\n    url: http://127.0.0.1:9/\nrules:\n  files: [rules/*.yml, more/extra.yml]\n',
      'rules/a.yml': 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n      - record: r:x\n        expr: sum(up)\n',
      'rules/b.yml': 'groups:\n  - name: g\n    rules:\n      - alert: B\n        expr: rate(x[5m]\n',
      'more/extra.yml': 'groups:\n  - name: h\n    rules:\n      - alert: C\n        expr: vector(1)\n',
    });
    const report = await run(dir);
    expect(report.ok).toBe(false);
    expect(report.files.filter((f) => f.kind === 'rules')).toEqual([
      { file: join(dir, 'more/extra.yml'), kind: 'rules', ok: true },
      { file: join(dir, 'rules/a.yml'), kind: 'rules', ok: true },
      { file: join(dir, 'rules/b.yml'), kind: 'rules', ok: false },
    ]);
    // `expr: rate(x[5m]` on line 5: the value starts in column 15.
    expect(report.problems).toEqual([expect.objectContaining({ file: join(dir, 'rules/b.yml'), line: 5, column: 15, severity: 'error' })]);
    expect(report.summary).toBe('config.yml: 1 target, 3 rule files (3 rules), 0 runbooks; 1 problem');
  });

  it('checks the runbooks in <home>/runbooks and runbooks.dirs, and warns about a listed folder that is missing', async () => {
    const dir = home({
      'config.yml': 'runbooks:\n  dirs:\n    - team\n    - gone\n',
      'runbooks/ok.md': '# Disk full\n\n## Look\n\n```sh\ndf -h\n```\n',
      'team/broken.md': '---\nparams: 12\n---\n# Broken\n\n## Step\n\n```sh\necho hi\n```\n',
    });
    const report = await run(dir);
    expect(report.ok).toBe(false);
    expect(report.files.filter((f) => f.kind === 'runbook')).toEqual([
      { file: join(dir, 'runbooks/ok.md'), kind: 'runbook', ok: true },
      { file: join(dir, 'team/broken.md'), kind: 'runbook', ok: false },
    ]);
    expect(report.problems.map(formatConfigProblem)).toEqual([
      // `    - gone` is line 4; the value starts in column 7.
      `${join(dir, 'config.yml')}:4:7: runbooks.dirs[1]: warning: folder not found: ${join(dir, 'gone')}`,
      `${join(dir, 'team/broken.md')}:2: params: expected a mapping of param name to its spec`,
    ]);
    expect(report.summary).toBe('config.yml: 0 targets, 0 rule files (0 rules), 2 runbooks; 2 problems (1 warning)');
  });
});
