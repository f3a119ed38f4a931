import { paramValueProblem } from '../../../../preload/contract/runbook-params';
import type { Runbook } from '../model';

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
    const problem = paramValueProblem(param, value);
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

