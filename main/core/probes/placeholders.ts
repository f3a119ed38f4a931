import { byteLength, goJsonMarshal, goTrimSpace, goValueText } from './go-text';

/**
 * What one side of a Gatus condition resolves to: always text, as in Gatus, where `[STATUS]`
 * becomes "200" and `[BODY].items` becomes "[1 2 3]" before anything is compared. A side that is
 * not a placeholder stays literal text, so `[UNKNOWN] == [UNKNOWN]` holds and a typo simply fails.
 */

/** What a condition is evaluated against. */
export interface ProbeFacts {
  /** null when nothing answered (Gatus then sees status 0). */
  status: number | null;
  responseTimeMs: number;
  /** The body as received, untrimmed (len([BODY]) of a non-array counts its raw bytes). */
  body: string;
  /** null on plain http and tcp, where Gatus reports 0. */
  certificateExpiresInMs: number | null;
  connected: boolean;
  ip: string | null;
  /** Set on `kind: browser` targets only; elsewhere the browser placeholders stay literal text. */
  browser?: BrowserFacts | null;
}

/** What a page load in a real browser measured (probes/browser/prober.ts). */
export interface BrowserFacts {
  /** Navigation start to the load event; the timeout when the load event never came. */
  pageLoadMs: number;
  /** Largest contentful paint; null when the page painted nothing contentful. */
  lcpMs: number | null;
  /** Uncaught errors plus console.error calls. */
  jsErrors: number;
  /** Sub-requests that got no answer or a status of 400 or more. */
  failedRequests: number;
  /** The load's timeout: what [LCP] reads when nothing contentful was painted, so `[LCP] < 2500` fails on a blank page. */
  timeoutMs: number;
}

/** Marks a side that named a value which is not there, e.g. a missing JSON key. */
export const invalidSuffix = '(INVALID)';

type Wrapper = 'len' | 'has' | null;

export function resolveSide(text: string, facts: ProbeFacts): string {
  const original = goTrimSpace(text);
  let wrapper: Wrapper = null;
  let inner = original;
  // The wrapper is spelled in lower case and its argument is taken as is (no trimming), like Gatus.
  for (const fn of ['len', 'has'] as const) {
    if (original.startsWith(`${fn}(`) && original.endsWith(')')) {
      wrapper = fn;
      inner = original.slice(fn.length + 1, -1);
      break;
    }
  }
  const upper = inner.toUpperCase();
  const simple = simplePlaceholder(upper, facts);
  if (simple !== null) return wrapper === 'has' ? String(simple !== '') : wrapper === 'len' ? String(byteLength(simple)) : simple;
  if (upper === '[BODY]') {
    const body = goTrimSpace(facts.body);
    if (wrapper === 'has') return String(body !== '');
    if (wrapper === 'len') {
      const root = evalJsonPath('', facts.body);
      return String(root.ok ? root.length : byteLength(body));
    }
    return body;
  }
  if (upper.startsWith('[BODY].') || upper.startsWith('[BODY][')) {
    const found = evalJsonPath(inner.slice('[BODY]'.length).replace(/^\./, ''), facts.body);
    if (wrapper === 'has') return String(found.ok);
    if (!found.ok) return `${original} ${invalidSuffix}`;
    return wrapper === 'len' ? String(found.length) : found.text;
  }
  if (wrapper === 'has') return 'false';
  if (wrapper === 'len') return `${original} ${invalidSuffix}`;
  return original;
}

function simplePlaceholder(upper: string, facts: ProbeFacts): string | null {
  switch (upper) {
    case '[STATUS]':
      return String(facts.status ?? 0);
    case '[IP]':
      return facts.ip ?? '';
    case '[RESPONSE_TIME]':
      return String(Math.trunc(facts.responseTimeMs));
    case '[CONNECTED]':
      return String(facts.connected);
    case '[CERTIFICATE_EXPIRATION]':
      return String(Math.trunc(facts.certificateExpiresInMs ?? 0));
    // The console asks no DNS server and no whois; Gatus reports these empty and 0 when it did not either.
    case '[DNS_RCODE]':
      return '';
    case '[DOMAIN_EXPIRATION]':
      return '0';
    default:
      return facts.browser ? browserPlaceholder(upper, facts.browser) : null;
  }
}

