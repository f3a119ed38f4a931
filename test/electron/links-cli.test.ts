import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLinkHash, parseOncallLink } from '../../main/core/shared/oncall-links';
import { cliArgsFrom, cliShim, installCli } from '../../main/electron/cli-install';
import { tempHome } from '../support/temp-home';

describe('oncall:// links parse to a route or are refused', () => {
  it('maps the three link kinds to the screens’ routes, params prefilled', () => {
    expect(parseOncallLink('oncall://incident/INC-20261203-031500-1a2b')).toEqual({ ok: true, target: { kind: 'incident', id: 'INC-20261203-031500-1a2b' }, route: '#/incidents/INC-20261203-031500-1a2b' });
    expect(parseOncallLink('oncall://alert/00ff00ff00ff00ff')).toMatchObject({ ok: true, route: '#/alerts/00ff00ff00ff00ff' });
    expect(parseOncallLink('oncall://runbook/disk-full?path=%2Fvar%2Flog&note=a+b')).toMatchObject({ ok: true, target: { kind: 'runbook', id: 'disk-full', params: { path: '/var/log', note: 'a b' } } });
    expect(parseLinkHash('#/runbook/disk-full?path=%2Fvar')).toMatchObject({ ok: true, route: '#/runbooks/disk-full?path=%2Fvar' });
    expect(parseLinkHash('#/incidents/INC-20261203-031500-1a2b')).toBeNull();
  });

  it.each([
    ['https://incident/INC-20261203-031500-1a2b', 'not an oncall:// link'],
    ['oncall://acknowledge/00ff', 'unknown link "acknowledge"'],
    ['oncall://incident/', 'names no incident'],
    ['oncall://incident/42', '"42" is not an incident id'],
    ['oncall://alert/XYZ', 'not an alert fingerprint'],
    ['oncall://alert/00ff?ack=1', 'takes no "?" parameters'],
    ['oncall://runbook/runs', '"runs" is not a runbook id'],
    ['oncall://runbook/disk-full/start', 'extra parts'],
    ['oncall://runbook/disk-full?path=%E0%A4%A', 'not valid percent-encoding'],
    ['oncall://runbook/disk-full?a=1&a=2', 'given twice'],
    ['oncall://runbook/disk-full?x=%0A', 'control characters'],
    [`oncall://runbook/x?${'a'.repeat(5000)}`, 'longer than 4096'],
  ])('refuses %s', (link, reason) => {
    const parsed = parseOncallLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(reason);
  });
});

describe('installing the oncall command', () => {
  it('writes a working sh shim, replaces its own, and never someone else’s', () => {
    const t = tempHome();
    try {
      const bin = join(t.home, 'bin');
      const cli = join(process.cwd(), 'out', 'cli', 'oncall.mjs');
      const result = installCli({ platform: 'linux', dirs: [join(t.home, 'no-such-parent', 'x'), bin], command: [process.execPath, cli], pathEnv: `/usr/bin:${bin}` });
      // The first folder is creatable too, so it is taken; check it is executable and runs the CLI.
      expect(result.onPath).toBe(false);
      expect(statSync(result.path).mode & 0o111).not.toBe(0);
      const out = execFileSync(result.path, ['--home', join(t.home, 'data'), 'incident', 'open', '--title', 'shim test', '--severity', 'P3'], { encoding: 'utf8' });
      expect(out).toMatch(/INC-/);
      expect(execFileSync(result.path, ['--home', join(t.home, 'data'), 'note', "it's quoted; $HOME stays"], { encoding: 'utf8' })).toMatch(/^noted on INC-/);
      // Installing again replaces our shim; a foreign `oncall` is left alone and the next folder used.
      expect(installCli({ platform: 'linux', dirs: [join(t.home, 'no-such-parent', 'x')], command: ['node', cli], pathEnv: '' }).path).toBe(result.path);
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'oncall'), '#!/bin/sh\necho other\n');
      expect(() => installCli({ platform: 'linux', dirs: [bin], command: ['node', cli], pathEnv: '' })).toThrow(/was not installed by Oncall Console/);
      expect(readFileSync(join(bin, 'oncall'), 'utf8')).toContain('echo other');
    } finally {
      t.cleanup();
    }
  });

  it('writes a Windows .cmd and refuses paths cmd.exe cannot quote', () => {
    expect(cliShim('win32', ['C:\\Program Files\\Oncall Console\\Oncall Console.exe', '--oncall-cli']).text).toBe(
      '@echo off\r\nrem Installed by Oncall Console\r\n"C:\\Program Files\\Oncall Console\\Oncall Console.exe" "--oncall-cli" %*\r\n',
    );
    expect(() => cliShim('win32', ['C:\\100%\\app.exe'])).toThrow(/"|%/);
    expect(cliArgsFrom(['/opt/app', '--oncall-cli', 'note', 'x'])).toEqual(['note', 'x']);
    expect(cliArgsFrom(['/opt/app', '--hidden'])).toBeNull();
  });
});
