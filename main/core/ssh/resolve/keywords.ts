/**
 * Every keyword OpenSSH 9.2's ssh reads (readconf.c `keywords[]`, including its deprecated and
 * unsupported names, which it accepts and ignores). Anything else is "Bad configuration option"
 * unless IgnoreUnknown names it, exactly as ssh decides.
 */
export const knownKeywords = new Set(
  `addkeystoagent addressfamily afstokenpassing batchmode bindaddress bindinterface canonicaldomains
  canonicalizefallbacklocal canonicalizehostname canonicalizemaxdots canonicalizepermittedcnames
  casignaturealgorithms certificatefile challengeresponseauthentication checkhostip cipher ciphers
  clearallforwardings compression compressionlevel connectionattempts connecttimeout controlmaster
  controlpath controlpersist dsaauthentication dynamicforward enableescapecommandline enablesshkeysign
  escapechar exitonforwardfailure fallbacktorsh fingerprinthash forkafterauthentication forwardagent
  forwardx11 forwardx11timeout forwardx11trusted gatewayports globalknownhostsfile globalknownhostsfile2
  gssapiauthentication gssapiclientidentity gssapidelegatecredentials gssapikexalgorithms gssapikeyexchange
  gssapirenewalforcesrekey gssapiserveridentity gssapitrustdns hashknownhosts host hostbasedacceptedalgorithms
  hostbasedauthentication hostbasedkeytypes hostkeyalgorithms hostkeyalias hostname identitiesonly
  identityagent identityfile identityfile2 ignoreunknown include ipqos kbdinteractiveauthentication
  kbdinteractivedevices kerberosauthentication kerberostgtpassing kexalgorithms knownhostscommand
  localcommand localforward loglevel logverbose macs match nohostauthenticationforlocalhost
  numberofpasswordprompts passwordauthentication permitlocalcommand permitremoteopen pkcs11provider port
  preferredauthentications protocol proxycommand proxyjump proxyusefdpass pubkeyacceptedalgorithms
  pubkeyacceptedkeytypes pubkeyauthentication rekeylimit remotecommand remoteforward requesttty
  requiredrsasize revokedhostkeys rhostsauthentication rhostsrsaauthentication rsaauthentication
  securitykeyprovider sendenv serveralivecountmax serveraliveinterval sessiontype setenv
  skeyauthentication smartcarddevice stdinnull streamlocalbindmask streamlocalbindunlink
  stricthostkeychecking syslogfacility tcpkeepalive tisauthentication tunnel tunneldevice updatehostkeys
  useblacklistedkeys useprivilegedport user userknownhostsfile userknownhostsfile2 useroaming usersh
  verifyhostkeydns visualhostkey xauthlocation`.split(/\s+/),
);

/** yes/no options ssh parses with parse_flag (also `true`/`false`). */
export function parseFlag(value: string): boolean | null {
  const v = value.toLowerCase();
  if (v === 'yes' || v === 'true') return true;
  if (v === 'no' || v === 'false') return false;
  return null;
}

/** StrictHostKeyChecking's words, normalised (OpenSSH itself prints `true`/`false` for yes/no). */
export function parseStrict(value: string): 'yes' | 'no' | 'ask' | 'accept-new' | null {
  switch (value.toLowerCase()) {
    case 'yes':
    case 'true':
      return 'yes';
    case 'no':
    case 'false':
    case 'off':
      return 'no';
    case 'ask':
      return 'ask';
    case 'accept-new':
      return 'accept-new';
    default:
      return null;
  }
}

/** CanonicalizeHostname: no, yes, always (and true/false). */
export function parseCanonicalize(value: string): 'no' | 'yes' | 'always' | null {
  const v = value.toLowerCase();
  if (v === 'always') return 'always';
  const flag = parseFlag(v);
  return flag === null ? null : flag ? 'yes' : 'no';
}

/** a_to_port: a decimal 1..65535, nothing else. */
export function parsePort(value: string): number | null {
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= 65_535 ? n : null;
}
