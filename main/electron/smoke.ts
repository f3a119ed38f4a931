import type { App, WebPreferences } from 'electron';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { smokeEnv, smokeReportFile, type SmokeCheck, type SmokeReport } from './smoke-report';

/**
 * Smoke mode: the real app, started by `npm run smoke:electron` with ONCALL_SMOKE=1 and a fresh
 * ONCALL_HOME, checks at runtime what test/electron checks against the fake `electron` module (the
 * window's effective webPreferences, no Node in the page, the CSP, navigation and window.open
 * refused), makes one contract call and one journal write through the preload bridge, writes
 * smoke-report.json into that home and quits: exit 0 when every check passed, 1 otherwise.
 * Fuses are read from the binary by the launcher, which the app cannot do about itself.
 * Outside smoke mode nothing here runs.
 */

/** The part of a BrowserWindow the checks use; the real one and test/electron's fake both fit. */
export interface SmokeWindow {
  isVisible(): boolean;
  once(event: 'ready-to-show', listener: () => void): unknown;
  webContents: {
    /** Real at runtime (Electron's own tests use it) but missing from electron.d.ts, hence optional. */
    getLastWebPreferences?(): WebPreferences | null;
    executeJavaScript(code: string): Promise<unknown>;
    getURL(): string;
    once(event: 'will-navigate', listener: (event: { defaultPrevented: boolean; url?: string }, url: string) => void): unknown;
  };
}

export interface SmokeDeps {
  window: SmokeWindow;
  home: string;
  rendererIndex: string;
  windowCount: () => number;
  electron: string;
  packaged: boolean;
  /** Makes the journal entry recognisable in journal.db. */
  nonce: string;
  /** How long a refused navigation is given to happen anyway before the URL is compared. */
  settleMs?: number;
}

export function smokeRequested(env: NodeJS.ProcessEnv): boolean {
  return env[smokeEnv] === '1';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves with the value, or rejects naming what was awaited when it takes longer than ms. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Empty when the effective preferences are the hardened ones; otherwise what is wrong. */
export function webPreferenceProblems(prefs: WebPreferences | null): string[] {
  if (!prefs) return ['the window reports no webPreferences'];
  const problems: string[] = [];
  if (prefs.contextIsolation !== true) problems.push('contextIsolation is not on');
  if (prefs.sandbox !== true) problems.push('sandbox is not on');
  for (const key of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag'] as const) {
    if (prefs[key] === true) problems.push(`${key} is on`);
  }
  return problems;
}

/** What the page itself sees of Node and of the bridge. */
const isolationProbe = `(() => ({
  require: typeof require, process: typeof process, module: typeof module,
  bridge: typeof window.oncall === 'object' && window.oncall !== null ? Object.keys(window.oncall).sort() : null,
}))()`;

export function isolationProblems(seen: unknown): string[] {
  const s = (seen ?? {}) as Record<string, unknown>;
  const problems = ['require', 'process', 'module'].filter((name) => s[name] !== 'undefined').map((name) => `the page can see ${name} (${String(s[name])})`);
  // The preload exposes named functions only, never ipcRenderer (house-style "The contract").
  if (JSON.stringify(s.bridge) !== JSON.stringify(['invoke', 'on'])) problems.push(`window.oncall exposes ${JSON.stringify(s.bridge)}, expected ["invoke","on"]`);
  return problems;
}

/** The policy as the page got it, and whether the page may turn a string into code. */
const cspProbe = `(() => {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  let evaluated;
  try { evaluated = (0, eval)('"evaluated"'); } catch (e) { evaluated = 'blocked: ' + (e && e.name); }
  return { policy: meta ? meta.getAttribute('content') : null, eval: evaluated };
})()`;

export function cspProblems(seen: unknown): string[] {
  const s = (seen ?? {}) as { policy?: unknown; eval?: unknown };
  if (typeof s.policy !== 'string' || s.policy.trim() === '') return ['the page has no Content-Security-Policy'];
  const directives = new Map(
    s.policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0])
      .map((words) => [words[0]!.toLowerCase(), words.slice(1)] as const),
  );
  const scripts = directives.get('script-src') ?? directives.get('default-src');
  const problems: string[] = [];
  if (!scripts) problems.push('the policy restricts no scripts (no script-src or default-src)');
  else for (const loose of ["'unsafe-eval'", "'unsafe-inline'", '*']) if (scripts.includes(loose)) problems.push(`script-src allows ${loose}`);
  if (typeof s.eval !== 'string' || !s.eval.startsWith('blocked')) problems.push(`eval ran in the page (${String(s.eval)})`);
  return problems;
}

