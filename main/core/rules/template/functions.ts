import { formatFloat } from '../../shared/go-float';
import { formatV, goQuote, sprint, sprintf, sprintln } from './go-fmt';
import { goMatch, reReplaceAll } from '../../shared/go-regexp';
import { goInt, isInt, isTrue, stringMap, typeName, type GoMap, type GoSlice, type GoStruct, type GoValue } from './values';

export type ParamType = 'any' | 'string' | 'float' | 'bool' | 'vector' | 'sample';

export interface FuncEnv {
  /** Runs an instant query at the template's evaluation time (Prometheus's `query`). */
  query?: (expr: string) => Promise<{ labels: Record<string, string>; value: number }[]>;
  externalUrl: string;
}

export interface TemplateFunc {
  params: ParamType[];
  variadic?: ParamType;
  /** Throwing means Go's "error calling NAME: ..." */
  call(args: GoValue[], env: FuncEnv): GoValue | Promise<GoValue>;
}

const fn = (params: ParamType[], call: TemplateFunc['call'], variadic?: ParamType): TemplateFunc => ({ params, call, variadic });

/** Prometheus's convertToFloat: numbers and numeric strings. */
function toFloat(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (isInt(v)) return v.value;
  if (typeof v === 'string') {
    const t = v.trim() === v ? v : '';
    const n = /^[+-]?(inf|infinity)$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : /^[+-]?nan$/i.test(t) ? NaN : t !== '' && /^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?0[xX][0-9a-fA-F]+$/.test(t) ? Number(t) : undefined;
    if (n === undefined) throw new Error(`strconv.ParseFloat: parsing ${goQuote(v)}: invalid syntax`);
    return n;
  }
  throw new Error(`can't convert ${typeName(v)} to float`);
}

const g4 = (v: number) => formatFloat(v, 'g', 4);

function scaled(v: number, prefixes: string[], step: number, up: boolean): [number, string] {
  let prefix = '';
  for (const p of prefixes) {
    if (up ? Math.abs(v) < step : Math.abs(v) >= 1) break;
    prefix = p;
    v = up ? v / step : v * step;
  }
  return [v, prefix];
}

const small = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

function humanize(x: GoValue): string {
  const v = toFloat(x);
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    const [n, p] = scaled(v, ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'], 1000, true);
    return g4(n) + p;
  }
  const [n, p] = scaled(v, small, 1000, false);
  return g4(n) + p;
}

