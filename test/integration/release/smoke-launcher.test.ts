import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smokeExit } from '../../../main/electron/smoke-report';
import { projectRoot } from '../../support/cli';
import { tempHome } from '../../support/temp-home';
import { packagedCandidates } from '../../smoke/find-electron';

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
