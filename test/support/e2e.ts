import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot, startCliProcess } from './cli';
import { tempHome } from './temp-home';

export const screenshotDir = join(projectRoot, 'test/e2e/screenshots');

export interface Console {
  home: string;
  url: string;
  browser: Browser;
  page: Page;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `oncall serve` with a fresh --home, and Debian's Chromium (never a downloaded one) opened on the
 * printed URL. `prepareHome` may write config.yml, rules or runbooks before the server starts; `env`
 * adds to the server's environment (e.g. a HOME whose ~/.ssh the test controls); `home` reuses a data
 * directory the caller created and removes.
 */
export async function startConsole(options: { args?: string[]; prepareHome?: (home: string) => void; env?: NodeJS.ProcessEnv; home?: string } = {}): Promise<Console> {
  // A caller-owned home survives close(), so a test can restart the console on the same journal.
  const { home, cleanup } = options.home ? { home: options.home, cleanup: () => undefined } : tempHome('oncall-e2e-');
  options.prepareHome?.(home);
  const server = await startCliProcess(['--home', home, 'serve', ...(options.args ?? [])], /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/, options.env);
  const url = server.match[1]!;
  const profile = mkdtempSync(join(tmpdir(), 'oncall-chromium-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`].filter(
      // playwright passes its own user-data-dir for non-persistent contexts; keep ours out of its way
      (a) => !a.startsWith('--user-data-dir'),
    ),
    headless: true,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  mkdirSync(screenshotDir, { recursive: true });
  return {
    home,
    url,
    browser,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
    },
    close: async () => {
      await browser.close();
      await server.stop();
      rmSync(profile, { recursive: true, force: true });
      cleanup();
    },
  };
}
