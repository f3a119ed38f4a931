import { formatFloat, formatFloatV } from '../../shared/go-float';
import { typeName, type GoValue } from './values';

/** Go's strconv.Quote, close enough for label values and messages. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u0007/g, '\\a').replace(/\\u000b/g, '\\v').replace(/\\u00([0-9a-f]{2})/g, '\\x$1').replace(/\u007f/g, '\\x7f');
}

/** fmt's %v of any value (what Fprint writes, and what a template prints). */
export function formatV(v: GoValue, nested = false): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloatV(v);
  if (typeof v === 'boolean') return String(v);
  // fmt prints a value with a String() method (a fmt.Stringer, e.g. time.Time) through it.
  const stringer = v.kind === 'int' ? undefined : v.methods?.String;
  if (stringer && stringer.arity === 0) return formatV(stringer.call([]), nested);
  switch (v.kind) {
    case 'int':
      return String(v.value);
    case 'map':
      // fmt sorts map keys, so output is stable.
      return `map[${Object.keys(v.entries)
        .sort()
        .map((k) => `${k}:${formatV(v.entries[k], true)}`)
        .join(' ')}]`;
    case 'slice':
      return `[${v.items.map((i) => formatV(i, true)).join(' ')}]`;
    case 'struct': {
      const body = `{${Object.values(v.fields)
        .map((f) => formatV(f, true))
        .join(' ')}}`;
      // A pointer to a struct prints as &{...} at the top level; nested, Go prints an address, which
      // no one can compare, so the same &{...} is as good as anything.
      return v.type.startsWith('*') && !nested ? `&${body}` : body;
    }
  }
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += a === undefined ? '<nil>' : formatV(a);
  });
  return out;
}

export function sprintln(args: GoValue[]): string {
  return `${args.map((a) => (a === undefined ? '<nil>' : formatV(a))).join(' ')}\n`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === null || s.length >= spec.width) return s;
  const fill = spec.width - [...s].length;
  if (fill <= 0) return s;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s.charAt(0) : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function badVerb(verb: string, v: GoValue): string {
  return v === null || v === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${formatV(v)})`;
}

function withSign(s: string, spec: Spec): string {
  if (s.startsWith('-') || s === 'NaN') return s;
  if (s.startsWith('+')) return spec.plus ? s : s;
  return spec.plus ? `+${s}` : spec.space ? ` ${s}` : s;
}

function formatOne(verb: string, v: GoValue, spec: Spec): string {
  if (typeof v === 'number') {
    if (!'vgGeEfF'.includes(verb)) return badVerb(verb, v);
    const f = verb === 'v' ? 'g' : (verb as 'g' | 'G' | 'e' | 'E' | 'f' | 'F');
    const prec = spec.prec ?? (verb === 'v' || verb === 'g' || verb === 'G' ? -1 : 6);
    return pad(withSign(formatFloat(v, f, prec), spec), spec, Number.isFinite(v));
  }
  if (typeof v === 'object' && v !== null && v.kind === 'int') {
    const n = v.value;
    let s: string;
    switch (verb) {
      case 'v':
      case 'd':
        s = String(Math.abs(n));
        break;
      case 'x':
      case 'X':
        s = Math.abs(n).toString(16);
        if (verb === 'X') s = s.toUpperCase();
        if (spec.sharp) s = `0${verb}${s}`;
        break;
      case 'o':
        s = Math.abs(n).toString(8);
        break;
      case 'b':
        s = Math.abs(n).toString(2);
        break;
      case 'c':
        return pad(String.fromCodePoint(n), spec, false);
      case 'q':
        return pad(`'${String.fromCodePoint(n)}'`, spec, false);
      default:
        return badVerb(verb, v);
    }
    if (spec.prec !== null) s = s.padStart(spec.prec, '0');
    return pad(withSign(n < 0 ? `-${s}` : s, spec), spec, spec.prec === null);
  }
  if (typeof v === 'string') {
    switch (verb) {
      case 'v':
      case 's':
        return pad(spec.prec === null ? v : [...v].slice(0, spec.prec).join(''), spec, false);
      case 'q':
        return pad(goQuote(v), spec, false);
      case 'x':
      case 'X': {
        const hex = Buffer.from(v, 'utf8').toString('hex');
        return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
      }
      default:
        return badVerb(verb, v);
    }
  }
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), spec, false) : badVerb(verb, v);
  if (v === null || v === undefined) return verb === 'v' ? pad('<nil>', spec, false) : badVerb(verb, v);
  // Maps, slices and structs: fmt applies the verb to each element; %v and %s read the same here.
  return verb === 'v' || verb === 's' ? pad(formatV(v), spec, false) : badVerb(verb, v);
}

/** fmt.Sprintf with the verbs and flags templates use (%v %s %d %f %e %g %q %x %t %c %%). */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width) {
      spec.width = Number(width[0]);
      i += width[0].length;
    }
    if (format[i] === '.') {
      i++;
      const prec = /^\d+/.exec(format.slice(i));
      spec.prec = prec ? Number(prec[0]) : 0;
      if (prec) i += prec[0].length;
    }
    const verb = format[i];
    i++;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argi++] ?? null, spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatV(a)}`))
      .join(', ')})`;
  }
  return out;
}
