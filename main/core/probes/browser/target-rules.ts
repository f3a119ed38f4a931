/**
 * What `kind: browser` changes about a target: a page load is heavy (a renderer, a screenshot on
 * failure), so the interval floor is one minute and the default timeout 30 s instead of 5 s.
 */

export const browserIntervalFloorMs = 60_000;
export const browserDefaultTimeout = '30s';

/** Placeholders only a page load can fill in. */
export const browserPlaceholders = ['[PAGE_LOAD]', '[LCP]', '[JS_ERRORS]', '[FAILED_REQUESTS]'] as const;

/** Gives a browser target its own default timeout before the schema applies the general one. */
export function withBrowserDefaults(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const target = raw as Record<string, unknown>;
  if (target.kind !== 'browser' || target.timeout !== undefined) return raw;
  return { ...target, timeout: browserDefaultTimeout };
}

export interface TargetIssue {
  path: (string | number)[];
  message: string;
}

/** The checks a browser target adds (the path names the field, so config errors show file:line:field). */
export function browserTargetIssues(t: { kind?: string | undefined; url: string; interval: number; method: string; body?: string | undefined; headers: Record<string, string> }): TargetIssue[] {
  if (t.kind === undefined) return [];
  const issues: TargetIssue[] = [];
  const tcp = t.url.startsWith('tcp:');
  if (t.kind === 'tcp' && !tcp) issues.push({ path: ['url'], message: 'kind: tcp needs a tcp://host:port URL' });
  if (t.kind !== 'tcp' && tcp) issues.push({ path: ['url'], message: `kind: ${t.kind} needs an http:// or https:// URL` });
  if (t.kind !== 'browser') return issues;
  if (t.interval < browserIntervalFloorMs) issues.push({ path: ['interval'], message: 'a browser target is checked at most once a minute: interval must be at least 1m' });
  if (t.method !== 'GET' || t.body !== undefined) issues.push({ path: ['method'], message: 'a browser target loads the page with GET; method and body do not apply' });
  if (Object.keys(t.headers).length > 0) issues.push({ path: ['headers'], message: 'a browser target sends what the browser sends; headers do not apply' });
  return issues;
}

/** The browser-only placeholders a condition uses, as written. */
export function browserPlaceholdersIn(condition: string): string[] {
  const words = condition.match(/\[[A-Za-z_]+\]/g) ?? [];
  return [...new Set(words.filter((w) => (browserPlaceholders as readonly string[]).includes(w.toUpperCase())))];
}
