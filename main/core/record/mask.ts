import { StreamMasker } from '../runbooks/exec/stream-mask';
import { isSensitiveName, redactUrl } from '../shared/redact';

/**
 * Environment values that must never reach the journal: those of variables whose name says they hold
 * a credential (GITHUB_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY). Shorter values than this would
 * mask ordinary words everywhere (AUTH_MODE=basic); real tokens and passwords are longer.
 */
const minSecretLength = 6;

/**
 * Names that match the credential pattern without holding one (PWD is the working directory, not a
 * password; SSH_AUTH_SOCK and XAUTHORITY are file paths): masking them would hide every path.
 */
function notSecret(name: string, value: string): boolean {
  return name === 'PWD' || name === 'OLDPWD' || value.startsWith('/');
}

export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => value !== undefined && value.length >= minSecretLength && isSensitiveName(name) && !notSecret(name, value))
    .map(([, value]) => value as string);
  // Longest first, so a secret that contains another is masked whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

const urls = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`]+/gi;

/**
 * Masks text as runbook step output is masked (the runbooks' masker, `***` for each secret value),
 * then credentials in every URL in it (`https://user:***@host`, `?token=***`).
 */
export function maskRecorded(text: string, secrets: readonly string[]): string {
  const masker = new StreamMasker(secrets);
  const masked = masker.push(text) + masker.end();
  return masked.replace(urls, (url) => redactUrl(url));
}
