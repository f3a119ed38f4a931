import { readFileSync } from 'node:fs';
import type pg from 'pg';

export interface Credentials {
  /** From the keychain or ONCALL_TEAM_PASSWORD; never from config.yml. */
  password: string | undefined;
}

/**
 * pg's client settings for a team URL. Parsed here, not by pg's connection string, so the password
 * comes only from the credentials and `sslmode` means what it means in libpq: verify-full checks
 * the certificate and the host name, verify-ca the certificate only, require encrypts without
 * checking, disable/allow/prefer connect in clear (pg cannot fall back from TLS).
 */
export function clientConfig(database: string, credentials: Credentials): pg.ClientConfig {
  const url = new URL(database);
  const mode = url.searchParams.get('sslmode') ?? 'prefer';
  const rootCert = url.searchParams.get('sslrootcert');
  const ca = rootCert ? readFileSync(rootCert, 'utf8') : undefined;
  const ssl: pg.ClientConfig['ssl'] =
    mode === 'verify-full'
      ? { rejectUnauthorized: true, ...(ca ? { ca } : {}) }
      : mode === 'verify-ca'
        ? { rejectUnauthorized: true, checkServerIdentity: () => undefined, ...(ca ? { ca } : {}) }
        : mode === 'require'
          ? { rejectUnauthorized: false }
          : false;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username),
    ...(credentials.password !== undefined ? { password: credentials.password } : {}),
    ssl,
    connectionTimeoutMillis: 5000,
    // A stalled hotel network must not hang a push forever.
    query_timeout: 15_000,
    application_name: 'oncall-console',
  };
}

export function teamPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ONCALL_TEAM_PASSWORD;
}
