import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smokeExit } from '../../../main/electron/smoke-report';
import { projectRoot } from '../../support/cli';
import { tempHome } from '../../support/temp-home';
import { findElectron, packagedCandidates } from '../../smoke/find-electron';

/**
 * `npm run smoke:electron` as a process. Real Electron cannot be had here, so besides the "no binary"
 * answer this machine gives, a stand-in packaged app (a shell script carrying a fuse wire, as a
 * real binary does) plays the app's side: it writes the report and the journal row the launcher
 * then checks. POSIX shell: this file runs where the integration tests run (Linux CI).
 */

const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// The fuses electron-builder.yml sets, in wire order, ASCII '0'/'1' as in a real binary: runAsNode off,
// cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, only-asar on, then two it leaves alone.
const shippedWire = '01001101';

const roots: { cleanup: () => void }[] = [];
afterAll(() => roots.forEach((r) => r.cleanup()));

/** A project tree with package.json and electron-builder.yml and, optionally, a packaged stand-in app. */
function project(app?: { wire?: string; note?: 'right' | 'wrong'; report?: boolean; exitCode?: number }): string {
  const dir = tempHome('oncall-smoke-root-');
  roots.push(dir);
  const root = dir.home;
  copyFileSync(join(projectRoot, 'package.json'), join(root, 'package.json'));
  copyFileSync(join(projectRoot, 'electron-builder.yml'), join(root, 'electron-builder.yml'));
  // The electron package without its download: what `npm install electron` leaves here.
  mkdirSync(join(root, 'node_modules/electron'), { recursive: true });
  copyFileSync(join(projectRoot, 'node_modules/electron/package.json'), join(root, 'node_modules/electron/package.json'));
  if (!app) return root;
  const names = { name: 'oncall-console', productName: 'Oncall Console' };
  const executable = packagedCandidates(root, process.platform, names)[0]!;
  mkdirSync(dirname(executable), { recursive: true });
  const fakeApp = join(root, 'fake-app.mjs');
  writeFileSync(
    fakeApp,
    `import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const Database = createRequire(${JSON.stringify(join(projectRoot, 'package.json'))})('better-sqlite3');
const home = process.env.ONCALL_HOME;
if (process.env.ONCALL_SMOKE !== '1') process.exit(9);
const db = new Database(join(home, 'journal.db'));
db.exec("CREATE TABLE timeline (id TEXT, incident_id TEXT, kind TEXT, text TEXT)");
db.prepare('INSERT INTO timeline VALUES (?, ?, ?, ?)').run('e1', 'i1', 'note', ${JSON.stringify(app.note === 'wrong' ? 'not the smoke note' : 'smoke test note 1')});
db.close();
const report = { ok: true, electron: '45.4.1', packaged: true, checks: [{ name: 'csp', ok: true, detail: 'fine' }], journal: { incidentId: 'i1', entryId: 'e1', text: 'smoke test note 1' } };
if (${app.report !== false}) writeFileSync(join(home, 'smoke-report.json'), JSON.stringify(report));
process.exit(${app.exitCode ?? 0});
`,
  );
  writeFileSync(executable, `#!/bin/sh\n# ${sentinel}\u0001\u0008${app.wire ?? shippedWire}\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(fakeApp)} "$@"\n`);
  chmodSync(executable, 0o755);
  return root;
}

function smoke(root: string | null, ...args: string[]) {
  const env = { ...process.env };
  delete env.ELECTRON_PATH;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'test/smoke/electron-smoke.ts'), ...(root ? ['--project-root', root] : []), '--xvfb', 'never', ...args], { cwd: projectRoot, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout + result.stderr };
}

