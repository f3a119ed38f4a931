import { parseJump } from './jump';
import { knownKeywords, parseCanonicalize, parseFlag, parsePort, parseStrict } from './keywords';
import { splitArgs, splitKeyword } from './lex';
import { evaluateMatch } from './match';
import { matchPattern, matchPatternList } from './pattern';
import type { ConfigState } from './state';
import type { PassContext } from './pass-context';

// Re-exported: the files that read configuration text name these types from here.
export type { LocalSystem, PassContext } from './pass-context';

export interface FileFlags {
  /** A user file (`~` and relative Includes allowed) rather than /etc/ssh/ssh_config. */
  user: boolean;
  /** Inside an Include from an inactive block: parse, but nothing may match. */
  neverMatch: boolean;
  commandLine?: boolean;
}

/** A config error located like ssh reports it. */
export class ConfigError extends Error {}

const maxIncludeDepth = 16;
const commandKeywords = new Set(['proxycommand', 'localcommand', 'remotecommand', 'knownhostscommand']);

export function readConfigText(text: string, file: string, state: ConfigState, ctx: PassContext, flags: FileFlags, active: { value: boolean }, depth: number): void {
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    try {
      processLine(line, state, ctx, flags, active, depth);
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`${file} line ${String(index + 1)}: ${(err as Error).message}`);
    }
  });
}

function processLine(line: string, state: ConfigState, ctx: PassContext, flags: FileFlags, active: { value: boolean }, depth: number): void {
  const split = splitKeyword(line);
  if (!split) return;
  const { keyword, rest } = split;
  const args = splitArgs(rest);
  if (!knownKeywords.has(keyword)) {
    if (state.ignoreUnknown !== undefined && matchPatternList(keyword, state.ignoreUnknown, true) === 1) return;
    throw new Error(`Bad configuration option: ${keyword}`);
  }
  const on = active.value;
  if (commandKeywords.has(keyword)) {
    if (keyword !== 'proxycommand') return;
    // ProxyJump already set (or `ProxyJump none`) takes the slot: first of the two wins.
    if (on && state.proxyCommand === undefined && state.proxyJump === undefined) state.proxyCommand = rest.replace(/^[ \t=]+/, '');
    return;
  }
  if (keyword === 'host' || keyword === 'match') {
    if (flags.commandLine) throw new Error(`${keyword === 'host' ? 'Host' : 'Match'} directive not supported as a command-line option`);
    if (keyword === 'host') active.value = hostLineMatches(args, ctx.host, flags);
    else {
      const outcome = evaluateMatch(args, state, ctx);
      if ('error' in outcome) throw new Error(`${outcome.error} (Bad Match condition)`);
      active.value = flags.neverMatch ? false : outcome.result;
    }
    return;
  }
  if (keyword === 'include') return include(args, state, ctx, flags, active, depth);
  if (args.length === 0 || args[0] === '') throw new Error(`keyword ${keyword} missing argument`);
  const arg = args[0] ?? '';
  const single = () => {
    if (args.length > 1) throw new Error(`keyword ${keyword} extra arguments at end of line`);
  };
  switch (keyword) {
    case 'hostname':
      single();
      if (on) state.hostname ??= arg;
      return;
    case 'user':
      single();
      if (on) state.user ??= arg;
      return;
    case 'hostkeyalias':
      single();
      if (on) state.hostKeyAlias ??= arg;
      return;
    case 'pkcs11provider':
      single();
      if (on) state.pkcs11Provider ??= arg;
      return;
    case 'ignoreunknown':
      single();
      if (on) state.ignoreUnknown ??= arg;
      return;
    case 'port': {
      single();
      const port = parsePort(arg);
      if (port === null) throw new Error(`Bad port '${arg}'.`);
      if (on) state.port ??= port;
      return;
    }
    case 'identityfile':
    case 'certificatefile': {
      single();
      const list = keyword === 'identityfile' ? state.identityFiles : state.certificateFiles;
      // add_identity_file drops an exact duplicate.
      if (on && !list.includes(arg)) list.push(arg);
      return;
    }
    case 'userknownhostsfile':
    case 'globalknownhostsfile': {
      const noneIndex = args.findIndex((a) => a.toLowerCase() === 'none');
      if (noneIndex >= 0 && args.length > 1) throw new Error(`keyword ${keyword} "none" argument must appear alone.`);
      if (args.some((a) => a === '')) throw new Error(`keyword ${keyword} empty argument`);
      if (!on) return;
      if (keyword === 'userknownhostsfile') state.userKnownHostsFiles ??= [...args];
      else state.globalKnownHostsFiles ??= [...args];
      return;
    }
    case 'proxyjump': {
      single();
      const jump = parseJump(arg);
      if (jump === null) throw new Error(`invalid ProxyJump "${arg}"`);
      if (on && state.proxyJump === undefined && state.proxyCommand === undefined) state.proxyJump = jump;
      return;
    }
    case 'stricthostkeychecking': {
      single();
      const value = parseStrict(arg);
      if (value === null) throw new Error(`unsupported option "${arg}".`);
      if (on) state.strictHostKeyChecking ??= value;
      return;
    }
    case 'canonicalizehostname': {
      single();
      const value = parseCanonicalize(arg);
      if (value === null) throw new Error(`unsupported option "${arg}".`);
      if (on) state.canonicalizeHostname ??= value;
      return;
    }
    case 'identitiesonly':
    case 'gssapiauthentication':
    case 'passwordauthentication':
    case 'kbdinteractiveauthentication':
    case 'pubkeyauthentication':
      setFlag(keyword, arg, state, on);
      single();
      return;
    default:
      // Options a connection from this app does not use: accepted like ssh accepts them.
      return;
  }
}

