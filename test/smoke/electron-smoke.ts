// `npm run smoke:electron [-- --app auto|packaged|dev] [--xvfb auto|always|never] [--timeout S]`:
// starts the real Electron app with ONCALL_SMOKE=1 in a fresh data folder, lets it check itself
// (main/electron/smoke.ts), then checks from outside what the app cannot: the journal entry in
// journal.db and, for a packaged app, the fuses in its binary. Exit codes: smokeExit in
// main/electron/smoke-report.ts and docs/release.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { smokeEnv, smokeExit, smokeReportFile, type SmokeCheck, type SmokeReport } from '../../main/electron/smoke-report';
import { findElectron, type AppKind } from './find-electron';
import { fuseProblems, wantedFuses } from './fuses';
import { journalProblems } from './journal-check';

const usage = `Usage: npm run smoke:electron -- [--app auto|packaged|dev] [--xvfb auto|always|never] [--timeout SECONDS] [--keep-home]

  --app       auto (default): ELECTRON_PATH, else a packaged app under dist/, else node_modules/electron
              packaged: only electron-builder's output under dist/ (fuses are checked too)
              dev: only node_modules/electron's binary, running out/ (npm run build first)
  --xvfb      auto (default): on Linux without DISPLAY, run under xvfb-run
  --timeout   seconds the app gets to check itself and quit (default 150)
  --keep-home keep the temporary data folder (it is always kept when something fails)

Exit: 0 passed, 1 a check failed, 2 usage or not built, 3 no Electron binary here, 4 the app wrote no report.
`;

function say(line: string): void {
  process.stdout.write(`smoke:electron: ${line}\n`);
}

