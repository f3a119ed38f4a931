import { parseDuration } from '../../shared/duration';
import type { Runbook, RunbookParam } from '../model';

/** Values for every placeholder a run may meet, validated, plus which ones are secret. */
export interface ParamValues {
  /** Param values (declared params) and alert labels, by placeholder name (`name` and `labels.name`). */
  values: Map<string, string>;
  /** Names whose values must never be displayed. */
  secrets: Set<string>;
  /** Names whose values passed a type or pattern check (safe to paste raw into non-shell text such as SQL). */
  validated: Set<string>;
  /** One message per bad or missing value, naming the param. */
  errors: string[];
}

const hostPattern = /^[A-Za-z0-9_][A-Za-z0-9_.:@-]*$/;

/**
 * Precedence: a value given (`--param`, the UI) beats an alert label of the same name, which beats
 * the default. Every param value is validated against its type and pattern before anything is rendered.
 */
export function resolveParams(runbook: Pick<Runbook, 'params'>, given: Record<string, string> = {}, labels: Record<string, string> = {}): ParamValues {
  const result: ParamValues = { values: new Map(), secrets: new Set(), validated: new Set(), errors: [] };
  const declared = new Map(runbook.params.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) result.errors.push(`${name}: not a param of this runbook (params: ${[...declared.keys()].join(', ') || 'none'})`);
  }
  for (const [name, value] of Object.entries(labels)) result.values.set(`labels.${name}`, value);
  // Labels also fill bare {{name}} placeholders that are not params (e.g. {{instance}}).
  for (const [name, value] of Object.entries(labels)) if (!declared.has(name)) result.values.set(name, value);
  for (const param of runbook.params) {
    if (param.secret) result.secrets.add(param.name);
    const value = given[param.name] ?? labels[param.name] ?? param.default;
    if (value === undefined) {
      if (param.required) result.errors.push(`${param.name}: required${param.description ? ` (${param.description})` : ''}; pass --param ${param.name}=VALUE`);
      continue;
    }
    const problem = validateParam(param, value);
    if (problem) {
      // A secret's value must not leak through an error message either.
      result.errors.push(`${param.name}: ${param.secret ? 'the value' : JSON.stringify(value)} ${problem}`);
      continue;
    }
    result.values.set(param.name, value);
    if (param.pattern !== undefined || param.type !== 'string') result.validated.add(param.name);
  }
  return result;
}

/** Undefined when the value is acceptable, else what is wrong with it. */
export function validateParam(param: RunbookParam, value: string): string | undefined {
  // NUL cannot be passed in an argv or an environment; reject it before anyone tries.
  if (value.includes('\0')) return 'contains a NUL byte';
  switch (param.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return 'is not an integer';
      break;
    case 'number':
      if (value.trim() === '' || !Number.isFinite(Number(value))) return 'is not a number';
      break;
    case 'boolean':
      if (value !== 'true' && value !== 'false') return 'is not true or false';
      break;
    case 'enum':
      if (!(param.values ?? []).includes(value)) return `is not one of ${(param.values ?? []).join(', ')}`;
      break;
    case 'duration':
      try {
        parseDuration(value);
      } catch {
        return 'is not a duration (e.g. 30s, 5m)';
      }
      break;
    case 'host':
      // No leading "-": a host value must never be read as an ssh or command option.
      if (!hostPattern.test(value)) return 'is not a host name';
      break;
    case 'string':
      break;
  }
  if (param.pattern !== undefined && !new RegExp(`^(?:${param.pattern})$`).test(value)) return `does not match the pattern ${param.pattern}`;
  return undefined;
}

export function isHostName(value: string): boolean {
  return hostPattern.test(value);
}