function browserPlaceholder(upper: string, b: BrowserFacts): string | null {
  switch (upper) {
    case '[PAGE_LOAD]':
      return String(Math.trunc(b.pageLoadMs));
    case '[LCP]':
      return String(Math.trunc(b.lcpMs ?? b.timeoutMs));
    case '[JS_ERRORS]':
      return String(b.jsErrors);
    case '[FAILED_REQUESTS]':
      return String(b.failedRequests);
    default:
      return null;
  }
}

type Walked = { ok: true; text: string; length: number } | { ok: false };

/**
 * Gatus's own small JSON path walk (`a.b[0][1].c`), with its counting rules: a string counts its
 * bytes, an array its elements, an object the bytes of its compact JSON, a number or boolean the
 * characters Go prints for it; null or a missing key is "not found".
 */
export function evalJsonPath(path: string, raw: string): Walked {
  if (path === '' && !(raw.startsWith('[') && raw.endsWith(']'))) return { ok: true, text: raw, length: byteLength(raw) };
  let document: unknown;
  try {
    document = JSON.parse(raw) as unknown;
  } catch {
    return { ok: false };
  }
  return walk(path, document);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function walk(path: string, object: unknown): Walked {
  const keys: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '[') depth++;
    else if (path[i] === ']') depth--;
    if (path[i] === '.' && depth === 0) {
      keys.push(path.slice(start, i));
      start = i + 1;
    }
  }
  keys.push(path.slice(start));
  const key = keys[0] ?? '';
  const value = extract(key, object);
  if (isObject(value)) {
    const rest = path.replace(`${key}.`, '');
    if (rest === path) {
      const json = goJsonMarshal(value);
      return { ok: true, text: json, length: byteLength(json) };
    }
    return walk(rest, value);
  }
  if (typeof value === 'string') return keys.length > 1 ? { ok: false } : { ok: true, text: value, length: byteLength(value) };
  // Gatus stops at an array or a scalar even when the path goes on: `[BODY].list.x` is the list.
  if (Array.isArray(value)) return { ok: true, text: goValueText(value), length: value.length };
  if (typeof value === 'number' || typeof value === 'boolean') {
    const text = goValueText(value);
    return { ok: true, text, length: byteLength(text) };
  }
  return { ok: false };
}

function extract(key: string, value: unknown): unknown {
  if (key.endsWith(']') && key.includes('[')) {
    let open = 0;
    let close = 0;
    let depth = 0;
    let index = '';
    let nested = false;
    for (let i = 0; i < key.length; i++) {
      if (key[i] === '[') {
        open = i;
        depth++;
      } else if (key[i] === ']' && depth === 1) {
        close = i;
        index = key.slice(open + 1, i);
        nested = key[i + 1] === '[';
        break;
      }
    }
    if (!/^[+-]?\d+$/.test(index)) return undefined;
    const position = Number(index);
    const name = key.slice(0, open);
    let list: unknown;
    if (name === '') list = value;
    else list = isObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
    // A negative index is "not found", as Gatus answers for `[-1]`.
    if (!Array.isArray(list) || position < 0 || position >= list.length) return undefined;
    const element: unknown = list[position];
    return nested ? extract(key.slice(close + 1), element) : element;
  }
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.hasOwn(value, key) ? value[key] : undefined;
  return value;
}

/** Every placeholder Gatus knows (in any case); `[BODY]` may be followed by a JSON path. */
// The browser ones are checked per target kind by the target schema (probes/browser/target-rules.ts).
const knownPlaceholders = new Set(['[STATUS]', '[IP]', '[RESPONSE_TIME]', '[CONNECTED]', '[CERTIFICATE_EXPIRATION]', '[DNS_RCODE]', '[DOMAIN_EXPIRATION]', '[BODY]', '[PAGE_LOAD]', '[LCP]', '[JS_ERRORS]', '[FAILED_REQUESTS]']);

/**
 * Bracketed words in a condition that are not placeholders (`[STAUTS]`). Gatus, and so the console,
 * reads them as literal text, which makes the condition fail for ever: worth a warning, not an error.
 */
export function unknownPlaceholders(condition: string): string[] {
  const words = condition.match(/\[[A-Za-z_]+\]/g) ?? [];
  return [...new Set(words.filter((w) => !knownPlaceholders.has(w.toUpperCase())))];
}