type Check = () => Promise<string>;

/** Runs every check (a failing one does not stop the others) and returns the report. */
export async function runSmoke(deps: SmokeDeps): Promise<SmokeReport> {
  const { window: win, home } = deps;
  const contents = win.webContents;
  const page = (code: string) => contents.executeJavaScript(code);
  const checks: SmokeCheck[] = [];
  let journal: SmokeReport['journal'] = null;
  const run = async (name: string, check: Check) => {
    try {
      checks.push({ name, ok: true, detail: await check() });
    } catch (err) {
      checks.push({ name, ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  };
  const fail = (problems: string[], ok: string) => {
    if (problems.length) throw new Error(problems.join('; '));
    return ok;
  };

  await run('window-shown', async () => {
    if (!win.isVisible()) await within(30_000, 'ready-to-show', new Promise<void>((r) => win.once('ready-to-show', r)));
    // The preload has run and the bundle has loaded once the page is complete and the bridge is there.
    for (let waited = 0; ; waited += 200) {
      const state = (await page("({ ready: document.readyState, bridge: typeof window.oncall })")) as { ready?: string; bridge?: string } | undefined;
      if (state?.ready === 'complete' && state.bridge === 'object') return `page loaded from ${contents.getURL()}`;
      if (waited >= 15_000) throw new Error(`page not ready after 15 s: ${JSON.stringify(state)}`);
      await sleep(200);
    }
  });
  if (!checks[0]?.ok) return report(deps, checks, journal);

  await run('web-preferences', () => Promise.resolve(fail(webPreferenceProblems(contents.getLastWebPreferences?.() ?? null), 'contextIsolation and sandbox on; node integration and webview off')));
  await run('renderer-isolation', async () => fail(isolationProblems(await page(isolationProbe)), 'no require/process/module in the page; the bridge exposes invoke and on only'));
  await run('csp', async () => fail(cspProblems(await page(cspProbe)), 'CSP present, scripts from self only, eval refused'));
  await run('contract-round-trip', async () => {
    const info = (await page("window.oncall.invoke('app:info', {})")) as { ok?: boolean; value?: { face?: string; home?: string; version?: string }; error?: unknown };
    if (!info?.ok) throw new Error(`app:info answered ${JSON.stringify(info)}`);
    if (info.value?.face !== 'electron' || resolve(info.value.home ?? '') !== resolve(home)) throw new Error(`app:info says face ${info.value?.face}, home ${info.value?.home}; expected electron, ${home}`);
    return `app:info through the preload bridge: face electron, version ${info.value.version ?? '?'}`;
  });
  await run('journal-write', async () => {
    const text = `smoke test note ${deps.nonce}`;
    const written = (await page(`(async () => {
      const opened = await window.oncall.invoke('incidents:open', { title: ${JSON.stringify(`Smoke test ${deps.nonce}`)}, severity: 'P4' });
      if (!opened.ok) return { opened };
      const appended = await window.oncall.invoke('timeline:append', { kind: 'note', incidentId: opened.value.incident.id, text: ${JSON.stringify(text)} });
      return { opened, appended };
    })()`)) as { opened?: { ok: boolean; value?: { incident: { id: string } } }; appended?: { ok: boolean; value?: { entry: { id: string } } } };
    const incidentId = written.opened?.value?.incident.id;
    const entryId = written.appended?.value?.entry.id;
    if (!incidentId || !entryId) throw new Error(`incidents:open / timeline:append answered ${JSON.stringify(written)}`);
    journal = { incidentId, entryId, text };
    return `note ${entryId} on incident ${incidentId}`;
  });
  await run('navigation-blocked', async () => {
    const before = contents.getURL();
    const seen = new Promise<{ prevented: boolean; url: string }>((r) => contents.once('will-navigate', (event, url) => r({ prevented: event.defaultPrevented, url: event.url ?? url })));
    await page("location.href = 'https://smoke.invalid/'; 'asked'");
    const navigation = await within(5_000, 'will-navigate event', seen);
    await sleep(deps.settleMs ?? 500);
    const after = contents.getURL();
    if (!navigation.prevented) throw new Error(`will-navigate to ${navigation.url} was not prevented`);
    if (after !== before) throw new Error(`the window moved from ${before} to ${after}`);
    return `will-navigate to ${navigation.url} prevented; still on the bundled UI`;
  });
  await run('window-open-denied', async () => {
    const windows = deps.windowCount();
    // Not an http(s) URL: the open handler hands those to the system browser, which a CI run must not start.
    const opened = await page("window.open('about:blank', '_blank') === null");
    await sleep(deps.settleMs ?? 500);
    if (opened !== true) throw new Error('window.open returned a window');
    if (deps.windowCount() !== windows) throw new Error(`${deps.windowCount() - windows} new window(s) appeared`);
    return 'window.open returned null; no new window';
  });
  await run('bundled-ui', () => {
    // isTrustedSender answers only this exact file; a renderer loaded from elsewhere would get "forbidden".
    const expected = pathToFileURL(deps.rendererIndex);
    const actual = new URL(contents.getURL());
    const same = actual.protocol === 'file:' && actual.pathname === expected.pathname;
    return Promise.resolve(fail(same ? [] : [`the window shows ${actual.href}, expected ${expected.href}`], `loaded ${expected.href}`));
  });
  return report(deps, checks, journal);
}

function report(deps: SmokeDeps, checks: SmokeCheck[], journal: SmokeReport['journal']): SmokeReport {
  return { ok: checks.length > 0 && checks.every((c) => c.ok), electron: deps.electron, packaged: deps.packaged, checks, journal };
}

/**
 * Runs the checks once the window exists, writes the report into the smoke run's own home, and quits
 * through the normal path (the engine closes and flushes journal.db); a failure turns the exit code to 1.
 * Refuses to run without an explicit ONCALL_HOME, so a stray ONCALL_SMOKE=1 never writes a test
 * incident into someone's real journal.
 */
export function startSmoke(app: Pick<App, 'on' | 'quit' | 'exit'>, deps: SmokeDeps, env: NodeJS.ProcessEnv, deadlineMs = 90_000): void {
  if (!env.ONCALL_HOME || resolve(env.ONCALL_HOME) !== resolve(deps.home)) {
    console.error(`smoke: ${smokeEnv}=1 needs ONCALL_HOME set to a fresh folder (the home in use is ${deps.home}); not running`);
    app.exit(2);
    return;
  }
  const deadline = (err: unknown) => report(deps, [{ name: 'smoke-deadline', ok: false, detail: err instanceof Error ? err.message : String(err) }], null);
  void within(deadlineMs, 'end of the checks', runSmoke(deps)).then((result) => result, deadline).then((result) => {
    writeFileSync(join(deps.home, smokeReportFile), `${JSON.stringify(result, null, 2)}\n`);
    for (const c of result.checks) console.log(`smoke: ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    if (!result.ok) app.on('quit', () => app.exit(1));
    app.quit();
  });
}
