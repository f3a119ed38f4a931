import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SshEndpoint } from './host-resolve';

/** One usable line of a known_hosts file. */
export interface KnownHostLine {
  file: string;
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  /** The host field as written: comma-separated patterns, or one `|1|salt|hash` entry. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

export type HostKeyStatus =
  /** The key is on record for this host. */
  | { status: 'known'; file: string; line: number }
  /** No key of this type is on record for this host: the user must decide. */
  | { status: 'unknown'; otherTypes: string[] }
  /** A different key of the same type is on record: possibly a man-in-the-middle; refused. */
  | { status: 'changed'; file: string; line: number }
  /** The key is marked @revoked. */
  | { status: 'revoked'; file: string; line: number };

/** `host` for port 22, `[host]:port` otherwise: the name OpenSSH records and hashes. */
export function knownHostsName(hostname: string, port: number): string {
  return port === 22 ? hostname : `[${hostname}]:${port}`;
}

/** SHA256 fingerprint as OpenSSH prints it (`SHA256:` + unpadded base64). */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name at the start of an SSH public-key blob (`ssh-ed25519`, `ssh-rsa`...). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  if (len > blob.length - 4 || len > 64) return 'unknown';
  return blob.subarray(4, 4 + len).toString('latin1');
}

export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostLine['marker'] = null;
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else return;
    }
    const [hosts, keyType, keyText] = fields;
    if (!hosts || !keyType || !keyText) return;
    const key = Buffer.from(keyText, 'base64');
    if (key.length === 0) return;
    out.push({ file, line: index + 1, marker, hosts, keyType, key });
  });
  return out;
}

/** Glob with `*` and `?`, as OpenSSH's match_pattern. */
function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(text);
}

/** Whether a known_hosts host field names this host (plain pattern lists and hashed `|1|` entries). */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      // A negated pattern vetoes the whole line, as in OpenSSH.
      if (globMatch(pattern.slice(1), name)) return false;
    } else if (globMatch(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * The name a host is recorded under: HostKeyAlias when set (bare, as OpenSSH uses it), otherwise
 * `host` or `[host]:port`.
 */
export function hostKeyName(endpoint: Pick<SshEndpoint, 'hostname' | 'port' | 'hostKeyAlias'>): string {
  return endpoint.hostKeyAlias ?? knownHostsName(endpoint.hostname, endpoint.port);
}

/**
 * The files a host's key is looked up in: UserKnownHostsFile (`/dev/null` and `none` read as
 * nothing), GlobalKnownHostsFile, then the app's own file, which only the console writes.
 */
export function knownHostsFilesFor(endpoint: Pick<SshEndpoint, 'userKnownHostsFiles' | 'globalKnownHostsFiles'>, appFile: string): string[] {
  const readable = (f: string) => f !== '/dev/null' && f.toLowerCase() !== 'none';
  return [...new Set([...endpoint.userKnownHostsFiles.filter(readable), ...endpoint.globalKnownHostsFiles.filter(readable), appFile])];
}

/** Checks a presented key against lines read from every known_hosts file, under the name from hostKeyName. */
export function checkHostKey(lines: readonly KnownHostLine[], name: string, keyBlob: Buffer): HostKeyStatus {
  const keyType = keyTypeOfBlob(keyBlob);
  const forHost = lines.filter((l) => l.marker !== 'cert-authority' && hostFieldMatches(l.hosts, name));
  const revoked = forHost.find((l) => l.marker === 'revoked' && l.key.equals(keyBlob));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
  const plain = forHost.filter((l) => l.marker === null);
  const same = plain.find((l) => l.key.equals(keyBlob));
  if (same) return { status: 'known', file: same.file, line: same.line };
  const changed = plain.find((l) => l.keyType === keyType);
  if (changed) return { status: 'changed', file: changed.file, line: changed.line };
  return { status: 'unknown', otherTypes: [...new Set(plain.map((l) => l.keyType))] };
}

/** Key types on record for a host, so the handshake can prefer a key we can actually verify. */
export function knownKeyTypes(lines: readonly KnownHostLine[], name: string): string[] {
  return [...new Set(lines.filter((l) => l.marker === null && hostFieldMatches(l.hosts, name)).map((l) => l.keyType))];
}

/**
 * `@cert-authority` lines for a host. OpenSSH looks a certificate up under `[host]:port` and then
 * under the bare host name, so both are tried.
 */
export function certAuthoritiesFor(lines: readonly KnownHostLine[], name: string): KnownHostLine[] {
  const bare = /^\[(.+)\]:\d+$/.exec(name)?.[1];
  return lines.filter((l) => l.marker === 'cert-authority' && (hostFieldMatches(l.hosts, name) || (bare !== undefined && hostFieldMatches(l.hosts, bare))));
}

/** Reads the user's and the app's known_hosts files; a missing file is simply empty. */
export function readKnownHosts(files: readonly string[]): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    out.push(...parseKnownHosts(readFileSync(file, 'utf8'), file));
  }
  return out;
}

/**
 * Records a key the user chose to trust in the app's own file. The user's ~/.ssh/known_hosts is
 * never written: the console must not change what plain `ssh` trusts.
 */
export function appendTrustedKey(file: string, name: string, keyBlob: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${name} ${keyTypeOfBlob(keyBlob)} ${keyBlob.toString('base64')}\n`, { mode: 0o600 });
}
