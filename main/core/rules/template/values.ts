/**
 * Go values as templates see them. Floats are JS numbers (Go float64); Go ints are boxed, because
 * Go prints and compares them differently (`1e+06` vs `1000000`, and `gt 1.5 1` is an error).
 * `undefined` is Go's invalid reflect.Value (e.g. a field of an invalid value), printed as `<no value>`.
 */
export interface GoInt {
  kind: 'int';
  value: number;
}
/**
 * A method of a Go value (Alertmanager's `.Alerts.Firing`, `.SortedPairs`, `.Remove`, time's
 * `.Format`). Go looks methods up before fields and map keys, and so does the executor.
 */
export interface GoMethod {
  /** Number of arguments; each is passed as evaluated. */
  arity: number;
  call(args: GoValue[]): GoValue;
}
export type GoMethods = Record<string, GoMethod>;

export interface GoMap {
  kind: 'map';
  methods?: GoMethods;
  /** Go type of the map, for error messages: map[string]string or map[string]interface {}. */
  type: string;
  entries: Record<string, GoValue>;
  /** The zero value returned by `index` for a missing key. */
  zero: GoValue;
}
export interface GoSlice {
  kind: 'slice';
  methods?: GoMethods;
  type: string;
  items: GoValue[];
}
export interface GoStruct {
  kind: 'struct';
  methods?: GoMethods;
  type: string;
  fields: Record<string, GoValue>;
}
export type GoValue = undefined | null | string | number | boolean | GoInt | GoMap | GoSlice | GoStruct;

export const goInt = (value: number): GoInt => ({ kind: 'int', value: Math.trunc(value) });
export const stringMap = (entries: Record<string, string>): GoMap => ({ kind: 'map', type: 'map[string]string', entries: { ...entries }, zero: '' });

export function isInt(v: GoValue): v is GoInt {
  return typeof v === 'object' && v !== null && v.kind === 'int';
}

export function typeName(v: GoValue): string {
  if (v === undefined) return 'invalid';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return v.kind === 'int' ? 'int' : v.type;
}

/** Go's template truth: empty strings, zero numbers, empty maps and slices and nil are false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  switch (v.kind) {
    case 'int':
      return v.value !== 0;
    case 'map':
      return Object.keys(v.entries).length > 0;
    case 'slice':
      return v.items.length > 0;
    case 'struct':
      return true;
  }
}

/** The value's method `name`, if it has one (never an inherited property of the plain object). */
export function methodOf(v: GoValue, name: string): GoMethod | undefined {
  if (typeof v !== 'object' || v === null || v.kind === 'int' || !v.methods) return undefined;
  return Object.hasOwn(v.methods, name) ? v.methods[name] : undefined;
}
