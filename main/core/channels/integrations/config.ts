import type { z } from 'zod';
import { PermanentError } from './result';

/** Reads one integration's config as written in alertmanager.yml; a mistake names the field. */
export function readConfig<S extends z.ZodType>(schema: S, raw: unknown, kind: string): z.output<S> {
  const parsed = schema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(config)';
  throw new PermanentError(`${kind}_configs: ${field}: ${issue?.message ?? 'invalid'}`);
}

/** The header a receiver can drop a repeated message by: stable across retries of one message. */
export const idempotencyHeader = 'idempotency-key';
