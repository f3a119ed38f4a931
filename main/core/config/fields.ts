import { z } from 'zod';
import { parseDuration } from '../shared/duration';

/** A duration written as text in YAML (`30s`, `5m`), parsed to milliseconds. */
export const durationField = z.string().transform((text, ctx) => {
  try {
    return parseDuration(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/** An absolute http(s) URL. */
export const httpUrlField = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'expected an http:// or https:// URL');

/** Names users type and see in alerts: short, no surprises in labels or file names. */
export const nameField = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use letters, digits, "-", "_" or "." (max 64)');
