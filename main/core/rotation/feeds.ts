import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RotationFeed } from './config';
import { assertCalendar } from './ical';

export interface FeedText {
  text: string;
  /** When the text was fetched (or the file last changed). */
  fetchedAt: number;
  /** Set when the feed could not be refreshed and the last good copy is used. */
  stale?: string;
}

export interface FeedDeps {
  now: () => number;
  /** Where the last good copy of each URL feed is kept (the home's rotation-feeds/). */
  cacheDir: string;
  /** config.yml's folder: `file:` feeds are relative to it. */
  configDir: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * A feed's text: `file:` is read as it is; `url:` is fetched when the cached copy is older than
 * `refreshMinutes`, and a failed fetch (hotel Wi-Fi) falls back to the last good copy, marked
 * stale, so `oncall who` still answers offline.
 */
export async function loadFeed(feed: RotationFeed, deps: FeedDeps): Promise<FeedText> {
  if (feed.file !== undefined) {
    const path = resolve(deps.configDir, feed.file);
    return { text: readFileSync(path, 'utf8'), fetchedAt: statSync(path).mtimeMs };
  }
  const cache = join(deps.cacheDir, `${feed.name}.ics`);
  const cached = readCache(cache);
  if (cached && deps.now() - cached.fetchedAt < feed.refreshMinutes * 60_000) return cached;
  try {
    const res = await (deps.fetch ?? fetch)(feed.url!, { signal: AbortSignal.timeout(deps.timeoutMs ?? 5000) });
    if (!res.ok) throw new Error(`HTTP ${String(res.status)}`);
    const text = await res.text();
    assertCalendar(text);
    mkdirSync(deps.cacheDir, { recursive: true });
    writeFileSync(`${cache}.tmp`, text);
    // The copy's mtime is when it was fetched, on the same clock that judges its age.
    utimesSync(`${cache}.tmp`, deps.now() / 1000, deps.now() / 1000);
    renameSync(`${cache}.tmp`, cache);
    return { text, fetchedAt: deps.now() };
  } catch (err) {
    // The URL may carry a secret token (PagerDuty's feeds do): name the feed, never print the URL.
    const reason = `feed "${feed.name}" could not be refreshed: ${(err as Error).message}`;
    if (cached) return { ...cached, stale: reason };
    throw new Error(`${reason}, and there is no earlier copy`, { cause: err });
  }
}

function readCache(path: string): FeedText | null {
  try {
    return { text: readFileSync(path, 'utf8'), fetchedAt: statSync(path).mtimeMs };
  } catch {
    return null;
  }
}
