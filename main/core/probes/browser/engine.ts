import type { ErrorKind } from '../runner';

/**
 * The port a real browser engine implements for `kind: browser` targets: Chromium through
 * playwright-core in browser mode and the CLI (chromium.ts), a hidden sandboxed BrowserWindow in the
 * Electron app (main/electron/browser-probe.ts). Every visit starts from nothing (no cookies, no
 * storage, no cache) and the prober (prober.ts) asks for one visit at a time.
 */
export interface BrowserEngine {
  /** Loads the page and waits for the load event or the timeout; never throws for the page's own failures. */
  visit(url: string, options: VisitOptions): Promise<PageVisit>;
  /** Releases the browser (the app is quitting, or no browser target is left). */
  close(): Promise<void>;
}

export interface VisitOptions {
  timeoutMs: number;
  /** Accept an untrusted TLS certificate. */
  insecure: boolean;
}

/** One page, still open so a failed check can take its screenshot; dispose() always follows. */
export interface PageVisit {
  measures: PageMeasures;
  /** PNG bytes of the viewport, or null when the engine could not take one. */
  screenshot(): Promise<Buffer | null>;
  dispose(): Promise<void>;
}

export interface PageMeasures {
  /** The main document's HTTP status; null when no response came. */
  status: number | null;
  /** Navigation start to the load event (the elapsed time when it never came). */
  pageLoadMs: number;
  lcpMs: number | null;
  /** Uncaught errors and console.error calls, as text, in order. */
  jsErrors: string[];
  /** Sub-requests without an answer or with a status >= 400: `404 http://…/x.png`, `net::ERR_… http://…`. */
  failedRequests: string[];
  /** document.body.innerText ('' for a white page). */
  bodyText: string;
  /** Why the page did not load (timeout, refused, DNS…); null when the load event fired. */
  error: string | null;
  errorKind: ErrorKind | null;
}

/**
 * Read in the page once the load event fired. LCP comes from a buffered PerformanceObserver
 * (Chromium does not list it in getEntriesByType). Kept as a string so both engines
 * evaluate the very same code in the page.
 */
export const collectScript = `(async () => {
  const pause = (ms) => () => new Promise((resolve) => setTimeout(resolve, ms));
  const frames = () => Promise.race([
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    pause(300)(),
  ]);
  const nav = performance.getEntriesByType('navigation')[0];
  let lcp = null;
  try {
    let entries = [];
    const observer = new PerformanceObserver((list) => { entries = entries.concat(list.getEntries()); });
    observer.observe({ type: 'largest-contentful-paint', buffered: true });
    entries = entries.concat(observer.takeRecords());
    // The buffered entries may come through the callback a task later, and the load event can come
    // before the first paint: give the page two frames (capped, since a hidden page may get none),
    // then a little more, before deciding it painted nothing contentful.
    for (const wait of [frames, pause(100)]) {
      if (entries.length > 0) break;
      await wait();
    }
    observer.disconnect();
    const last = entries[entries.length - 1];
    if (last) lcp = last.renderTime || last.loadTime || last.startTime;
  } catch (err) {
    lcp = null;
  }
  return {
    loadMs: nav && nav.loadEventStart > 0 ? nav.loadEventStart : null,
    lcpMs: lcp,
    bodyText: document.body ? document.body.innerText : '',
  };
})()`;

export interface CollectedInPage {
  loadMs: number | null;
  lcpMs: number | null;
  bodyText: string;
}

/** Chromium's network error names mapped to the probe error kinds the scheduler reasons about. */
export function netErrorKind(message: string): ErrorKind {
  if (/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/.test(message)) return 'dns';
  if (/ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/.test(message)) return 'refused';
  if (/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_ACCESS_DENIED/.test(message)) return 'network';
  if (/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT|Timeout \d+ms exceeded/i.test(message)) return 'timeout';
  if (/ERR_CERT|ERR_SSL/.test(message)) return 'tls';
  return 'other';
}

/**
 * Chromium logs "Failed to load resource: …" to the console for every failed sub-request. Those are
 * the network's failures, counted by [FAILED_REQUESTS]; [JS_ERRORS] counts the page's scripts only.
 */
export function isNetworkLogLine(text: string): boolean {
  return text.startsWith('Failed to load resource:');
}

/** The measures of one visit, from what the page reported (null when it never answered) and what the engine saw around it. */
export function pageMeasures(seen: { status: number | null; elapsedMs: number; jsErrors: string[]; failedRequests: string[]; error: string | null }, collected: CollectedInPage | null): PageMeasures {
  const { error } = seen;
  return {
    status: seen.status,
    pageLoadMs: collected?.loadMs ?? seen.elapsedMs,
    lcpMs: collected?.lcpMs ?? null,
    jsErrors: seen.jsErrors,
    failedRequests: seen.failedRequests,
    bodyText: collected?.bodyText ?? '',
    error,
    errorKind: error === null ? null : error.startsWith('no load event') ? 'timeout' : netErrorKind(error),
  };
}
