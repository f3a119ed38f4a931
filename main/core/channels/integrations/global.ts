import { z } from 'zod';
import { httpConfigSchema, type HttpConfig } from './http';

/**
 * The parts of alertmanager.yml's `global:` block that delivery uses, with Alertmanager 0.25's
 * defaults (smtp_hello "localhost", smtp_require_tls true). Other keys (pagerduty_url, …) are
 * accepted and ignored: the console does not deliver those kinds.
 */
const str = z.string().optional();
const globalSchema = z
  .object({
    http_config: httpConfigSchema.optional(),
    smtp_from: str,
    smtp_hello: z.string().default('localhost'),
    smtp_smarthost: str,
    smtp_auth_username: str,
    smtp_auth_password: str,
    smtp_auth_password_file: str,
    smtp_auth_secret: str,
    smtp_auth_identity: str,
    smtp_require_tls: z.boolean().default(true),
    slack_api_url: str,
    slack_api_url_file: str,
  })
  .passthrough();

export type AmGlobal = z.output<typeof globalSchema> & { http_config?: HttpConfig | undefined };

export const defaultGlobal: AmGlobal = globalSchema.parse({});

export function parseGlobal(raw: unknown): { ok: true; global: AmGlobal } | { ok: false; message: string } {
  const parsed = globalSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, global: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `global.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
}