describe('npm run smoke:electron', () => {
  it('says clearly that no Electron binary is available and exits 3, neither passing nor failing silently', () => {
    const { code, out } = smoke(project());
    expect(code).toBe(smokeExit.noElectron);
    expect(out).toContain('NO ELECTRON BINARY is available');
    expect(out).toContain('This is not a pass');
    expect(out).toMatch(/looked for: .*node_modules[\\/]electron[\\/]path\.txt/);
    expect(out).toMatch(/looked for: .*dist[\\/]/);
  });

  it('exits 0 for an app whose report passes, whose note is in journal.db and whose fuses match electron-builder.yml', () => {
    const { code, out } = smoke(project({}), '--app', 'packaged');
    expect(out).toContain('ok   journal-in-sqlite: entry e1 read back from journal.db');
    expect(out).toContain("ok   fuses: the binary's fuse wire matches electron-builder.yml");
    expect(code).toBe(smokeExit.passed);
  });

  it('exits 1 naming the checks that failed: a fuse left on, the note missing from journal.db', () => {
    const { code, out } = smoke(project({ wire: `1${shippedWire.slice(1)}`, note: 'wrong' }), '--app', 'packaged');
    expect(out).toContain('FAIL fuses: runAsNode should be off but the wire says on');
    expect(out).toMatch(/FAIL journal-in-sqlite: entry e1 reads "not the smoke note", expected "smoke test note 1"/);
    expect(code).toBe(smokeExit.failed);
  });

  it('exits 1 when the app exit code disagrees with its report', () => {
    const { code, out } = smoke(project({ exitCode: 7 }), '--app', 'packaged');
    expect(out).toContain('FAIL app-exit-code: the app exited with 7, its report says 0');
    expect(code).toBe(smokeExit.failed);
  });

  it('exits 4 when the app quits without a report', () => {
    const { code, out } = smoke(project({ report: false, exitCode: 1 }), '--app', 'packaged');
    expect(out).toContain('the app wrote no smoke-report.json: exited with 1');
    expect(code).toBe(smokeExit.noReport);
  });

  it('exits 2 on bad arguments', () => {
    const { code, out } = smoke(null, '--app', 'sometimes');
    expect(out).toContain('Usage: npm run smoke:electron');
    expect(code).toBe(smokeExit.usage);
  });
});

describe('finding Electron', () => {
  it('takes ELECTRON_PATH first, then the packaged app, then node_modules/electron by its path.txt', () => {
    const root = project({});
    const packaged = packagedCandidates(root, 'linux', { name: 'oncall-console', productName: 'Oncall Console' })[0]!;
    const byHand = join(root, 'my-electron');
    writeFileSync(byHand, '');
    expect(findElectron(root, 'auto', { ELECTRON_PATH: byHand }, 'linux')).toEqual({ found: true, kind: 'env', executable: byHand, args: [root] });
    expect(findElectron(root, 'auto', {}, 'linux')).toEqual({ found: true, kind: 'packaged', executable: packaged, args: [] });
    // A dev run needs the download: path.txt names the binary inside dist/ (or ELECTRON_OVERRIDE_DIST_PATH).
    expect(findElectron(root, 'dev', {}, 'linux')).toMatchObject({ found: false });
    writeFileSync(join(root, 'node_modules/electron/path.txt'), 'electron');
    mkdirSync(join(root, 'node_modules/electron/dist'));
    writeFileSync(join(root, 'node_modules/electron/dist/electron'), '');
    expect(findElectron(root, 'dev', {}, 'linux')).toEqual({ found: true, kind: 'dev', executable: join(root, 'node_modules/electron/dist/electron'), args: [root] });
    expect(findElectron(root, 'dev', { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'elsewhere') }, 'linux')).toMatchObject({ found: false, looked: [join(root, 'elsewhere/electron')] });
    // ELECTRON_PATH that does not exist is reported, not silently skipped.
    expect(findElectron(root, 'packaged', { ELECTRON_PATH: byHand }, 'linux')).toMatchObject({ found: true, kind: 'packaged' });
    expect(findElectron(project(), 'auto', { ELECTRON_PATH: '/nonexistent/electron' }, 'linux')).toMatchObject({ found: false, looked: expect.arrayContaining(['ELECTRON_PATH=/nonexistent/electron (does not exist)']) as unknown });
  });

  it('knows where electron-builder puts the unpacked app on each system', () => {
    const names = { name: 'oncall-console', productName: 'Oncall Console' };
    expect(packagedCandidates('/p', 'darwin', names)[0]).toBe('/p/dist/mac/Oncall Console.app/Contents/MacOS/Oncall Console');
    expect(packagedCandidates('/p', 'win32', names)[0]).toBe(join('/p', 'dist', 'win-unpacked', 'Oncall Console.exe'));
    expect(packagedCandidates('/p', 'linux', names)[0]).toBe('/p/dist/linux-unpacked/oncall-console');
  });
});
