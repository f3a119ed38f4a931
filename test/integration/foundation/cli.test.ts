import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliProcess, oncallBin, projectRoot, startCliProcess } from '../../support/cli';
import { tempHome } from '../../support/temp-home';

const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('the oncall CLI', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('is declared as the package bin', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(join(projectRoot, pkg.bin.oncall!)).toBe(oncallBin);
  });

  it('prints the version and help', () => {
    expect(cliProcess(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = cliProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: oncall/);
    expect(help.stdout).toMatch(/serve\s+run the console in a browser tab/);
    expect(cliProcess(['serve', '--help']).stdout).toContain('--port N');
  });

  it('prints usage and exits 2 on unknown commands and flags', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: oncall');
    const flag = await cli(['serve', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--bogus'");
    expect(flag.stderr).toContain('Usage: oncall serve');
    expect((await cli([])).code).toBe(2);
    expect((await cli(['serve', '--port', 'abc'])).code).toBe(2);
  });

  it('serve creates the data directory, honours --home and ONCALL_HOME, and stops on SIGTERM', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const viaFlag = join(t.home, 'flag');
    const a = await startCliProcess(['serve', '--home', viaFlag], /Open: (\S+)\n/);
    expect(a.match[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(await a.stop()).toBe(0);
    for (const f of ['config.yml', 'runbooks', 'rules', 'journal.db']) expect(existsSync(join(viaFlag, f))).toBe(true);
    const viaEnv = join(t.home, 'env');
    const b = await startCliProcess(['serve'], /Open: /, { ONCALL_HOME: viaEnv });
    expect(await b.stop()).toBe(0);
    expect(existsSync(join(viaEnv, 'journal.db'))).toBe(true);
  });

  it('says so and exits 1 when the port is taken', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const result = cliProcess(['--home', t.home, 'serve', '--port', String(port)]);
    blocker.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('reports a newer journal.db clearly and exits 1 without touching it', () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'journal.db');
    spawnSync('node', ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.pragma('user_version = 500');d.close()`], { cwd: projectRoot });
    const before = readFileSync(file);
    const result = cliProcess(['--home', t.home, 'serve', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('written by a newer Oncall Console');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
