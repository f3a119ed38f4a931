import { paramValueProblem } from '../../../../preload/contract/runbook-params';
import type { Runbook, RunbookParam } from '../model';

/** Values for every placeholder a run may meet, validated, plus which ones are secret. */
export interface ParamValues {
  /** Param values (declared params) and alert labels, by placeholder name (`name`, `labels.name`, `annotations.name`). */
  values: Map<string, string>;
  /** Names whose values must never be displayed. */
  secrets: Set<string>;
  /** Names whose values passed a type or pattern check (safe to paste raw into non-shell text such as SQL). */
  validated: Set<string>;
  /** One message per bad or missing value, naming the param. */
  errors: string[];
  /**
   * Params without a value that a human gives at the step that needs them: `<holes>`, Runme
   * `export` prompts, and params mapped to the alert (`from:`) that the alert does not carry.
   * Name -> why it has no value.
   */
  missing: Map<string, string>;
  /** Names that are placeholders (declared or implicit params); any other `{{name}}` without a value is literal text. */
  declared: Set<string>;
}

/** Annotations travel with the alert's labels under `annotations.NAME` (a label name never holds a dot). */
export const annotationPrefix = 'annotations.';

/** `{{labels.x}}`, `{{annotations.x}}` and declared params are always placeholders. */
export function isPlaceholderName(values: Pick<ParamValues, 'declared'>, name: string): boolean {
  return values.declared.has(name) || name.startsWith('labels.') || name.startsWith(annotationPrefix);
}

/** The labels (and `annotations.`-prefixed annotations) a run keeps for an alert. */
export function alertContext(labels: Record<string, string>, annotations: Record<string, string> = {}): Record<string, string> {
  return { ...labels, ...Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${annotationPrefix}${k}`, v])) };
}

/** A default that points somewhere (a host, a URL) is wrong for an alert about something else. */
function defaultNamesAPlace(param: RunbookParam): boolean {
  return param.type === 'host' || /^[a-z][a-z0-9+.-]*:\/\//i.test(param.default ?? '');
}

/** The first `from:` source the alert carries. */
function fromAlert(param: RunbookParam, context: Record<string, string>): string | undefined {
  for (const source of param.from ?? []) {
    const value = source.startsWith('labels.') ? context[source.slice('labels.'.length)] : context[source];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/**
 * Precedence: a value given (`--param`, the UI), then the param's `from:` sources on the alert,
 * then an alert label of the same name, then the default. In a run for an alert the default is not
 * used for a param mapped with `from:` or one whose default names a host or URL: the alert is about
 * something, and a default would quietly point the step somewhere else. Such a param, like a
 * `<hole>`, is then missing and the steps that use it wait for a human. Every value is validated
 * against its type and pattern before anything is rendered.
 */
export function resolveParams(runbook: Pick<Runbook, 'params'>, given: Record<string, string> = {}, labels: Record<string, string> = {}): ParamValues {
  const result: ParamValues = { values: new Map(), secrets: new Set(), validated: new Set(), errors: [], missing: new Map(), declared: new Set(runbook.params.map((p) => p.name)) };
  const declared = new Map(runbook.params.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) result.errors.push(`${name}: not a param of this runbook (params: ${[...declared.keys()].join(', ') || 'none'})`);
  }
  const forAlert = labels.alertname !== undefined;
  for (const [name, value] of Object.entries(labels)) {
    if (name.startsWith(annotationPrefix)) result.values.set(name, value);
    else result.values.set(`labels.${name}`, value);
  }
  // Labels also fill bare {{name}} placeholders that are not params (e.g. {{instance}}).
  for (const [name, value] of Object.entries(labels)) if (!declared.has(name) && !name.startsWith(annotationPrefix)) result.values.set(name, value);
  for (const param of runbook.params) {
    if (param.secret) result.secrets.add(param.name);
    const label = param.from === undefined && !param.name.includes('.') ? labels[param.name] : undefined;
    const keepDefault = !forAlert || (param.from === undefined && !defaultNamesAPlace(param));
    const value = given[param.name] ?? fromAlert(param, labels) ?? label ?? (keepDefault ? param.default : undefined);
    if (value === undefined) {
      if (param.implicit !== undefined || param.from !== undefined || (forAlert && param.default !== undefined)) {
        result.missing.set(param.name, missingReason(param, forAlert));
      } else if (param.required) {
        result.errors.push(`${param.name}: required${param.description ? ` (${param.description})` : ''}; pass --param ${param.name}=VALUE`);
      }
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

function missingReason(param: RunbookParam, forAlert: boolean): string {
  if (param.from !== undefined) return forAlert ? `the alert carries none of ${param.from.join(', ')}` : `no alert gives ${param.from.join(' or ')}`;
  if (forAlert && param.default !== undefined) return `its default ${JSON.stringify(param.default)} is not what the alert names`;
  return param.description ?? 'asked for by the runbook';
}
