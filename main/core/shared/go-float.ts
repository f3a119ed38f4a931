/**
 * Float formatting exactly as Go's strconv and fmt do it. Rounding to a precision works on the
 * exact decimal expansion of the double (BigInt), with Go's round-half-to-even on exact ties, so
 * `%.4g` and `%.2f` give the same digits as Prometheus, not JavaScript's toPrecision/toFixed.
 */
interface Digits {
  /** Decimal digits without leading/trailing zeros ('' for zero). */
  d: string;
  /** Position of the decimal point: value = 0.d × 10^dp. */
  dp: number;
}

function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mantissa << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mantissa * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trim({ d: digits, dp });
}

function trim(x: Digits): Digits {
  let d = x.d.replace(/0+$/, '');
  let dp = x.dp;
  const lead = d.length - d.replace(/^0+/, '').length;
  d = d.slice(lead);
  dp -= lead;
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  // JS and Go both produce the shortest digit string that reads back as the same double.
  const [mant, e] = Math.abs(x).toExponential().split('e') as [string, string];
  return trim({ d: mant.replace('.', ''), dp: Number(e) + 1 });
}

/** Keeps nd digits, rounding like Go's decimal.Round (half to even on exact ties). */
function round(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  const up = next > 5 || (next === 5 && (nd + 1 < x.d.length || (nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1)));
  if (!up) return trim({ d: x.d.slice(0, nd), dp: x.dp });
  const kept = x.d.slice(0, nd);
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return trim({ d: kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1), dp: x.dp });
}

function fmtE(x: Digits, prec: number, e: 'e' | 'E'): string {
  const first = x.d[0] ?? '0';
  let frac = x.d.slice(1, 1 + prec);
  frac += '0'.repeat(Math.max(0, prec - frac.length));
  const exp = x.d === '' ? 0 : x.dp - 1;
  const abs = Math.abs(exp);
  return `${first}${prec > 0 ? `.${frac}` : ''}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function fmtF(x: Digits, prec: number): string {
  let int = x.dp > 0 ? x.d.slice(0, x.dp) + '0'.repeat(Math.max(0, x.dp - x.d.length)) : '0';
  if (int === '') int = '0';
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const idx = x.dp + i;
    frac += idx >= 0 && idx < x.d.length ? x.d[idx] : '0';
  }
  return prec > 0 ? `${int}.${frac}` : int;
}

/** strconv.FormatFloat(x, verb, prec, 64) for verbs e E f F g G; prec -1 means shortest. */
export function formatFloat(x: number, verb: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) digs = shortestDigits(x);
  else {
    const exact = exactDigits(x);
    if (verb === 'e' || verb === 'E') digs = round(exact, prec + 1);
    else if (verb === 'f' || verb === 'F') digs = round(exact, exact.dp + prec);
    else digs = round(exact, prec === 0 ? 1 : prec);
  }
  let body: string;
  switch (verb) {
    case 'e':
    case 'E':
      body = fmtE(digs, shortest ? Math.max(digs.d.length - 1, 0) : prec, verb);
      break;
    case 'f':
    case 'F':
      body = fmtF(digs, shortest ? Math.max(digs.d.length - digs.dp, 0) : prec);
      break;
    default: {
      let p = shortest ? digs.d.length : prec === 0 ? 1 : prec;
      let eprec = p;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (digs.d !== '' && (exp < -4 || exp >= eprec)) {
        if (p > digs.d.length) p = digs.d.length;
        body = fmtE(digs, Math.max(p - 1, 0), verb === 'g' ? 'e' : 'E');
      } else {
        if (p > digs.dp) p = digs.d.length;
        body = fmtF(digs, Math.max(p - digs.dp, 0));
      }
    }
  }
  return neg ? `-${body}` : body;
}

/** fmt's %v of a float64. */
export function formatFloatV(x: number): string {
  return formatFloat(x, 'g', -1);
}
