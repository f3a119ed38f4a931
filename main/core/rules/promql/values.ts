/** Values of the PromQL evaluator and the label helpers its parts share. */
export interface Point {
  t: number;
  v: number;
  /** A staleness marker (`stale` in input_series): the series ends here. */
  stale?: boolean;
}
export interface Series {
  labels: Record<string, string>;
  points: Point[];
}
export interface Sample {
  labels: Record<string, string>;
  value: number;
}
/** A range vector remembers its window [start, end] (ms): rate() extrapolates towards its edges. */
export type Matrix = { t: 'matrix'; series: Series[]; start: number; end: number };
export type Value = { t: 'scalar'; v: number } | { t: 'string'; v: string } | { t: 'vector'; samples: Sample[] } | Matrix;

export function vec(v: Value): Sample[] {
  if (v.t !== 'vector') throw new Error(`expected an instant vector, got ${v.t}`);
  return v.samples;
}

export const scalarOf = (v: Value): number => (v.t === 'scalar' ? v.v : NaN);

export function dropName(labels: Record<string, string>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

export function groupKey(labels: Record<string, string>, names: string[], on: boolean): Record<string, string> {
  if (on) return Object.fromEntries(names.filter((n) => labels[n] !== undefined).map((n) => [n, labels[n] as string]));
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== '__name__' && !names.includes(k)));
}

const byName = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);
/**
 * The label set as one string, equal for equal sets, that sorts as Prometheus's labels.Compare
 * does: names and values in name order, each followed by a byte lower than any they contain.
 */
export function keyOf(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  let key = '';
  for (const n of names) key += `${n}\u0000${labels[n] as string}\u0000`;
  return key;
}

/** Prometheus's labels.Compare: the order in which its storage returns series. */
export function compareLabels(a: Record<string, string>, b: Record<string, string>): number {
  const x = Object.entries(a).sort(byName);
  const y = Object.entries(b).sort(byName);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [xn, xv] = x[i] as [string, string];
    const [yn, yv] = y[i] as [string, string];
    if (xn !== yn) return xn < yn ? -1 : 1;
    if (xv !== yv) return xv < yv ? -1 : 1;
  }
  return x.length - y.length;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): the shortest digits, never an exponent. */
export function formatFloatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const text = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return Object.is(v, -0) ? '-0' : text;
  const [, sign, lead, frac = '', exp] = m as unknown as [string, string, string, string | undefined, string];
  const digits = lead + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.padEnd(point, '0')}`;
}
