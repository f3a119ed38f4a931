import type { SshEndpoint } from './host-resolve';
import { certAuthoritiesFor, hostKeyName, knownHostsFilesFor, knownKeyTypes, readKnownHosts } from './known-hosts';
import type { SshOptions, SshTransport } from './types';

/**
 * Which client serves a chain, and why. ssh2 (1.17) speaks no OpenSSH certificates at all (neither
 * host nor user `-cert-v01` algorithms), no FIDO `sk-` keys, PKCS#11 or GSSAPI, so a chain goes
 * through the system OpenSSH when any hop needs one of those. A host vouched for only by an
 * `@cert-authority` line is such a hop: ssh2 would see its plain key and call it unknown.
 */
export function chooseTransport(chain: readonly SshEndpoint[], options: SshOptions): { transport: SshTransport; reasons: string[] } {
  const reasons: string[] = [];
  if (options.transport === 'openssh') reasons.push('ssh.transport is openssh');
  for (const hop of chain) {
    for (const why of hop.needsOpenSsh) reasons.push(`${hop.alias}: ${why}`);
    if (hop.certificateFiles.length > 0) reasons.push(`${hop.alias}: CertificateFile (user certificate)`);
    const name = hostKeyName(hop);
    const lines = readKnownHosts(knownHostsFilesFor(hop, options.appKnownHostsFile));
    if (certAuthoritiesFor(lines, name).length > 0 && knownKeyTypes(lines, name).length === 0) reasons.push(`${hop.alias}: host certificate (@cert-authority in known_hosts)`);
  }
  return { transport: reasons.length > 0 ? 'openssh' : 'ssh2', reasons: [...new Set(reasons)] };
}
