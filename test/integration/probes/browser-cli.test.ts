import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oncallBin } from '../../support/cli';
import { tempHome } from '../../support/temp-home';
import { startPages, type PagesServer } from './browser-pages';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let pages: PagesServer;
let home: { home: string; cleanup: () => void };

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  if (!existsSync(oncallBin)) throw new Error(`${oncallBin} is missing: run npm run build first`);
  pages = await startPages();
  home = tempHome();
});
afterAll(async () => {
  await pages?.close();
  home?.cleanup();
});

/** The built CLI as its own process; asynchronous, since the pages it loads are served by this process. */
function oncall(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [oncallBin, '--home', home.home, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('oncall probe URL --browser', () => {
  it('a healthy page: the placeholders and each verdict, exit 0', async () => {
    const r = await oncall(['probe', pages.url('/healthy'), '--browser', '--executable', chromiumPath, '--condition', '[BODY] == pat(*Welcome*)', '--condition', '[JS_ERRORS] == 0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^UP {2}http:\/\/127\.0\.0\.1:\d+\/healthy {2}HTTP 200 {2}\d+ ms\n/);
    expect(r.stdout).toMatch(/\[STATUS\] 200 {2}\[PAGE_LOAD\] \d+ {2}\[LCP\] \d+ {2}\[JS_ERRORS\] 0 {2}\[FAILED_REQUESTS\] 0 {2}\[BODY\] \d+ characters/);
    // Gatus shortens a pattern-matched side to 25 characters in the verdict.
    expect(r.stdout).toContain('  ok    [BODY] (Welcome to the shop\n\nAll ...(truncated)) == pat(*Welcome*)');
    expect(r.stdout).toContain('  ok    [JS_ERRORS] (0) == 0');
    expect(r.stdout).not.toContain('evidence:');
  });

  it('a page that throws, --json: values, verdicts and the evidence folder, exit 1', async () => {
    const r = await oncall(['probe', pages.url('/throws'), '--browser', '--condition', '[JS_ERRORS] == 0', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; status: number; jsErrors: number; jsErrorTexts: string[]; conditions: { ok: boolean; detail: string }[]; evidence: { dir: string } | null };
    expect(out.ok).toBe(false);
    expect(out.status).toBe(200);
    expect(out.jsErrors).toBe(2);
    expect(out.jsErrorTexts).toContain('Uncaught Error: checkout is undefined');
    expect(out.conditions).toEqual([{ condition: '[JS_ERRORS] == 0', ok: false, detail: '[JS_ERRORS] (2) == 0' }]);
    expect(out.evidence?.dir.startsWith(join(home.home, 'evidence', 'browser', 'probe'))).toBe(true);
    expect(readdirSync(out.evidence!.dir).sort()).toEqual(['console-errors.txt', 'screenshot.png']);
    expect(readFileSync(join(out.evidence!.dir, 'console-errors.txt'), 'utf8')).toContain('cart service said no');
  });

  it('--method and --header are refused with --browser (exit 2)', async () => {
    const r = await oncall(['probe', pages.url('/healthy'), '--browser', '--method', 'POST']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--method and --header do not apply');
  });
});
