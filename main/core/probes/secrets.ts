import type { SecretRef, SecretResolver } from '../context';

/**
 * Secrets in probe headers are references, resolved when the request is sent and never written to
 * config.yml, the journal or an error message: `${env:NAME}` (an environment variable) or
 * `keychain:NAME` / `${keychain:NAME}` (the OS keychain in the app; an environment variable
 * `ONCALL_SECRET_NAME` in the CLI and browser mode, which have no keychain). The two types are declared
 * in context.ts, because a face passes its resolver in through FacePorts.
 */
export type { SecretRef, SecretResolver };

const refPattern = /\$\{(env|keychain):([A-Za-z_][A-Za-z0-9_.-]*)\}|^keychain:([A-Za-z_][A-Za-z0-9_.-]*)$/g;
/** True when a header value contains at least one secret reference. */
export const secretPattern = /\$\{(env|keychain):[A-Za-z_][A-Za-z0-9_.-]*\}|^keychain:[A-Za-z_][A-Za-z0-9_.-]*$/;

export class SecretError extends Error {}

/** Environment variables for both kinds; what the CLI and browser mode use. */
export function envSecretResolver(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return {
    resolve: (ref) => (ref.kind === 'env' ? env[ref.name] : env[`ONCALL_SECRET_${ref.name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()}`]),
  };
}

/** Replaces every reference in a header value; a missing secret fails the probe with its name, not a value. */
export async function resolveSecrets(value: string, resolver: SecretResolver): Promise<string> {
  const refs = [...value.matchAll(refPattern)];
  if (refs.length === 0) return value;
  let out = '';
  let last = 0;
  for (const m of refs) {
    const kind = (m[1] ?? 'keychain') as SecretRef['kind'];
    const name = m[2] ?? m[3] ?? '';
    const secret = await resolver.resolve({ kind, name });
    if (secret === undefined) {
      throw new SecretError(kind === 'env' ? `environment variable ${name} is not set` : `secret "${name}" is not in the keychain (in the CLI or browser mode set ONCALL_SECRET_${name.toUpperCase()})`);
    }
    out += value.slice(last, m.index) + secret;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + value.slice(last);
}
