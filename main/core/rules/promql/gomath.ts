// Go's math package where V8's Math differs from it in the last digit: Prometheus computes PromQL
// functions with Go, and promtool is compared with to the last digit. These follow Go's (Cephes-
// and FreeBSD-derived) algorithms and coefficients; Math.sqrt already gives Go's results.

const buf = new DataView(new ArrayBuffer(8));

/** Go's math.Frexp: x = frac * 2^exp with 0.5 <= |frac| < 1. */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  // Subnormals: scale into the normal range first.
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 2 ** 52;
    exp = -52;
  }
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  buf.setUint32(0, (hi & ~(0x7ff << 20)) | (1022 << 20));
  return [buf.getFloat64(0), exp];
}

/** frac * 2^exp, in steps so that no intermediate power of two overflows. */
function ldexp(frac: number, exp: number): number {
  while (exp > 1000) {
    frac *= 2 ** 1000;
    exp -= 1000;
  }
  while (exp < -1000) {
    frac *= 2 ** -1000;
    exp += 1000;
  }
  return frac * 2 ** exp;
}

/** Go's math.Log (its amd64 assembly computes the same): frexp, then a polynomial in s = f/(2+f). */
export function log(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  let [f1, ki] = frexp(x);
  if (f1 <= Math.SQRT1_2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (0.6666666666666735 + s4 * (0.2857142874366239 + s4 * (0.1818357216161805 + s4 * 0.14798198605116586)));
  const t2 = s4 * (0.3999999999940942 + s4 * (0.22222198432149784 + s4 * 0.15313837699209373));
  const hfsq = 0.5 * f * f;
  return ki * 0.6931471803691238 - (hfsq - (s * (hfsq + (t1 + t2)) + ki * 1.9082149292705877e-10) - f);
}

export function log2(x: number): number {
  const [frac, exp] = frexp(x);
  // Exact powers of two give exact answers.
  if (frac === 0.5) return exp - 1;
  return log(frac) * Math.LOG2E + exp;
}

export const log10 = (x: number) => log(x) * Math.LOG10E;

// Pi/4 in three parts, for the extended precision argument reduction of sin, cos and tan.
const PI4A = 0.7853981256484985;
const PI4B = 3.774894707930798e-08;
const PI4C = 2.6951514290790595e-15;
const sinC = [1.5896230157654656e-10, -2.5050747762857807e-08, 2.7557313621385722e-06, -0.0001984126982958954, 0.008333333333322118, -0.1666666666666663] as const;
const cosC = [-1.1358536521387682e-11, 2.087570084197473e-09, -2.755731417929674e-07, 2.4801587288851704e-05, -0.0013888888888873056, 0.041666666666666595] as const;
// Beyond this Go switches to Payne-Hanek reduction; such arguments fall back to V8 here.
const reduceThreshold = 2 ** 29;

/** The octant j (0..7 when `mod8`) and the reduced argument z of |x|. */
function reduce(x: number, mod8: boolean): [number, number] {
  let j = Math.trunc(x * (4 / Math.PI));
  let y = j;
  if (j % 2 === 1) {
    j++;
    y++;
  }
  if (mod8) j %= 8;
  return [j, x - y * PI4A - y * PI4B - y * PI4C];
}

const sinPoly = (z: number, zz: number) => z + z * zz * (((((sinC[0] * zz + sinC[1]) * zz + sinC[2]) * zz + sinC[3]) * zz + sinC[4]) * zz + sinC[5]);
const cosPoly = (zz: number) => 1.0 - 0.5 * zz + zz * zz * (((((cosC[0] * zz + cosC[1]) * zz + cosC[2]) * zz + cosC[3]) * zz + cosC[4]) * zz + cosC[5]);

export function sin(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  if (!Number.isFinite(x) || Math.abs(x) >= reduceThreshold) return Math.sin(x);
  let sign = x < 0;
  const reduced = reduce(Math.abs(x), true);
  let j = reduced[0];
  const z = reduced[1];
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  const zz = z * z;
  const y = j === 1 || j === 2 ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

export function cos(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= reduceThreshold) return Math.cos(x);
  let sign = false;
  const reduced = reduce(Math.abs(x), true);
  let j = reduced[0];
  const z = reduced[1];
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  const zz = z * z;
  const y = j === 1 || j === 2 ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

const tanP = [-13093.693918138379, 1153516.6483858742, -17956525.197648488] as const;
const tanQ = [13681.296347069296, -1320892.3444021097, 25008380.18233579, -53869575.592945464] as const;

export function tan(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  if (!Number.isFinite(x) || Math.abs(x) >= reduceThreshold) return Math.tan(x);
  const [j, z] = reduce(Math.abs(x), false);
  const zz = z * z;
  let y = zz > 1e-14 ? z + z * ((zz * ((tanP[0] * zz + tanP[1]) * zz + tanP[2])) / ((((zz + tanQ[0]) * zz + tanQ[1]) * zz + tanQ[2]) * zz + tanQ[3])) : z;
  if ((j & 2) === 2) y = -1 / y;
  return x < 0 ? -y : y;
}

/** atan on [0, 0.66]. */
function xatan(x: number): number {
  const z = x * x;
  const r = (z * ((((-0.8750608600031904 * z + -16.157537187333652) * z + -75.00855792314705) * z + -122.88666844901361) * z + -64.85021904942025)) / (((((z + 24.858464901423062) * z + 165.02700983169885) * z + 432.88106049129027) * z + 485.3903996359137) * z + 194.5506571482614);
  return x * r + x;
}

/** atan of a non-negative argument, reduced to [0, 0.66]. */
function satan(x: number): number {
  const morebits = 6.123233995736766e-17;
  if (x <= 0.66) return xatan(x);
  if (x > 2.414213562373095) return Math.PI / 2 - xatan(1 / x) + morebits;
  return Math.PI / 4 + xatan((x - 1) / (x + 1)) + 0.5 * morebits;
}

export function atan(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  return x > 0 ? satan(x) : -satan(-x);
}

export function asin(x: number): number {
  if (x === 0 || Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a > 1) return NaN;
  const root = Math.sqrt(1 - a * a);
  const r = a > 0.7 ? Math.PI / 2 - satan(root / a) : satan(a / root);
  return x < 0 ? -r : r;
}

export const acos = (x: number) => Math.PI / 2 - asin(x);

export function atan2(y: number, x: number): number {
  // Zeros, infinities and NaN follow IEEE conventions in both Go and V8.
  if (y === 0 || x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return Math.atan2(y, x);
  const q = atan(y / x);
  if (x < 0) return q <= 0 ? q + Math.PI : q - Math.PI;
  return q;
}

/** Go's math.Pow: repeated squaring for the integer part of the exponent, exp(log) for the rest. */
export function pow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (!Number.isFinite(y) && x === -1) return 1;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return Math.pow(x, y);
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) return Math.pow(x, y);
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = exp(yf * log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe *= 2;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

export function sinh(x: number): number {
  const a = Math.abs(x);
  let r: number;
  if (a > 21) r = exp(a) * 0.5;
  else if (a > 0.5) {
    const ex = exp(a);
    r = (ex - 1 / ex) * 0.5;
  } else {
    // Hart & Cheney #2029, as Go.
    const sq = a * a;
    r = (((-26.30563213397497 * sq + -2894.211355989564) * sq + -89912.72022039509) * sq + -630767.3640497717) * a;
    r /= ((sq + -173.6789535582337) * sq + 15215.17378790019) * sq + -630767.3640497717;
  }
  return x < 0 ? -r : r;
}

export function cosh(x: number): number {
  const a = Math.abs(x);
  if (a > 21) return exp(a) * 0.5;
  const ex = exp(a);
  return (ex + 1 / ex) * 0.5;
}

/** a * b + c with one rounding (nearly always: Dekker's product and a compensated sum). */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p)) return p + c;
  const split = (v: number): [number, number] => {
    const t = 134217729 * v;
    const hi = t - (t - v);
    return [hi, v - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const bb = s - p;
  const t = p - (s - bb) + (c - bb);
  return s + (t + e);
}

const LOG2E = 1.4426950408889634;
const LN2U = 0.693147180559663;
const LN2L = 2.8235290563031577e-13;
const expC = [2.48015873015873e-05, 0.0001984126984126984, 0.001388888888888889, 0.008333333333333333, 0.041666666666666664, 0.16666666666666666, 0.5, 1.0] as const;


/**
 * Go's math.Exp on amd64 (its assembly, after Shibata's method, read from promtool's machine
 * code): reduce by k*ln2, a Taylor series of the remainder / 16, squared four times. This is its
 * path for CPUs with AVX2 and FMA (x86-64 since 2013); on older ones Go's last digit can differ.
 */
export function exp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > 7.09782712893384e2) return Infinity;
  // CVTSD2SI: rounded to nearest, ties to even.
  const scaled = x * LOG2E;
  let k = Math.round(scaled);
  if (k - scaled === 0.5 && k % 2 !== 0) k--;
  let r = fma(-k, LN2L, fma(-k, LN2U, x));
  r *= 0.0625;
  let p: number = expC[0];
  for (const c of expC.slice(1)) p = fma(p, r, c);
  p *= r;
  // (1+p)^16 - 1 by squaring; the last squaring and the final + 1 are one fused operation.
  for (let i = 0; i < 3; i++) p = (p + 2) * p;
  p = fma(p, p + 2, 1);
  return ldexp(p, k);
}

