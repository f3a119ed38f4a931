/**
 * URLs the user configured may carry credentials (`https://user:pass@host`, `?token=…`). Wherever
 * such a URL is shown, stored or put into a message (alerts, history, the journal, notifications,
 * logs) it goes through here first. The host and path stay readable; the secret parts become `***`.
 */

// Query parameters that by name hold a credential.
const sensitiveParam = /token|secret|password|passwd|pwd|api[-_]?key|apikey|auth|signature|^sig$|^key$/i;

/** Whether a name (query parameter, environment variable) says its value is a credential. */
export function isSensitiveName(name: string): boolean {
  return sensitiveParam.test(name);
}

export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return redactUrlsIn(text);
  }
  if (!url.username && !url.password && ![...url.searchParams.keys()].some((k) => sensitiveParam.test(k))) return text;
  if (url.password) url.password = '***';
  else if (url.username) url.username = '***';
  for (const key of [...url.searchParams.keys()]) if (sensitiveParam.test(key)) url.searchParams.set(key, '***');
  // URLSearchParams encodes `*`; keep the mask readable.
  return url.href.replace(/%2A%2A%2A/g, '***');
}

/** Redacts every `scheme://user:pass@` found in free text (error messages that quote a URL). */
export function redactUrlsIn(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#@]*)@/gi, '$1$2:***@');
}

/** A URL with its credentials moved out: the bare URL and, when it had any, a Basic authorization header. */
export function splitCredentials(text: string): { url: string; authorization?: string } {
  const url = new URL(text);
  if (!url.username && !url.password) return { url: text };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.href, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
