import type { Browser, Page } from 'playwright-core';
import { chromiumArgs, findChromium } from './find-chromium';
import { collectScript, isNetworkLogLine, pageMeasures, type BrowserEngine, type CollectedInPage, type PageMeasures, type PageVisit, type VisitOptions } from './engine';

export interface ChromiumEngineOptions {
  /** config.yml's `browser.executable`; else the first Chromium on PATH. */
  executable?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Close the browser after this long without a visit (a 1-minute target keeps it warm). */
  idleCloseMs?: number;
}

const viewport = { width: 1280, height: 800 };

/**
 * The user's Chromium through playwright-core, for browser mode and the CLI. One browser process is
 * kept while visits keep coming (starting Chromium costs about a second); each visit gets a new
 * browser context, Chromium's equivalent of a fresh incognito profile, so no cookie, storage or
 * cache survives from one check to the next.
 */
export function createChromiumEngine(options: ChromiumEngineOptions = {}): BrowserEngine {
  let browser: Promise<Browser> | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  const idleCloseMs = options.idleCloseMs ?? 120_000;

  const launch = async (): Promise<Browser> => {
    const executablePath = findChromium(options.executable, options.env);
    const { chromium } = await import('playwright-core');
    const launched = await chromium.launch({ executablePath, headless: true, args: chromiumArgs() });
    // A crashed or killed browser is started again on the next visit.
    launched.on('disconnected', () => {
      if (live === launched) browser = live = null;
    });
    live = launched;
    return launched;
  };
  let live: Browser | null = null;

  const current = (): Promise<Browser> => {
    if (!browser) {
      const starting = launch();
      browser = starting;
      starting.catch(() => {
        if (browser === starting) browser = null;
      });
    }
    return browser;
  };

  const armIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void close(), idleCloseMs);
    idleTimer.unref();
  };

  const close = async (): Promise<void> => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const closing = browser;
    browser = live = null;
    if (closing) await closing.then((b) => b.close()).catch(() => undefined);
  };

  return {
    async visit(url, visitOptions) {
      if (idleTimer) clearTimeout(idleTimer);
      const b = await current();
      const context = await b.newContext({ viewport, ignoreHTTPSErrors: visitOptions.insecure, serviceWorkers: 'block' });
      const page = await context.newPage();
      const measures = await load(page, url, visitOptions);
      return {
        measures,
        screenshot: () => page.screenshot({ timeout: 5_000 }).catch(() => null),
        dispose: async () => {
          await context.close().catch(() => undefined);
          armIdle();
        },
      } satisfies PageVisit;
    },
    close,
  };
}

async function load(page: Page, url: string, options: VisitOptions): Promise<PageMeasures> {
  const jsErrors: string[] = [];
  const failedRequests: string[] = [];
  let status: number | null = null;
  page.on('pageerror', (err) => jsErrors.push(`Uncaught ${err.name}: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isNetworkLogLine(message.text())) jsErrors.push(message.text());
  });
  page.on('response', (response) => {
    const request = response.request();
    // The main document's status is [STATUS]; after a redirect the last one counts.
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) status = response.status();
    else if (response.status() >= 400) failedRequests.push(`${response.status()} ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
    failedRequests.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`);
  });
  const started = performance.now();
  let error: string | null = null;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
  } catch (err) {
    const text = firstLine((err as Error).message).replace(/^page\.goto: /, '');
    error = (err as Error).name === 'TimeoutError' ? `no load event within ${options.timeoutMs} ms` : text;
  }
  const elapsed = performance.now() - started;
  const collected = status === null ? null : await collect(page);
  return pageMeasures({ status, elapsedMs: elapsed, jsErrors, failedRequests, error }, collected);
}

/** Reads timings and text in the page; a page whose script never yields gets 5 s, then nothing. */
async function collect(page: Page): Promise<CollectedInPage | null> {
  const gaveUp = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000).unref());
  return Promise.race([page.evaluate<CollectedInPage>(collectScript).catch(() => null), gaveUp]);
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}
