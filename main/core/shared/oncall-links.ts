/**
 * `oncall://` links: the one way the console names a screen in a message that leaves it (e-mail,
 * chat). The desktop app registers the scheme; browser mode shows the same path as a `/#/` route.
 *
 * A link is untrusted input from anywhere (a chat message, a web page): parsing it may only ever
 * produce a screen to show and values to prefill, never an action. Pure, so the renderer (browser
 * mode's `#/incident/…` routes), the Electron main process and the tests share it.
 */
export const linkScheme = 'oncall';

export function incidentLink(id: string): string {
  return `${linkScheme}://incident/${encodeURIComponent(id)}`;
}

/** Where a link leads. A runbook link prefills the start form; nothing is started. */
export type LinkTarget =
  | { kind: 'incident'; id: string }
  | { kind: 'alert'; fingerprint: string }
  | { kind: 'runbook'; id: string; params: Record<string, string> };

export type LinkParse = { ok: true; target: LinkTarget; route: string } | { ok: false; message: string };

const maxLinkLength = 4096;
const maxParams = 32;
const maxValueLength = 1024;
// The same shapes the contract and the screens accept; anything else is refused before it is shown.
const incidentIdShape = /^INC-\d{8}-\d{6}-[0-9a-f]{4,8}$/;
const fingerprintShape = /^[0-9a-f]{1,16}$/;
const runbookIdShape = /^[a-z0-9][a-z0-9_.-]{0,127}$/;
// `incident` and `host` pick the run's incident and host; `labels.x` are alert labels (runbooks/logic/route.ts).
const paramNameShape = /^[A-Za-z_][A-Za-z0-9_]{0,63}$|^labels\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;
// These words are other views of the runbooks screen (`#/runbooks/runs`), not runbooks.
const reservedRunbookIds = new Set(['run', 'runs']);

/** Parses `oncall://incident/ID`, `oncall://alert/FP`, `oncall://runbook/ID?param=value`. */
export function parseOncallLink(text: string): LinkParse {
  if (text.length > maxLinkLength) return refuse(`the link is longer than ${maxLinkLength} characters`);
  const prefix = `${linkScheme}://`;
  if (!text.toLowerCase().startsWith(prefix)) return refuse(`not an ${prefix} link`);
  return parseLinkPath(text.slice(prefix.length));
}

/**
 * Browser mode's form of the same links: the hash `#/incident/ID`, `#/alert/FP`, `#/runbook/ID?x=y`.
 * Returns null for a hash that is not one of them (the app's own routes), so only the three link
 * kinds are judged here.
 */
export function parseLinkHash(hash: string): LinkParse | null {
  const raw = hash.replace(/^#?\/?/, '');
  const first = raw.split(/[/?]/, 1)[0] ?? '';
  if (first !== 'incident' && first !== 'alert' && first !== 'runbook') return null;
  return parseLinkPath(raw);
}

/** `incident/ID`, `alert/FP` or `runbook/ID?query` (no scheme, no leading slash). */
function parseLinkPath(rest: string): LinkParse {
  if (/[\s\\#]/.test(rest)) return refuse('the link contains spaces, backslashes or a "#"');
  const cut = rest.indexOf('?');
  const path = (cut < 0 ? rest : rest.slice(0, cut)).replace(/\/$/, '');
  const search = cut < 0 ? null : rest.slice(cut + 1);
  const segments = path.split('/');
  const [kind = '', rawId, ...extra] = segments;
  if (kind !== 'incident' && kind !== 'alert' && kind !== 'runbook') return refuse(`unknown link "${kind || '(empty)'}": a link opens an incident, an alert or a runbook`);
  if (rawId === undefined || rawId === '') return refuse(`the ${kind} link names no ${kind}`);
  if (extra.length > 0) return refuse(`the ${kind} link has extra parts after the ${kind}: "/${extra.join('/')}"`);
  const id = decode(rawId);
  if (id === null) return refuse(`the ${kind} in the link is not valid percent-encoding`);
  if (kind !== 'runbook' && search !== null) return refuse(`an ${kind} link takes no "?" parameters`);
  if (kind === 'incident') {
    if (!incidentIdShape.test(id)) return refuse(`"${id}" is not an incident id (like INC-20261203-031500-1a2b)`);
    return accept({ kind, id });
  }
  if (kind === 'alert') {
    if (!fingerprintShape.test(id)) return refuse(`"${id}" is not an alert fingerprint (up to 16 hex digits)`);
    return accept({ kind, fingerprint: id });
  }
  if (!runbookIdShape.test(id) || reservedRunbookIds.has(id)) return refuse(`"${id}" is not a runbook id`);
  const params = parseParams(search ?? '');
  if (typeof params === 'string') return refuse(params);
  return accept({ kind, id, params });
}

function parseParams(search: string): Record<string, string> | string {
  const params: Record<string, string> = {};
  if (search === '') return params;
  const pairs = search.split('&');
  if (pairs.length > maxParams) return `the link has more than ${maxParams} parameters`;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    // `+` is a space in a query string; decode it before percent-decoding (a literal + arrives as %2B).
    const name = decode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = decode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    if (name === null || value === null) return 'a parameter in the link is not valid percent-encoding';
    if (!paramNameShape.test(name)) return `"${name}" is not a parameter name`;
    if (name in params) return `the parameter "${name}" is given twice`;
    if (value.length > maxValueLength) return `the parameter "${name}" is longer than ${maxValueLength} characters`;
    // Control characters have no place in a form field and could hide text from the reader.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(value)) return `the parameter "${name}" contains control characters`;
    params[name] = value;
  }
  return params;
}

/** The app's own hash route for a target (what the screens already understand). */
export function linkRoute(target: LinkTarget): string {
  if (target.kind === 'incident') return `#/incidents/${encodeURIComponent(target.id)}`;
  if (target.kind === 'alert') return `#/alerts/${encodeURIComponent(target.fingerprint)}`;
  const search = new URLSearchParams(target.params).toString();
  return `#/runbooks/${encodeURIComponent(target.id)}${search ? `?${search}` : ''}`;
}

function accept(target: LinkTarget): LinkParse {
  return { ok: true, target, route: linkRoute(target) };
}

function refuse(reason: string): LinkParse {
  return { ok: false, message: `Link refused: ${reason}.` };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