const flagFields = {
  identitiesonly: 'identitiesOnly',
  gssapiauthentication: 'gssapiAuthentication',
  passwordauthentication: 'passwordAuthentication',
  kbdinteractiveauthentication: 'kbdInteractiveAuthentication',
  pubkeyauthentication: 'pubkeyAuthentication',
} as const;

function setFlag(keyword: keyof typeof flagFields, arg: string, state: ConfigState, on: boolean): void {
  // PubkeyAuthentication also takes unbound/host-bound (both mean yes).
  const lower = arg.toLowerCase();
  const value = keyword === 'pubkeyauthentication' && (lower === 'unbound' || lower === 'host-bound') ? true : parseFlag(arg);
  if (value === null) throw new Error(`unsupported option "${arg}".`);
  const field = flagFields[keyword];
  if (on) state[field] ??= value;
}

/** A Host line: any positive pattern matches and no negated one does (case-sensitive, as ssh). */
function hostLineMatches(patterns: string[], host: string, flags: FileFlags): boolean {
  if (patterns.length === 0) throw new Error('keyword host missing argument');
  if (flags.neverMatch) return false;
  let matched = false;
  for (const pattern of patterns) {
    if (pattern === '') throw new Error('keyword host empty argument');
    const negated = pattern.startsWith('!');
    if (matchPattern(host, negated ? pattern.slice(1) : pattern)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function include(args: string[], state: ConfigState, ctx: PassContext, flags: FileFlags, active: { value: boolean }, depth: number): void {
  if (flags.commandLine) throw new Error('Include directive not supported as a command-line option');
  if (args.length === 0) throw new Error('keyword include missing argument');
  for (const arg of args) {
    if (arg === '') throw new Error('keyword include empty argument');
    if (arg.startsWith('~') && !flags.user) throw new Error(`bad include path ${arg}.`);
    // Relative paths live in ~/.ssh (user files) or /etc/ssh (the system file).
    const anchored = arg.startsWith('/') || arg.startsWith('~') ? arg : `${flags.user ? '~/.ssh' : '/etc/ssh'}/${arg}`;
    // glob(3) with GLOB_TILDE reads $HOME first, unlike the rest of ssh.
    const home = ctx.sys.env.HOME ?? ctx.sys.localUser.home;
    const pattern = anchored === '~' ? home : anchored.startsWith('~/') ? `${home.replace(/\/$/, '')}/${anchored.slice(2)}` : anchored;
    const outer = active.value;
    for (const path of ctx.sys.glob(pattern)) {
      if (depth + 1 > maxIncludeDepth) throw new Error(`Too many recursive configuration includes`);
      const text = ctx.sys.readConfig(path);
      if (text !== null) readConfigText(text, path, state, ctx, { user: flags.user, neverMatch: flags.neverMatch || !outer }, active, depth + 1);
      // A Match inside the included file must not change the including file's state.
      active.value = outer;
    }
  }
}