function main(argv: string[]): Promise<number> | number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { app: { type: 'string', default: 'auto' }, xvfb: { type: 'string', default: 'auto' }, timeout: { type: 'string', default: '150' }, 'keep-home': { type: 'boolean' }, 'project-root': { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
    return smokeExit.usage;
  }
  const timeoutS = Number(values.timeout);
  if (values.help || !['auto', 'packaged', 'dev'].includes(values.app) || !['auto', 'always', 'never'].includes(values.xvfb) || !(timeoutS > 0)) {
    (values.help ? process.stdout : process.stderr).write(usage);
    return values.help ? 0 : smokeExit.usage;
  }
  // --project-root is for the launcher's own tests: another tree to look for Electron in.
  const root = resolve(values['project-root'] ?? fileURLToPath(new URL('../..', import.meta.url)));
  const found = findElectron(root, values.app as AppKind, process.env);
  if (!found.found) {
    process.stderr.write(
      [
        'smoke:electron: NO ELECTRON BINARY is available, so the real app cannot be started here. This is not a pass.',
        ...found.looked.map((l) => `  looked for: ${l}`),
        '  Electron downloads its binary on first use: on a machine with internet run `node node_modules/electron/install.js`',
        '  (or `npm start` once), or build the app with electron-builder (dist/), or set ELECTRON_PATH.',
        `  exit ${smokeExit.noElectron}: no Electron binary`,
        '',
      ].join('\n'),
    );
    return smokeExit.noElectron;
  }
  if (found.kind !== 'packaged') {
    const missing = ['out/electron/main.cjs', 'out/preload/bridge.cjs', 'out/renderer/index.html'].filter((f) => !existsSync(join(root, f)));
    if (missing.length) return notBuilt(`${missing.join(', ')} missing: run npm run build first`);
    // main.ts loads better-sqlite3 from here outside a package; the Node build in node_modules would not load in Electron.
    if (!existsSync(join(root, 'out/electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))) return notBuilt('better-sqlite3 is not built for Electron: run node .ci/electron-native.mjs first');
  }
  return launch(root, found, values.xvfb, timeoutS * 1000, values['keep-home'] === true);
}

function notBuilt(message: string): number {
  process.stderr.write(`smoke:electron: ${message}\n`);
  return smokeExit.usage;
}

function needsXvfb(mode: string): boolean {
  if (process.platform !== 'linux' || mode === 'never') return false;
  return mode === 'always' || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function launch(root: string, found: Extract<ReturnType<typeof findElectron>, { found: true }>, xvfb: string, timeoutMs: number, keepHome: boolean): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'oncall-smoke-'));
  const electronArgs = [...found.args];
  // Chromium refuses to start as root with its sandbox on (containers); the renderer keeps sandbox: true.
  if (process.platform === 'linux' && process.getuid?.() === 0) {
    electronArgs.push('--no-sandbox');
    say('running as root: Chromium\'s OS sandbox is off for this run (--no-sandbox)');
  }
  let command = found.executable;
  let args = electronArgs;
  if (needsXvfb(xvfb)) {
    if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) return notBuilt('no DISPLAY and no xvfb-run: install xvfb or pass --xvfb never with a display');
    command = 'xvfb-run';
    args = ['-a', '-s', '-screen 0 1280x800x24', found.executable, ...electronArgs];
  }
  say(`starting ${found.kind} Electron ${found.executable} (home ${home})`);
  const env: NodeJS.ProcessEnv = { ...process.env, ONCALL_HOME: home, [smokeEnv]: '1' };
  // Either would turn Electron into plain Node (or a debuggee) instead of the app.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.NODE_OPTIONS;
  const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'], detached: process.platform !== 'win32' });
  const exit = await new Promise<{ code: number | null; signal: string | null; timedOut: boolean; error?: Error }>((done) => {
    const timer = setTimeout(() => {
      // The whole group: xvfb-run's Xvfb and Electron's helper processes too.
      if (process.platform === 'win32' || !child.pid) child.kill();
      else process.kill(-child.pid, 'SIGKILL');
      done({ code: null, signal: 'SIGKILL', timedOut: true });
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      done({ code: null, signal: null, timedOut: false, error });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, timedOut: false });
    });
  });
  const reportPath = join(home, smokeReportFile);
  if (!existsSync(reportPath)) {
    const why = exit.error ? `could not start: ${exit.error.message}` : exit.timedOut ? `still running after ${timeoutMs / 1000} s (killed)` : `exited with ${exit.code ?? exit.signal}`;
    process.stderr.write(`smoke:electron: the app wrote no ${smokeReportFile}: ${why}. Data folder kept: ${home}\n`);
    return smokeExit.noReport;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as SmokeReport;
  const checks: SmokeCheck[] = [...report.checks];
  const problems = journalProblems(home, report.journal);
  checks.push({ name: 'journal-in-sqlite', ok: problems.length === 0, detail: problems.join('; ') || `entry ${report.journal?.entryId ?? ''} read back from journal.db` });
  if (found.kind === 'packaged') {
    const fuses = await fuseProblems(found.executable, wantedFuses(root)).catch((err: unknown) => [`cannot read the fuse wire: ${err instanceof Error ? err.message : String(err)}`]);
    checks.push({ name: 'fuses', ok: fuses.length === 0, detail: fuses.join('; ') || 'the binary\'s fuse wire matches electron-builder.yml' });
  } else {
    say('fuses: not checked: an unpackaged Electron has its default fuses (electron-builder flips them); --app packaged checks them');
  }
  const wantedCode = report.ok ? 0 : 1;
  if (exit.code !== wantedCode) checks.push({ name: 'app-exit-code', ok: false, detail: `the app exited with ${exit.code ?? exit.signal}, its report says ${wantedCode}` });
  for (const c of checks) say(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok);
  say(`Electron ${report.electron}${report.packaged ? ' (packaged)' : ''}: ${checks.length - failed.length} of ${checks.length} checks passed`);
  if (failed.length === 0 && !keepHome) rmSync(home, { recursive: true, force: true });
  else say(`data folder kept: ${home}`);
  return failed.length === 0 ? smokeExit.passed : smokeExit.failed;
}

process.exitCode = await main(process.argv.slice(2));
