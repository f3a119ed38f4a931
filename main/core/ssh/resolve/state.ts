import type { JumpSetting } from './jump';

/**
 * What the config files set, first value wins (as readconf.c's `options`). Undefined: not set yet.
 * Only the options a connection needs are modelled; the others are validated and ignored.
 */
export interface ConfigState {
  hostname?: string;
  user?: string;
  port?: number;
  /** IdentityFile and CertificateFile accumulate, duplicates dropped. */
  identityFiles: string[];
  certificateFiles: string[];
  proxyCommand?: string;
  proxyJump?: JumpSetting | 'none';
  hostKeyAlias?: string;
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  strictHostKeyChecking?: 'yes' | 'no' | 'ask' | 'accept-new';
  identitiesOnly?: boolean;
  pkcs11Provider?: string;
  gssapiAuthentication?: boolean;
  pubkeyAuthentication?: boolean;
  passwordAuthentication?: boolean;
  kbdInteractiveAuthentication?: boolean;
  canonicalizeHostname?: 'no' | 'yes' | 'always';
  ignoreUnknown?: string;
}

export function emptyState(): ConfigState {
  return { identityFiles: [], certificateFiles: [] };
}

/** The `ssh -G` view of one host: the keywords this project reads, as ssh prints them. */
export interface ResolvedOptions {
  host: string;
  hostname: string;
  user: string;
  port: number;
  /** As printed: `~` and `%` tokens not yet expanded (ssh expands them when it loads the keys). */
  identityfile: string[];
  certificatefile: string[];
  proxyjump: string | null;
  /** Raw, tokens unexpanded; null for none. */
  proxycommand: string | null;
  /** Lower-cased, as ssh stores it. */
  hostkeyalias: string | null;
  /** Expanded (`~`, `${VAR}`, `%` tokens), as ssh prints it. */
  userknownhostsfile: string[];
  globalknownhostsfile: string[];
  stricthostkeychecking: 'yes' | 'no' | 'ask' | 'accept-new';
  identitiesonly: boolean;
  pkcs11provider: string | null;
  gssapiauthentication: boolean;
  pubkeyauthentication: boolean;
  passwordauthentication: boolean;
  kbdinteractiveauthentication: boolean;
}