function humanize1024(x: GoValue): string {
  const v = toFloat(x);
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  const [n, p] = scaled(v, ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'], 1024, true);
  return g4(n) + p;
}

function humanizeDuration(x: GoValue): string {
  let v = toFloat(x);
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return `${g4(v)}s`;
  if (Math.abs(v) >= 1) {
    let sign = '';
    if (v < 0) {
      sign = '-';
      v = -v;
    }
    const total = Math.trunc(v);
    const seconds = total % 60;
    const minutes = Math.trunc(total / 60) % 60;
    const hours = Math.trunc(total / 3600) % 24;
    const days = Math.trunc(total / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${g4(v)}s`;
  }
  const [n, p] = scaled(v, small, 1000, false);
  return `${g4(n)}${p}s`;
}

/** Go's time.Time.String() in UTC at millisecond precision (model.Time). */
function goTimeString(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = d.getUTCMilliseconds() ? `.${pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')}` : '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`;
}

function humanizeTimestamp(x: GoValue): string {
  const v = toFloat(x);
  if (!Number.isFinite(v)) return g4(v);
  if (Math.abs(v * 1e9) > 9.223372036854776e18) throw new Error(`${formatV(v)} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  return goTimeString(Math.trunc(v * 1000));
}

/** strings.Title: upper-cases the first letter of every word. */
function title(s: string): string {
  let prevSeparator = true;
  let out = '';
  for (const ch of s) {
    out += prevSeparator ? ch.toUpperCase() : ch;
    const ascii = ch.length === 1 && ch.charCodeAt(0) < 0x80;
    prevSeparator = ascii ? !/[A-Za-z0-9_]/.test(ch) : /\s/u.test(ch);
  }
  return out;
}

const sampleStruct = (s: { labels: Record<string, string>; value: number }): GoStruct => ({ kind: 'struct', type: '*template.sample', fields: { Labels: stringMap(s.labels), Value: s.value } });
const vector = (items: GoValue[]): GoSlice => ({ kind: 'slice', type: 'template.queryResult', items });

function labelsOf(s: GoValue): Record<string, GoValue> {
  if (s === null) throw new Error('invalid memory address or nil pointer dereference');
  return ((s as GoStruct).fields.Labels as GoMap).entries;
}

type Kind = 'bool' | 'int' | 'float' | 'string';
function basicKind(v: GoValue): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (isInt(v)) return 'int';
  throw new Error('invalid type for comparison');
}
const prim = (v: GoValue) => (isInt(v) ? v.value : (v as number | string | boolean));

function eq(a: GoValue, ...rest: GoValue[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  for (const b of rest) {
    if (a === undefined || b === undefined || a === null || b === null) {
      if ((a ?? null) === (b ?? null)) return true;
      continue;
    }
    let ka: Kind | 'other';
    let kb: Kind | 'other';
    try {
      ka = basicKind(a);
    } catch {
      ka = 'other';
    }
    try {
      kb = basicKind(b);
    } catch {
      kb = 'other';
    }
    if (ka !== kb) throw new Error('incompatible types for comparison');
    if (ka === 'other') throw new Error(`non-comparable type ${formatV(a)}: ${typeName(a)}`);
    if (prim(a) === prim(b)) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'bool') throw new Error('invalid type for comparison');
  return prim(a) < prim(b);
}

function length(v: GoValue): GoValue {
  if (typeof v === 'string') return goInt(Buffer.byteLength(v, 'utf8'));
  if (typeof v === 'object' && v !== null && v.kind === 'map') return goInt(Object.keys(v.entries).length);
  if (typeof v === 'object' && v !== null && v.kind === 'slice') return goInt(v.items.length);
  throw new Error(`len of type ${typeName(v)}`);
}

function index(item: GoValue, ...keys: GoValue[]): GoValue {
  let cur = item;
  for (const key of keys) {
    if (typeof cur === 'object' && cur !== null && cur.kind === 'map') {
      if (typeof key !== 'string') throw new Error(`value has type ${typeName(key)}; should be string`);
      cur = key in cur.entries ? cur.entries[key] : cur.zero;
    } else if (typeof cur === 'object' && cur !== null && cur.kind === 'slice') {
      if (!isInt(key)) throw new Error(`cannot index slice/array with type ${typeName(key)}`);
      const at = cur.items[key.value];
      if (key.value < 0 || key.value >= cur.items.length) throw new Error(`index out of range: ${key.value}`);
      cur = at;
    } else if (cur === null || cur === undefined) throw new Error('index of untyped nil');
    else throw new Error(`can't index item of type ${typeName(cur)}`);
  }
  return cur;
}

const htmlEscape = (s: string) => s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c] ?? c);
const evalArgs = (args: GoValue[]) => (args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args));
/** Go's url.QueryEscape: space becomes +, unreserved characters stay. */
const queryEscape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');

/** The functions a Prometheus alert template can call: Go's builtins plus Prometheus's own. */
export const templateFunctions: Record<string, TemplateFunc> = {
  // `and`/`or` are evaluated lazily by the executor; these bodies are only used for arity checks.
  and: fn(['any'], (a) => a.find((v) => !isTrue(v)) ?? a[a.length - 1], 'any'),
  or: fn(['any'], (a) => a.find((v) => isTrue(v)) ?? a[a.length - 1], 'any'),
  not: fn(['any'], ([a]) => !isTrue(a)),
  len: fn(['any'], ([a]) => length(a ?? null)),
  index: fn(['any'], ([item, ...keys]) => index(item ?? null, ...keys), 'any'),
  print: fn([], (a) => sprint(a), 'any'),
  printf: fn(['string'], ([f, ...a]) => sprintf(f as string, a), 'any'),
  println: fn([], (a) => sprintln(a), 'any'),
  eq: fn(['any'], ([a, ...rest]) => eq(a ?? null, ...rest), 'any'),
  ne: fn(['any', 'any'], ([a, b]) => !eq(a ?? null, b ?? null)),
  lt: fn(['any', 'any'], ([a, b]) => lt(a ?? null, b ?? null)),
  le: fn(['any', 'any'], ([a, b]) => lt(a ?? null, b ?? null) || eq(a ?? null, b ?? null)),
  gt: fn(['any', 'any'], ([a, b]) => !(lt(a ?? null, b ?? null) || eq(a ?? null, b ?? null))),
  ge: fn(['any', 'any'], ([a, b]) => !lt(a ?? null, b ?? null)),
  html: fn([], (a) => htmlEscape(evalArgs(a)), 'any'),
  urlquery: fn([], (a) => queryEscape(evalArgs(a)), 'any'),
  js: fn([], (a) => evalArgs(a).replace(/[\\'"<>&=]/g, (c) => (c === '\\' || c === "'" || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)), 'any'),

  query: fn(['string'], async ([q], env) => {
    if (!env.query) throw new Error('no Prometheus to query');
    return vector((await env.query(q as string)).map(sampleStruct));
  }),
  first: fn(['vector'], ([v]) => {
    const items = (v as GoSlice).items;
    if (items.length === 0) throw new Error('first() called on vector with no elements');
    return items[0];
  }),
  label: fn(['string', 'sample'], ([name, s]) => {
    const labels = labelsOf(s ?? null);
    return (labels[name as string]) ?? '';
  }),
  value: fn(['sample'], ([s]) => {
    if (s === null) throw new Error('invalid memory address or nil pointer dereference');
    return (s as GoStruct).fields.Value;
  }),
  strvec: fn(['vector'], ([v]) => ({ kind: 'slice', type: '[]string', items: (v as GoSlice).items.map((s) => formatV((s as GoStruct).fields.Value)) })),
  sortByLabel: fn(['string', 'vector'], ([name, v]) => {
    const key = (s: GoValue) => (labelsOf(s)[name as string] as string | undefined) ?? '';
    return vector([...(v as GoSlice).items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)));
  }),
  humanize: fn(['any'], ([v]) => humanize(v ?? null)),
  humanize1024: fn(['any'], ([v]) => humanize1024(v ?? null)),
  humanizeDuration: fn(['any'], ([v]) => humanizeDuration(v ?? null)),
  humanizePercentage: fn(['any'], ([v]) => `${g4(toFloat(v ?? null) * 100)}%`),
  humanizeTimestamp: fn(['any'], ([v]) => humanizeTimestamp(v ?? null)),
  toUpper: fn(['string'], ([s]) => (s as string).toUpperCase()),
  toLower: fn(['string'], ([s]) => (s as string).toLowerCase()),
  title: fn(['string'], ([s]) => title(s as string)),
  reReplaceAll: fn(['string', 'string', 'string'], ([p, r, t]) => reReplaceAll(p as string, r as string, t as string)),
  match: fn(['string', 'string'], ([p, s]) => goMatch(p as string, s as string)),
  safeHtml: fn(['string'], ([s]) => s),
  args: fn([], (a) => ({ kind: 'map', type: 'map[string]interface {}', zero: null, entries: Object.fromEntries(a.map((v, i) => [`arg${i}`, v])) }), 'any'),
  externalURL: fn([], (_a, env) => env.externalUrl),
  pathPrefix: fn([], (_a, env) => {
    try {
      return new URL(env.externalUrl).pathname.replace(/\/$/, '');
    } catch {
      return '';
    }
  }),
  graphLink: fn(['string'], ([e], env) => `${env.externalUrl}/graph?g0.expr=${queryEscape(e as string)}&g0.tab=0`),
  tableLink: fn(['string'], ([e], env) => `${env.externalUrl}/graph?g0.expr=${queryEscape(e as string)}&g0.tab=1`),
  stripPort: fn(['string'], ([h]) => {
    const host = h as string;
    const m = /^\[([^\]]+)\]:\d*$/.exec(host) ?? /^([^:]*):\d*$/.exec(host);
    return m ? (m[1] ?? host) : host;
  }),
};

export const isTemplateFunction = (name: string): boolean => Object.hasOwn(templateFunctions, name);
