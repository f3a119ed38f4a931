import { createHash } from 'node:crypto';

/** What `%` tokens stand for while a host is being resolved (ssh.c and readconf.c fill the same set). */
export interface TokenValues {
  /** %h: the remote host name as resolved so far. */
  host: string;
  /** %n: the name as given on the command line. */
  originalHost: string;
  port: number;
  /** %r */
  remoteUser: string;
  /** %u */
  localUser: string;
  /** %d: the local user's home directory (from the password database, as ssh uses). */
  home: string;
  /** %l: gethostname(); %L is it up to the first dot. */
  localHost: string;
  /** %i */
  uid: number;
  /** %k: HostKeyAlias if set, else the original host. */
  keyAlias: string;
}

/** The subsets each keyword accepts, from ssh_config(5) TOKENS. */
export const hostnameTokens = 'h';
export const proxyTokens = 'hnpr';
export const fileTokens = 'CdhikLlnpru';

/** %C: SHA-1 of %l%h%p%r, hex (OpenSSH 9.2's ssh_connection_hash). */
export function connectionHash(v: TokenValues): string {
  return createHash('sha1').update(v.localHost + v.host + String(v.port) + v.remoteUser).digest('hex');
}

function tokenValue(token: string, v: TokenValues): string {
  switch (token) {
    case 'C':
      return connectionHash(v);
    case 'd':
      return v.home;
    case 'h':
      return v.host;
    case 'i':
      return String(v.uid);
    case 'k':
      return v.keyAlias;
    case 'L':
      return v.localHost.split('.')[0] ?? v.localHost;
    case 'l':
      return v.localHost;
    case 'n':
      return v.originalHost;
    case 'p':
      return String(v.port);
    case 'r':
      return v.remoteUser;
    case 'u':
      return v.localUser;
    default:
      throw new Error(`unknown token %${token}`);
  }
}

/** percent_expand: `%%` is `%`; a token outside `allowed` or a trailing `%` is an error, as ssh makes it fatal. */
export function percentExpand(text: string, allowed: string, v: TokenValues): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c !== '%') {
      out += c;
      continue;
    }
    const token = text.charAt(++i);
    if (token === '') throw new Error(`invalid format "${text}": trailing %`);
    if (token === '%') out += '%';
    else if (allowed.includes(token)) out += tokenValue(token, v);
    else throw new Error(`unknown token %${token} in "${text}"`);
  }
  return out;
}

/** `${NAME}` from the environment (IdentityFile, CertificateFile, UserKnownHostsFile); unset is an error. */
export function dollarExpand(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`env var \${${name}} has no value`);
    return value;
  });
}

/** tilde_expand_filename for the current user: `~` and `~/x` use the password-database home. */
export function tildeExpand(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home.replace(/\/$/, '')}/${path.slice(2)}`;
  return path;
}

/** What ssh does to IdentityFile, CertificateFile and UserKnownHostsFile values before using them. */
export function expandFilePath(path: string, v: TokenValues, env: Readonly<Record<string, string | undefined>>): string {
  return percentExpand(dollarExpand(tildeExpand(path, v.home), env), fileTokens, v);
}
