import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../shared/errors';
import { resolveHost, type HostSources, type SshEndpoint } from './host-resolve';

const lookupTimeoutMs = 5_000;

/** What `oncall ssh resolve --json` prints (the keys are ssh -G's, lower-case). */
export interface ResolutionDescription {
  host: string;
  hostname: string;
  user: string;
  port: number;
  identityfile: string[];
  chain: { hostname: string; user: string; port: number }[];
  proxycommand: string | null;
  hostkeyalias: string | null;
  userknownhostsfile: string[];
  stricthostkeychecking: SshEndpoint['strictHostKeyChecking'];
  globalknownhostsfile: string[];
  identitiesonly: boolean;
  certificatefile: string[];
  needsopenssh: string[];
}

/**
 * Resolves HOST and checks, like ssh before it connects, that the first machine actually dialled
 * (the outermost jump host, or the host itself) has an address. Behind a ProxyCommand the command
 * does the dialling, so nothing is looked up.
 */
export async function describeResolution(name: string, sources: HostSources): Promise<ResolutionDescription> {
  const host = await resolveHost(name, sources);
  const first = host.jumps[0] ?? host;
  if (first.proxyCommand === null) await mustResolve(first.hostname, first === host ? name : `${name}" via jump host "${first.alias}`);
  return {
    host: name,
    hostname: host.hostname,
    user: host.user,
    port: host.port,
    identityfile: host.identityFiles,
    chain: host.jumps.map((j) => ({ hostname: j.hostname, user: j.user, port: j.port })),
    proxycommand: host.proxyCommand,
    hostkeyalias: host.hostKeyAlias,
    userknownhostsfile: host.userKnownHostsFiles,
    stricthostkeychecking: host.strictHostKeyChecking,
    globalknownhostsfile: host.globalKnownHostsFiles,
    identitiesonly: host.identitiesOnly,
    certificatefile: host.certificateFiles,
    needsopenssh: host.needsOpenSsh,
  };
}

async function mustResolve(hostname: string, name: string): Promise<void> {
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), lookupTimeoutMs);
  });
  try {
    const outcome = await Promise.race([lookup(hostname).then(() => 'ok' as const), timeout]);
    // A slow resolver is not proof the name is wrong; ssh would wait longer still.
    if (outcome === 'timeout') return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
      throw new AppError('not_found', `unknown host "${name}": could not resolve hostname ${hostname} (neither config.yml's ssh.hosts nor ~/.ssh/config maps it to a known address)`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** `user@hostname:port` as a dry run shows a step's target. */
export function hostLabel(e: { user: string; hostname: string; port: number }): string {
  return `${e.user}@${e.hostname.includes(':') ? `[${e.hostname}]` : e.hostname}:${String(e.port)}`;
}

/** For `runbook run --dry-run`: where an SSH step would connect, or why it cannot be resolved. No DNS. */
export async function describeTarget(name: string, sources: HostSources): Promise<{ target: string; chain: string[] } | { error: string }> {
  try {
    const host = await resolveHost(name, sources);
    return { target: hostLabel(host), chain: host.jumps.map(hostLabel) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
