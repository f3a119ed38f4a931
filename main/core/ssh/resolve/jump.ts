import { parsePort } from './keywords';

/** One `[user@]host[:port]` or `ssh://[user@]host[:port]` hop as OpenSSH parses it. */
export interface JumpHop {
  user: string | null;
  host: string;
  port: number | null;
}

/** ProxyJump as ssh keeps it: the last hop parsed, the hops before it as raw text. */
export interface JumpSetting {
  /** Everything before the last comma, verbatim (ssh passes it on as `-J`). Null for one hop. */
  extra: string | null;
  last: JumpHop;
}

/** parse_ssh_uri / parse_user_host_port; null when malformed. */
export function parseHop(text: string): JumpHop | null {
  let spec = text;
  const uri = /^ssh:\/\//i.exec(spec);
  if (uri) {
    spec = spec.slice(uri[0].length).replace(/\/$/, '');
    if (spec.includes('/')) return null;
  }
  let user: string | null = null;
  const at = spec.lastIndexOf('@');
  if (at >= 0) {
    user = spec.slice(0, at);
    if (user === '') return null;
    spec = spec.slice(at + 1);
  }
  let host: string;
  let portText: string | null = null;
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    if (close < 0) return null;
    host = spec.slice(1, close);
    const after = spec.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return null;
    portText = after === '' ? null : after.slice(1);
  } else {
    const colon = spec.search(/[:/]/);
    host = colon < 0 ? spec : spec.slice(0, colon);
    portText = colon < 0 ? null : spec.slice(colon + 1);
  }
  if (host === '') return null;
  let port: number | null = null;
  if (portText !== null && portText !== '') {
    port = parsePort(portText);
    if (port === null) return null;
  }
  return { user, host, port };
}

/**
 * parse_jump: a comment and trailing blanks are dropped, every hop must parse, `none` means
 * "no jump host" (and still takes the slot, so later lines cannot set one). Null when malformed.
 */
export function parseJump(text: string): JumpSetting | 'none' | null {
  const clean = text.replace(/#.*$/, '').replace(/[ \t]+$/, '');
  if (clean.toLowerCase() === 'none') return 'none';
  const hops = clean.split(',');
  const parsed = hops.map(parseHop);
  if (parsed.some((h) => h === null)) return null;
  const last = parsed[parsed.length - 1];
  if (!last) return null;
  const comma = clean.lastIndexOf(',');
  return { extra: comma > 0 ? clean.slice(0, comma) : null, last };
}

/** How `ssh -G` prints the setting back (brackets around IPv6, port only when one was given). */
export function formatJump(jump: JumpSetting): string {
  const { user, host, port } = jump.last;
  const hop = `${user === null ? '' : `${user}@`}${host.includes(':') ? `[${host}]` : host}${port === null ? '' : `:${String(port)}`}`;
  return jump.extra === null ? hop : `${jump.extra},${hop}`;
}

/** Splits a printed ProxyJump value into hops, outermost first. */
export function jumpHops(text: string): JumpHop[] {
  const setting = parseJump(text);
  if (setting === null) throw new Error(`invalid ProxyJump "${text}"`);
  if (setting === 'none') return [];
  const hops = setting.extra === null ? [] : setting.extra.split(',').map(parseHop);
  return [...hops, setting.last].map((h) => {
    if (!h) throw new Error(`invalid ProxyJump "${text}"`);
    return h;
  });
}
