import { existsSync, readFileSync } from 'node:fs';
import type { ResolvedOptions } from './state';

/** FIDO keys carry an `sk-` key type; ssh2 cannot sign with them. */
function isSecurityKey(file: string): boolean {
  try {
    const pub = `${file}.pub`;
    if (existsSync(pub)) return readFileSync(pub, 'utf8').trimStart().startsWith('sk-');
    const text = readFileSync(file, 'utf8');
    const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END/.exec(text)?.[1];
    return body !== undefined && Buffer.from(body.replace(/\s+/g, ''), 'base64').includes('sk-');
  } catch {
    return false;
  }
}

/**
 * Why ssh2 cannot make this connection and the system OpenSSH client must: certificates, FIDO
 * keys, smart cards, or GSSAPI as the only method left. Empty: ssh2 can.
 */
export function openSshReasons(options: ResolvedOptions, identityFiles: string[], certificateFiles: string[]): string[] {
  const reasons: string[] = [];
  if (certificateFiles.length > 0) reasons.push(`CertificateFile ${certificateFiles.join(' ')}`);
  for (const file of identityFiles) {
    if (!existsSync(file)) continue;
    // ssh offers FILE-cert.pub next to a key on its own.
    if (existsSync(`${file}-cert.pub`)) reasons.push(`user certificate ${file}-cert.pub`);
    if (isSecurityKey(file)) reasons.push(`FIDO (sk-) key ${file}`);
  }
  if (options.pkcs11provider !== null) reasons.push(`PKCS11Provider ${options.pkcs11provider}`);
  // Debian's /etc/ssh/ssh_config turns GSSAPI on for every host; it is needed only when nothing else may be tried.
  if (options.gssapiauthentication && !options.pubkeyauthentication && !options.passwordauthentication && !options.kbdinteractiveauthentication) reasons.push('GSSAPIAuthentication yes is the only method allowed');
  return reasons;
}
