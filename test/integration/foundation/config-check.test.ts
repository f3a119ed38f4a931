import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliProcess } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

// `oncall config check` as a user runs it: the built binary, a fresh data folder per test.

let cleanup = () => undefined as void;
afterEach(() => cleanup());

function homeWith(files: Record<string, string>): string {
  const t = tempHome('oncall-config-cli-');
  cleanup = t.cleanup;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(t.home, name, '..'), { recursive: true });
    writeFileSync(join(t.home, name), text);
  }
  return t.home;
}

const goodConfig = `targets:
  - name: api
    url: http://127.0.0.1:9/health
  - name: web
    url: http://127.0.0.1:9/
rules:
  files:
    - rules/*.yml
runbooks:
  dirs:
    - team-runbooks
`;
const goodRules = `groups:
  - name: api
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 5m
      - alert: ApiSlow
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
`;
const brokenRules = `groups:
  - name: disk
    rules:
      - alert: DiskFull
        expr: node_filesystem_avail_bytes < 1
      - alert: DiskBroken
        expr: sum(node_filesystem_avail_bytes
`;
const goodRunbook = '# API down\n\n## Look at the logs\n\n```sh\njournalctl -u api --since -10m\n```\n';
const brokenRunbook = '---\ntitle: Broken\nparams: 12\n---\n# Broken\n\n## Step\n\n```sh\nuptime\n```\n';
// markdownFiles skips READMEs: this makes the runbook folder config.yml lists exist, with no runbook in it.
const emptyFolder = { 'team-runbooks/README.md': '# Team runbooks\n' };

describe('oncall config check', () => {
  it('passes a good home and sums up what it checked', () => {
    const home = homeWith({ 'config.yml': goodConfig, 'rules/api.yml': goodRules, 'runbooks/api-down.md': goodRunbook, 'team-runbooks/db.md': goodRunbook.replace('API down', 'DB slow') });
    const result = cliProcess(['config', 'check', '--home', home]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('config.yml: 2 targets, 1 rule file (2 rules), 2 runbooks; no problems\n');
    expect(result.code).toBe(0);
  });

  it('rejects a broken config.yml at file:line:column with the field, and exits 1', () => {
    const home = homeWith({ 'config.yml': goodConfig.replace('url: http://127.0.0.1:9/\n', 'url: http://127.0.0.1:9/\n    interval: soon\n') });
    const result = cliProcess(['config', 'check'], { ONCALL_HOME: home });
    expect(result.code).toBe(1);
    // `    interval: soon` is line 6; the key starts in column 5.
    expect(result.stderr).toBe(`${join(home, 'config.yml')}:6:5: targets[1].interval: not a duration: "soon" (use e.g. 30s, 5m, 1h30m)\n`);
    expect(result.stdout).toBe('config.yml: does not load; fix it to check the rule files and runbooks it references; 1 problem\n');
  });

  it('rejects only the broken rule file, with the line and column of its bad expression', () => {
    const home = homeWith({ 'config.yml': goodConfig, 'rules/api.yml': goodRules, 'rules/disk.yml': brokenRules, ...emptyFolder });
    const result = cliProcess(['config', 'check', '--home', home, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; files: { file: string; kind: string; ok: boolean }[]; problems: Record<string, unknown>[] };
    expect(report.ok).toBe(false);
    expect(report.files).toEqual([
      { file: join(home, 'config.yml'), kind: 'config', ok: true },
      { file: join(home, 'rules/api.yml'), kind: 'rules', ok: true },
      { file: join(home, 'rules/disk.yml'), kind: 'rules', ok: false },
    ]);
    // `        expr: sum(node_filesystem_avail_bytes` is line 7; the expression starts in column 15.
    expect(report.problems).toEqual([
      { file: join(home, 'rules/disk.yml'), line: 7, column: 15, field: '(rule file)', message: expect.stringContaining('"DiskBroken"'), severity: 'error' },
    ]);
    const human = cliProcess(['config', 'check', '--home', home]);
    expect(human.stderr).toMatch(new RegExp(`^${join(home, 'rules/disk.yml').replaceAll('.', '\\.')}:7:15: \\(rule file\\): group "disk", rule 2, "DiskBroken": `));
    expect(human.stdout).toBe('config.yml: 2 targets, 2 rule files (2 rules), 0 runbooks; 1 problem\n');
  });

  it('rejects a broken runbook at its line, next to the good ones', () => {
    const home = homeWith({ 'config.yml': goodConfig, 'runbooks/api-down.md': goodRunbook, 'team-runbooks/broken.md': brokenRunbook });
    const result = cliProcess(['config', 'check', '--home', home, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { files: { file: string; kind: string; ok: boolean }[]; problems: Record<string, unknown>[] };
    expect(report.files.filter((f) => f.kind === 'runbook')).toEqual([
      { file: join(home, 'runbooks/api-down.md'), kind: 'runbook', ok: true },
      { file: join(home, 'team-runbooks/broken.md'), kind: 'runbook', ok: false },
    ]);
    // `params: 12` is line 3; runbook problems carry a line, not a column.
    expect(report.problems).toEqual([expect.objectContaining({ file: join(home, 'team-runbooks/broken.md'), line: 3, column: null, field: 'params', severity: 'error' })]);
    expect(cliProcess(['config', 'check', '--home', home]).stderr).toMatch(new RegExp(`^${join(home, 'team-runbooks/broken.md').replaceAll('.', '\\.')}:3: params: `));
  });

  it('says a missing config.yml is fine (defaults apply) and exits 0; a missing --config FILE exits 1', () => {
    const home = homeWith({ 'runbooks/api-down.md': goodRunbook });
    const missing = cliProcess(['config', 'check', '--home', home]);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toContain(`${join(home, 'config.yml')}: (file): warning: not found, so the defaults apply`);
    expect(missing.stdout).toContain('config.yml: 0 targets, 0 rule files (0 rules), 1 runbook; 1 problem (1 warning)\n');
    const named = cliProcess(['config', 'check', '--home', home, '--config', join(home, 'team.yml')]);
    expect(named.code).toBe(1);
    expect(named.stderr).toBe(`${join(home, 'team.yml')}: (file): cannot read: ENOENT\n`);
  });

  it('checks another file with --config, resolving its rule paths from its own folder', () => {
    const home = homeWith({ 'elsewhere/team.yml': 'rules:\n  files: [alerts.yml]\n', 'elsewhere/alerts.yml': brokenRules });
    const result = cliProcess(['config', 'check', '--home', home, '--config', join(home, 'elsewhere/team.yml'), '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { problems: { file: string; line: number; column: number }[] };
    expect(report.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([`${join(home, 'elsewhere/alerts.yml')}:7:15`]);
  });
});
