import type { SshEndpoint } from '../ssh-endpoint';
import { openSshReasons } from './needs-openssh';
import type { LocalSystem } from './readconf';
import type { ResolvedOptions } from './state';
import { localSystem } from './system';
import { expandFilePath, percentExpand, proxyTokens, type TokenValues } from './tokens';

/**
 * Turns the `ssh -G` view into what a connection uses, applying the expansions ssh itself applies
 * only when it connects: `~`, `${VAR}` and `%` tokens in key and certificate paths, and the
 * ProxyCommand tokens. `IdentityFile none` offers nothing, as in ssh.
 */
export function toEndpoint(alias: string, options: ResolvedOptions, system: LocalSystem = localSystem()): SshEndpoint {
  const { localUser, localHost, env } = system;
  const values: TokenValues = {
    host: options.hostname,
    originalHost: options.host,
    port: options.port,
    remoteUser: options.user,
    localUser: localUser.name,
    home: localUser.home,
    localHost,
    uid: localUser.uid,
    keyAlias: options.hostkeyalias ?? options.host,
  };
  const files = (list: string[]) => list.filter((f) => f.toLowerCase() !== 'none').map((f) => expandFilePath(f, values, env));
  const identityFiles = files(options.identityfile);
  const certificateFiles = files(options.certificatefile);
  return {
    alias,
    hostname: options.hostname,
    port: options.port,
    user: options.user,
    identityFiles,
    identitiesOnly: options.identitiesonly,
    certificateFiles,
    proxyCommand: options.proxycommand === null ? null : percentExpand(options.proxycommand, proxyTokens, values),
    hostKeyAlias: options.hostkeyalias,
    userKnownHostsFiles: options.userknownhostsfile,
    globalKnownHostsFiles: options.globalknownhostsfile,
    strictHostKeyChecking: options.stricthostkeychecking,
    needsOpenSsh: openSshReasons(options, identityFiles, certificateFiles),
  };
}
