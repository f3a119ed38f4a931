import { normaliseHostname } from './address';
import { formatJump } from './jump';
import { ConfigError, readConfigText, type LocalSystem, type PassContext } from './readconf';
import { emptyState, type ConfigState, type ResolvedOptions } from './state';
import { expandFilePath, percentExpand, type TokenValues } from './tokens';

/** What one `ssh -G` call is given. */
export interface ResolveRequest {
  /** The host name as on the command line (user@ and port already split off). */
  host: string;
  /** `-o Keyword=value` lines; they win over every file, as on ssh's command line. */
  options: string[];
  /** `-F FILE`, `none` for no file at all, or null for ~/.ssh/config then /etc/ssh/ssh_config. */
  configFile: string | null;
}

export const systemConfigFile = '/etc/ssh/ssh_config';

/** OpenSSH's own order when no IdentityFile is configured (fill_default_options). */
const defaultIdentities = ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map((f) => `~/.ssh/${f}`);

/**
 * ssh -G in TypeScript, for machines without OpenSSH: the same two passes over the same files, the
 * same defaults and the same expansions, so the result is what ssh would print.
 */
export function resolveWithoutOpenSsh(request: ResolveRequest, sys: LocalSystem): ResolvedOptions {
  const state = emptyState();
  const wantFinal = { value: false };
  const pass = (host: string, finalPass: boolean) => {
    const ctx: PassContext = { sys, host, originalHost: request.host, finalPass, wantFinal };
    // Command-line options are read once, before the files, like ssh's own arguments.
    if (!finalPass) request.options.forEach((line) => readConfigText(line, 'command-line', state, ctx, { user: true, neverMatch: false, commandLine: true }, { value: true }, 0));
    readFiles(request.configFile, state, ctx);
  };
  pass(request.host, false);
  let host = request.host;
  if (state.hostname !== undefined) host = expandHostname(state.hostname, host);
  host = normaliseHostname(host);
  // No DNS here: canonicalisation falls back to the name as written (CanonicalizeFallbackLocal).
  if (state.canonicalizeHostname !== undefined && state.canonicalizeHostname !== 'no') wantFinal.value = true;
  state.hostname = host;
  if (wantFinal.value) pass(host, true);
  return finish(state, request.host, host, sys);
}

function expandHostname(hostname: string, host: string): string {
  try {
    return percentExpand(hostname, 'h', { host } as TokenValues);
  } catch (err) {
    throw new ConfigError(`HostName "${hostname}": ${(err as Error).message}`);
  }
}

function readFiles(configFile: string | null, state: ConfigState, ctx: PassContext): void {
  const read = (path: string, user: boolean, required: boolean) => {
    const text = ctx.sys.readConfig(path);
    if (text === null) {
      if (required) throw new ConfigError(`Can't open user config file ${path}: No such file or directory`);
      return;
    }
    readConfigText(text, path, state, ctx, { user, neverMatch: false }, { value: true }, 0);
  };
  if (configFile === 'none') return;
  if (configFile !== null) return read(configFile, true, true);
  read(`${ctx.sys.localUser.home.replace(/\/$/, '')}/.ssh/config`, true, false);
  read(systemConfigFile, false, false);
}

function finish(state: ConfigState, originalHost: string, host: string, sys: LocalSystem): ResolvedOptions {
  const user = state.user ?? sys.localUser.name;
  const port = state.port ?? 22;
  const hostKeyAlias = state.hostKeyAlias?.toLowerCase() ?? null;
  const values: TokenValues = { host, originalHost, port, remoteUser: user, localUser: sys.localUser.name, home: sys.localUser.home, localHost: sys.localHost, uid: sys.localUser.uid, keyAlias: hostKeyAlias ?? originalHost };
  const knownHosts = (state.userKnownHostsFiles ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map((f) => {
    try {
      return expandFilePath(f, values, sys.env);
    } catch (err) {
      throw new ConfigError(`UserKnownHostsFile "${f}": ${(err as Error).message}`);
    }
  });
  const jump = state.proxyJump;
  const proxyCommand = state.proxyCommand === undefined || state.proxyCommand.toLowerCase() === 'none' ? null : state.proxyCommand;
  return {
    host: originalHost,
    hostname: host,
    user,
    port,
    identityfile: state.identityFiles.length > 0 ? state.identityFiles : defaultIdentities,
    certificatefile: state.certificateFiles,
    proxyjump: jump === undefined || jump === 'none' ? null : formatJump(jump),
    proxycommand: proxyCommand,
    hostkeyalias: hostKeyAlias,
    userknownhostsfile: knownHosts,
    globalknownhostsfile: state.globalKnownHostsFiles ?? ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    stricthostkeychecking: state.strictHostKeyChecking ?? 'ask',
    identitiesonly: state.identitiesOnly ?? false,
    pkcs11provider: state.pkcs11Provider === undefined || state.pkcs11Provider.toLowerCase() === 'none' ? null : state.pkcs11Provider,
    gssapiauthentication: state.gssapiAuthentication ?? false,
    pubkeyauthentication: state.pubkeyAuthentication ?? true,
    passwordauthentication: state.passwordAuthentication ?? true,
    kbdinteractiveauthentication: state.kbdInteractiveAuthentication ?? true,
  };
}
