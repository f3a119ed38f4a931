import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcesDir } from '../../../main/cli/paths';
import { RuleService } from '../../../main/core/rules/service';
import { makeContext, type TestContext } from '../alerts/harness';

let t: TestContext | null = null;
afterEach(() => {
  t?.dispose();
  t = null;
});

describe('RuleService without a Prometheus', () => {
  it('loads the built-in pack and the user files; a broken file is listed alone with file:line and reason', async () => {
    t = makeContext(['rules:', '  files: [rules/*.yml]', ''].join('\n'));
    t.ctx.resourcesDir = resourcesDir;
    mkdirSync(join(t.dir, 'rules'));
    writeFileSync(join(t.dir, 'rules', 'a-good.yml'), 'groups:\n- name: g\n  rules:\n  - record: job:up:sum\n    expr: sum by (job) (up)\n  - alert: Down\n    expr: up == 0\n    for: 1m\n');
    writeFileSync(join(t.dir, 'rules', 'b-broken.yml'), 'groups:\n- name: b\n  rules:\n  - alert: Broken\n    expr: rate(x)\n');
    const service = new RuleService(t.ctx);
    service.start();
    const status = service.status();
    await service.stop();
    expect(status.sourceStatus).toBe('no-server');
    expect(status.files.map((f) => [f.path.replace(t!.dir, '~').replace(resourcesDir, 'res'), f.builtin, f.errors.length])).toEqual([
      ['res/rules/oncall-builtin.yml', true, 0],
      ['~/rules/a-good.yml', false, 0],
      ['~/rules/b-broken.yml', false, 1],
    ]);
    expect(status.files[0]?.groups.flatMap((g) => g.rules).length).toBe(14);
    expect(status.files[2]?.errors[0]).toMatchObject({ line: 5, message: 'group "b", rule 1, "Broken": could not parse expression: 1:6: parse error: expected type range vector in call to function "rate", got instant vector' });
    // Recording rules are listed, marked as computed by the Prometheus server.
    expect(status.files[1]?.groups[0]?.rules.map((r) => [r.name, r.kind, r.state])).toEqual([
      ['job:up:sum', 'recording', 'server-side'],
      ['Down', 'alerting', 'inactive'],
    ]);
  });

  it('leaves the built-in pack out with rules.builtin: false', () => {
    t = makeContext(['rules:', '  builtin: false', ''].join('\n'));
    t.ctx.resourcesDir = resourcesDir;
    const service = new RuleService(t.ctx);
    expect(service.reload().files).toEqual([]);
  });

  it('checks pasted text like rules check does', () => {
    t = makeContext('');
    const service = new RuleService(t.ctx);
    expect(service.check('groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n  - record: r\n    expr: sum(up)\n', 'pasted.yml')).toEqual({ ok: true, errors: [], groups: 1, alerting: 1, recording: 1 });
    expect(service.check('groups:\n- name: g\n  rules:\n  - alert: A\n    expr: sum(up\n', 'pasted.yml')).toMatchObject({ ok: false, errors: [{ file: 'pasted.yml', line: 5, column: 11 }] });
  });
});
