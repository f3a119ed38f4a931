import { join } from 'node:path';
import { homedir } from 'node:os';
import { AppError } from '../shared/errors';
import { resolveOptions, type Resolver } from './resolve/resolver';
import type { LocalSystem } from './resolve/readconf';
import { toEndpoint } from './resolve/endpoint';
import { configFileFor, optionLine } from './resolve/request';
import { jumpHops } from './resolve/jump';
import type { ResolvedOptions } from './resolve/state';
import type { SshEndpoint } from './ssh-endpoint';

// Re-exported: most of ssh/ names the endpoint type from here.
export type { SshEndpoint } from './ssh-endpoint';

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
  /** `auto` (default): ask the installed `ssh -G`, the TypeScript resolver when there is none. */
  resolver?: Resolver | undefined;
  /** The machine as the TypeScript resolver sees it (tests). */
  system?: LocalSystem | undefined;
}

export function defaultSshDir(): string {
  return join(homedir(), '.ssh');
}

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
 * Resolves a host name exactly as `ssh -G` does (config.yml's `ssh.hosts` first, as if given on
 * ssh's command line), with the jump hosts in front of it, outermost first.
 */
export async function resolveHost(name: string, sources: HostSources): Promise<ResolvedHost> {
  return resolveChain(name, sources, null, 0);
}

/** The ssh -G view of one name, before the chain is followed (for `oncall ssh resolve`). */
export async function resolveHostOptions(name: string, sources: HostSources, forcedJump: string | null = null): Promise<ResolvedOptions> {
  const dest = parseDestination(name);
  if (dest.host === '' || dest.host.startsWith('-')) throw new AppError('invalid_input', `"${name}" is not a host name`);
  const configured = sources.hosts.find((h) => h.name === name || h.name === dest.host);
  // First value wins in ssh: what the runbook wrote, then config.yml, then the config files.
  const options: string[] = [];
  if (forcedJump !== null) options.push(optionLine('ProxyJump', forcedJump));
  if (dest.user) options.push(optionLine('User', dest.user));
  if (dest.port) options.push(optionLine('Port', String(dest.port)));
  if (configured) {
    options.push(optionLine('HostName', configured.hostname), optionLine('Port', String(configured.port)));
    if (configured.user) options.push(optionLine('User', configured.user));
    if (configured.identityFile) options.push(optionLine('IdentityFile', configured.identityFile));
    if (configured.proxyJump) options.push(optionLine('ProxyJump', configured.proxyJump));
  }
  const request = { host: configured?.name ?? dest.host, options, configFile: configFileFor(sources.sshDir, sources.useSshConfig) };
  try {
    return await resolveOptions(request, sources.resolver ?? 'auto', sources.system);
  } catch (err) {
    throw new AppError('invalid_input', `host "${name}": ${(err as Error).message}`);
  }
}

async function resolveChain(name: string, sources: HostSources, forcedJump: string | null, depth: number): Promise<ResolvedHost> {
  if (depth > maxJumpDepth) throw new AppError('invalid_input', `ProxyJump chain for "${name}" is longer than ${String(maxJumpDepth)} hops (a loop?)`);
  const options = await resolveHostOptions(name, sources, forcedJump);
  let target: SshEndpoint;
  try {
    target = toEndpoint(name, options, sources.system);
  } catch (err) {
    // ssh -G prints key paths unexpanded; a bad token there fails only when ssh loads the key.
    throw new AppError('invalid_input', `host "${name}": ${(err as Error).message}`);
  }
  const jumps: SshEndpoint[] = [];
  if (options.proxyjump !== null) {
    // ssh reaches the last hop with `-J <the hops before it>`, so that hop's own ProxyJump is
    // overridden, while the first hop's own ProxyJump (if any) still applies.
    const hops = jumpHops(options.proxyjump);
    const last = hops[hops.length - 1];
    if (last) {
      const text = `${last.user === null ? '' : `${last.user}@`}${last.host.includes(':') ? `[${last.host}]` : last.host}${last.port === null ? '' : `:${String(last.port)}`}`;
      const before = options.proxyjump.slice(0, Math.max(0, options.proxyjump.lastIndexOf(',')));
      const { jumps: inner, ...hop } = await resolveChain(text, sources, before === '' ? null : before, depth + 1);
      jumps.push(...inner, hop);
    }
  }
  return { ...target, jumps };
}
