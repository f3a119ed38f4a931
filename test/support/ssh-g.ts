import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveHostOptions, type ConfiguredHost } from '../../main/core/ssh/host-resolve';
import type { Resolver } from '../../main/core/ssh/resolve/resolver';
import type { ResolvedOptions } from '../../main/core/ssh/resolve/state';
import { localSystem } from '../../main/core/ssh/resolve/system';

/** One hand-written ~/.ssh layout and the name a step would connect to. */
export interface SshCase {
  name: string;
  /** Paths relative to the temporary HOME; `.ssh/config` is the file ssh reads. */
  files: Record<string, string>;
  host: string;
  /** config.yml's `ssh.hosts` for our resolvers ... */
  configured?: ConfiguredHost[];
  /** ... and the same thing said on ssh's command line for the real one. */
  sshArgs?: string[];
}

/** The keywords compared, as `ssh -G` prints them. */
export const comparedKeywords = ['hostname', 'user', 'port', 'identityfile', 'certificatefile', 'proxyjump', 'proxycommand', 'hostkeyalias', 'userknownhostsfile', 'globalknownhostsfile', 'stricthostkeychecking', 'identitiesonly'] as const;

export type Printed = { error: true } | Record<string, string[]>;

export const sshBinary = '/usr/bin/ssh';

export function writeHome(c: SshCase): string {
  const home = mkdtempSync(join(tmpdir(), 'oncall-sshg-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o755 });
  for (const [path, text] of Object.entries(c.files)) {
    const full = join(home, path);
    mkdirSync(dirname(full), { recursive: true, mode: 0o755 });
    writeFileSync(full, text);
    chmodSync(full, 0o644);
  }
  return home;
}

/** The real OpenSSH: `ssh -G -F HOME/.ssh/config` with HOME pointing at the case. */
export function realSshG(c: SshCase, home: string): { printed: Printed; stderr: string; ms: number } {
  const start = performance.now();
  const run = spawnSync(sshBinary, ['-G', '-F', join(home, '.ssh', 'config'), ...(c.sshArgs ?? []), '--', c.host], { encoding: 'utf8', env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - start;
  if (run.error) throw new Error(`cannot run ${sshBinary} (install openssh-client): ${run.error.message}`);
  if (run.status !== 0) return { printed: { error: true }, stderr: run.stderr, ms };
  const printed: Record<string, string[]> = {};
  for (const line of run.stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space);
    if (!(comparedKeywords as readonly string[]).includes(key)) continue;
    (printed[key] ??= []).push(line.slice(space + 1));
  }
  return { printed, stderr: run.stderr, ms };
}

/** Our resolvers' answer, printed back the way `ssh -G` prints it. */
export async function ourSshG(c: SshCase, home: string, resolver: Resolver): Promise<{ printed: Printed; message: string }> {
  const env = { ...process.env, HOME: home };
  let options: ResolvedOptions;
  try {
    options = await resolveHostOptions(c.host, { hosts: c.configured ?? [], sshDir: join(home, '.ssh'), useSshConfig: true, resolver, system: localSystem(env) });
  } catch (err) {
    return { printed: { error: true }, message: (err as Error).message };
  }
  const printed: Record<string, string[]> = {
    hostname: [options.hostname],
    user: [options.user],
    port: [String(options.port)],
    userknownhostsfile: [options.userknownhostsfile.join(' ')],
    globalknownhostsfile: [options.globalknownhostsfile.join(' ')],
    // OpenSSH prints its first name for each value: `true` for yes, `false` for no.
    stricthostkeychecking: [{ yes: 'true', no: 'false', ask: 'ask', 'accept-new': 'accept-new' }[options.stricthostkeychecking]],
    identitiesonly: [options.identitiesonly ? 'yes' : 'no'],
  };
  if (options.identityfile.length > 0) printed.identityfile = options.identityfile;
  if (options.certificatefile.length > 0) printed.certificatefile = options.certificatefile;
  if (options.proxyjump !== null) printed.proxyjump = [options.proxyjump];
  if (options.proxycommand !== null) printed.proxycommand = [options.proxycommand];
  if (options.hostkeyalias !== null) printed.hostkeyalias = [options.hostkeyalias];
  return { printed, message: '' };
}
