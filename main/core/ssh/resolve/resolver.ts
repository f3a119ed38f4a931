import { resolveWithoutOpenSsh, type ResolveRequest } from './fallback';
import { resolveWithOpenSsh } from './openssh';
import type { LocalSystem } from './readconf';
import type { ResolvedOptions } from './state';
import { localSystem } from './system';

/** `openssh`: only the installed ssh; `typescript`: only ours; `auto`: ssh when installed. */
export type Resolver = 'auto' | 'openssh' | 'typescript';

// Asked once per process: a machine either has ssh or it does not.
let openSshMissing = false;

export async function resolveOptions(request: ResolveRequest, resolver: Resolver, system?: LocalSystem): Promise<ResolvedOptions> {
  if (resolver !== 'typescript' && !openSshMissing) {
    const options = await resolveWithOpenSsh(request, 'ssh', system ? { ...process.env, ...system.env } : process.env);
    if (options) return options;
    openSshMissing = true;
  }
  if (resolver === 'openssh') throw new Error('no OpenSSH client (ssh) is installed');
  return resolveWithoutOpenSsh(request, system ?? localSystem());
}
