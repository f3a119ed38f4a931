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
export type Value = { t: 'scalar'; v: number } | { t: 'string'; v: string } | { t: 'vector'; samples: Sample[] } | { t: 'matrix'; series: Series[] };

export class UnsupportedPromql extends Error {}

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

export const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