const tanhP = [-0.9643991794250523, -99.28772310019185, -1614.6876844170845] as const;
const tanhQ = [112.81167849163293, 2235.4883906010045, 4844.063053251255] as const;

export function tanh(x: number): number {
  const z = Math.abs(x);
  if (z > 0.5 * 88.02969193111305) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    const r = 1 - 2 / (exp(2 * z) + 1);
    return x < 0 ? -r : r;
  }
  if (x === 0) return x;
  const s = x * x;
  return x + (x * s * ((tanhP[0] * s + tanhP[1]) * s + tanhP[2])) / (((s + tanhQ[0]) * s + tanhQ[1]) * s + tanhQ[2]);
}

export function acosh(x: number): number {
  if (x < 1 || Number.isNaN(x)) return NaN;
  if (x === 1) return 0;
  if (x >= 2 ** 28) return log(x) + Math.LN2;
  if (x > 2) return log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
  const t = x - 1;
  return Math.log1p(t + Math.sqrt(2 * t + t * t));
}

export function asinh(x: number): number {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  let r: number;
  if (a > 2 ** 28) r = log(a) + Math.LN2;
  else if (a > 2) r = log(2 * a + 1 / (Math.sqrt(a * a + 1) + a));
  else if (a < 2 ** -28) r = a;
  else r = Math.log1p(a + (a * a) / (1 + Math.sqrt(1 + a * a)));
  return x < 0 ? -r : r;
}
