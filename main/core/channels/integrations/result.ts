import type { DeliveryResult } from '../message';

/**
 * How a failed send is classified for the outbox. Trying again helps when the server or the
 * network failed (5xx, 408, 429, resets, timeouts); it cannot help when the request itself is
 * wrong (other 4xx), a template does not render, or a secret is missing.
 */

const maxAnswer = 500;

/** Server text kept for the record: one line per line, bounded, so a 5 MB error page stays small. */
export function clip(text: string): string {
  const flat = text.replace(/\r\n/g, '\n').trim();
  return flat.length > maxAnswer ? `${flat.slice(0, maxAnswer)}…` : flat;
}

export function httpRetryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Not retryable: a mistake in the config or the message that the next try would repeat. */
export class PermanentError extends Error {}

export function failure(answer: string, retryable: boolean, extra: Partial<DeliveryResult> = {}): DeliveryResult {
  return { ok: false, retryable, answer: clip(answer), ...extra };
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
