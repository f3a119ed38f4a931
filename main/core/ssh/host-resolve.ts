import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { AppError } from '../shared/errors';

/** One machine to connect to, fully resolved. */
export interface SshEndpoint {
  /** The name the runbook or the user wrote (`api-prod`). */
  alias: string;
  hostname: string;
  port: number;
  user: string;
  /** Private key files to offer, in order (after the agent). */
  identityFiles: string[];
  /** `IdentitiesOnly yes`: offer only identityFiles, not every key the agent holds. */
  identitiesOnly: boolean;
  /** `CertificateFile` entries, token-expanded. */
  certificateFiles: string[];
  /** `ProxyCommand`, token-expanded; null for none. Its stdin/stdout is the connection. */
  proxyCommand: string | null;
  /** `HostKeyAlias`: the name looked up in known_hosts instead of the host name. */
  hostKeyAlias: string | null;
  /** `UserKnownHostsFile` (default ~/.ssh/known_hosts ~/.ssh/known_hosts2), `/dev/null` kept as written. */
  userKnownHostsFiles: string[];
  /** `GlobalKnownHostsFile` (default /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2). */
  globalKnownHostsFiles: string[];
  /** `StrictHostKeyChecking`, normalised as `ssh -G` prints it (`true` is `yes`, `false` is `no`). */
  strictHostKeyChecking: 'yes' | 'no' | 'ask' | 'accept-new';
  /** Why this host needs the system OpenSSH client (certificates, FIDO keys, PKCS11, GSSAPI); empty: ssh2 can do it. */
  needsOpenSsh: string[];
}

/** A target and the jump hosts in front of it, outermost first. */
export interface ResolvedHost extends SshEndpoint {
  jumps: SshEndpoint[];
}

export interface ConfiguredHost {
  name: string;
  hostname: string;
  user?: string | undefined;
  port: number;
  identityFile?: string | undefined;
  proxyJump?: string | undefined;
}

export interface HostSources {
  /** `ssh.hosts` from config.yml. */
  hosts: readonly ConfiguredHost[];
  /** The user's ~/.ssh folder (config, known_hosts, default keys). */
  sshDir: string;
  /** Whether ~/.ssh/config is read at all. */
  useSshConfig: boolean;
}

export function defaultSshDir(): string {
  return join(homedir(), '.ssh');
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}

/** `~` and the common OpenSSH `%` tokens in IdentityFile paths. */
export function expandPath(path: string, vars: { hostname: string; user: string }): string {
  const home = homedir();
  const withHome = path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
  return withHome.replace(/%([%dhru])/g, (_m, token: string) => {
    switch (token) {
      case 'd':
        return home;
      case 'h':
        return vars.hostname;
      case 'r':
        return vars.user;
      case 'u':
        return localUser();
      default:
        return '%';
    }
  });
}

type Computed = Record<string, string | string[] | undefined>;

function readSshConfig(sshDir: string): SSHConfig | null {
  const file = join(sshDir, 'config');
  if (!existsSync(file)) return null;
  return SSHConfig.parse(readFileSync(file, 'utf8'));
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Splits `user@host:port` (or `ssh://user@host:port`) as ProxyJump and ad-hoc targets are written. */
export function parseDestination(text: string): { user?: string; host: string; port?: number } {
  const spec = text.replace(/^ssh:\/\//, '');
  const at = spec.lastIndexOf('@');
  const user = at >= 0 ? spec.slice(0, at) : undefined;
  let host = at >= 0 ? spec.slice(at + 1) : spec;
  let port: number | undefined;
  const bracket = /^\[(.+)\](?::(\d+))?$/.exec(host);
  if (bracket) {
    host = bracket[1] ?? host;
    port = bracket[2] ? Number(bracket[2]) : undefined;
  } else {
    const colon = /^([^:]+):(\d+)$/.exec(host);
    if (colon) {
      host = colon[1] ?? host;
      port = Number(colon[2]);
    }
  }
  return { ...(user ? { user } : {}), host, ...(port ? { port } : {}) };
}

const maxJumpDepth = 8;

type EndpointBasics = Pick<SshEndpoint, 'alias' | 'hostname' | 'port' | 'user' | 'identityFiles'>;

/** An endpoint with OpenSSH's defaults for everything ~/.ssh/config did not set. */
export function endpoint(basics: EndpointBasics & Partial<SshEndpoint>, sshDir = defaultSshDir()): SshEndpoint {
  return {
    identitiesOnly: false,
    certificateFiles: [],
    proxyCommand: null,
    hostKeyAlias: null,
    userKnownHostsFiles: [join(sshDir, 'known_hosts'), join(sshDir, 'known_hosts2')],
    globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    strictHostKeyChecking: 'ask',
    needsOpenSsh: [],
    ...basics,
  };
}

/**
 * Resolves a host name the way the user expects: config.yml first, then ~/.ssh/config (HostName,
 * User, Port, IdentityFile, ProxyJump), then a literal `user@host:port`.
 */
export function resolveHost(name: string, sources: HostSources): ResolvedHost {
  const sshConfig = sources.useSshConfig ? readSshConfig(sources.sshDir) : null;
  return resolveWith(name, sources, sshConfig, 0);
}

function resolveWith(name: string, sources: HostSources, sshConfig: SSHConfig | null, depth: number): ResolvedHost {
  if (depth > maxJumpDepth) throw new AppError('invalid_input', `ProxyJump chain for "${name}" is longer than ${maxJumpDepth} hops (a loop?)`);
  const dest = parseDestination(name);
  const configured = sources.hosts.find((h) => h.name === name || h.name === dest.host);
  const lookupName = configured ? configured.hostname : dest.host;
  const computed: Computed = sshConfig ? (sshConfig.compute(configured?.name ?? dest.host)) : {};
  const hostname = configured?.hostname ?? first(computed.HostName) ?? lookupName;
  const portText = first(computed.Port);
  const port = dest.port ?? (configured ? configured.port : portText ? Number(portText) : 22);
  const user = dest.user ?? configured?.user ?? first(computed.User) ?? localUser();
  const vars = { hostname, user };
  const identityFiles = (configured?.identityFile ? [configured.identityFile] : all(computed.IdentityFile)).map((p) => expandPath(p, vars));
  if (identityFiles.length === 0) {
    for (const file of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
      const path = join(sources.sshDir, file);
      if (existsSync(path)) identityFiles.push(path);
    }
  }
  const jumpText = configured ? configured.proxyJump : first(computed.ProxyJump);
  const jumps: SshEndpoint[] = [];
  if (jumpText && jumpText.toLowerCase() !== 'none') {
    for (const hop of jumpText.split(',').map((s) => s.trim()).filter(Boolean)) {
      // A jump host may itself sit behind jump hosts: its own chain goes first.
      const { jumps: inner, ...endpoint } = resolveWith(hop, sources, sshConfig, depth + 1);
      jumps.push(...inner, endpoint);
    }
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new AppError('invalid_input', `host "${name}": bad port ${String(port)}`);
  return { ...endpoint({ alias: name, hostname, port, user, identityFiles }, sources.sshDir), jumps };
}
