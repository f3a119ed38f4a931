import type { CommandStep, Runbook, Step } from './model';
import { needsConfirmation } from './model';
import { redactUrl } from '../shared/redact';
import { replacePlaceholders } from './placeholders';
import { isHostName } from '../../../preload/contract/runbook-params';
import { isPlaceholderName, resolveParams, type ParamValues } from './render/params';
import { stepPlaceholders } from './parse';
import { renderShell } from './render/shell';

export { resolveParams, type ParamValues } from './render/params';

/** What a run knows when it renders: values given by the engineer, the alert's labels, a chosen host. */
export interface RenderInput {
  params?: Record<string, string>;
  labels?: Record<string, string>;
  /** The host the engineer picked for steps whose host is unresolved. */
  host?: string;
}

/**
 * A step ready to run: `step` has every placeholder filled and quoted for where it lands (what the
 * runner executes); `display` is the same with secret values as `***` (what screens and the
 * journal show). Never run `display`, never show `step`.
 */
export interface RenderedStep<S extends Step = Step> {
  step: S;
  display: S;
  /** The resolved host for ssh steps; undefined means the runner must ask (choices: runbook.hosts). */
  host?: string;
  /** One line a human reads: the command, `GET url`, the query, the wait target. Masked. */
  summary: string;
  needsConfirmation: boolean;
  /** Why this step cannot run as rendered (a missing value, an unsafe spot). Empty when it can. */
  errors: string[];
  /**
   * Params this step waits for a human to give (`<holes>`, Runme exports, values the alert does not
   * carry), with why each has no value. Not errors of the runbook: the step cannot run until given.
   */
  asks: { name: string; why: string }[];
}

const secretToken = (n: number) => `ONCALLSECRET${n}MASK`;

export function renderStep<S extends Step>(runbook: Runbook, step: S, values: ParamValues, input: Pick<RenderInput, 'host'> = {}): RenderedStep<S> {
  const errors: string[] = [];
  const real = fill(step, values, errors, (name) => values.values.get(name));
  // The display copy fills secrets with an inert token (survives quoting unchanged), then masks it.
  const secretNames = [...values.secrets];
  const masked = fill(step, values, [], (name) => {
    const at = secretNames.indexOf(name);
    return at >= 0 && values.values.has(name) ? secretToken(at) : values.values.get(name);
  });
  const display = JSON.parse(JSON.stringify(masked).replace(/ONCALLSECRET\d+MASK/g, '***')) as S;
  let host: string | undefined;
  // `--host local` (or choosing "local") runs a step that names no host on this machine.
  if (real.kind === 'ssh' && real.host === undefined && input.host === 'local') {
    real.kind = 'local';
    (display as CommandStep).kind = 'local';
  }
  if (real.kind === 'ssh') {
    host = real.host ?? input.host;
    if (host !== undefined && !isHostName(host)) {
      errors.push(`host "${host}" is not a host name`);
      host = undefined;
    }
    if (host !== undefined) {
      real.host = host;
      (display as CommandStep).host = host;
    }
  }
  const asks = stepPlaceholders(step).flatMap((name) => {
    const why = values.missing.get(name);
    return why !== undefined ? [{ name, why }] : [];
  });
  return { step: real, display, ...(host !== undefined ? { host } : {}), summary: summarize(display), needsConfirmation: needsConfirmation(runbook, step), errors: [...new Set(errors)], asks };
}

/** Renders every step of a run at once (dry run, the guided UI's overview). */
export function renderRunbook(runbook: Runbook, input: RenderInput = {}): { params: ParamValues; steps: RenderedStep[] } {
  const params = resolveParams(runbook, input.params, input.labels);
  return { params, steps: runbook.steps.map((step) => renderStep(runbook, step, params, input)) };
}

type Lookup = (name: string) => string | undefined;

function fill<S extends Step>(step: S, values: ParamValues, errors: string[], lookup: Lookup): S {
  const copy = structuredClone(step);
  // A missing value is an error only for a real placeholder that nobody is asked for; `{{name}}`
  // that is no param (a Go template in a kubectl command) stays as written.
  const reportable = (name: string) => isPlaceholderName(values, name) && !values.missing.has(name);
  const missing = (name: string): undefined => {
    if (reportable(name)) errors.push(`{{${name}}} has no value`);
    return undefined;
  };
  const text = (template: string, encode: (v: string) => string = (v) => v) =>
    replacePlaceholders(template, (name) => {
      const v = lookup(name);
      return v === undefined ? missing(name) : encode(v);
    });
  const shell = (script: string) => renderShell(script, lookup, errors, (name) => /^ONCALLSECRET\d+MASK$/.test(lookup(name) ?? ''), reportable);
  copy.title = text(copy.title);
  switch (copy.kind) {
    case 'ssh':
    case 'local':
      if (copy.interpreter === undefined) copy.command = shell(copy.command);
      else copy.command = text(copy.command, (v) => rawValue(v, values, errors));
      if (copy.interpreter !== undefined) copy.interpreter = shell(copy.interpreter);
      if (copy.host !== undefined) copy.host = text(copy.host);
      if (copy.cwd !== undefined) copy.cwd = text(copy.cwd);
      if (copy.expectOutput !== undefined) copy.expectOutput = text(copy.expectOutput, escapeRegex);
      break;
    case 'http':
      // A value that starts the URL is its base (https://host:port); anywhere else it is one encoded piece.
      copy.url = replacePlaceholders(copy.url, (name, offset) => {
        const v = lookup(name);
        if (v === undefined) return missing(name);
        return offset === 0 ? v : encodeURIComponent(v);
      });
      if (!/^https?:\/\/[^\s]+$/.test(copy.url) && !copy.url.includes('{{')) errors.push(`"${copy.url}" is not an http(s) URL`);
      for (const key of Object.keys(copy.headers)) copy.headers[key] = text(copy.headers[key] ?? '');
      if (copy.body !== undefined) copy.body = text(copy.body);
      if (copy.expectBody !== undefined) copy.expectBody = text(copy.expectBody, escapeRegex);
      break;
    case 'promql':
      // Label values sit inside "…" in PromQL; escaping keeps a value from closing the string.
      copy.query = text(copy.query, (v) => v.replace(/[\\"'`]/g, (c) => `\\${c}`).replace(/\n/g, '\\n'));
      break;
    case 'wait':
    case 'manual':
      break;
  }
  for (const check of copy.checks) check.text = text(check.text);
  return copy;
}

/**
 * Non-shell blocks (SQL via psql, python) get values pasted as they are, so only values that were
 * checked against a type or pattern, or that are plainly harmless, may go in.
 */
function rawValue(v: string, values: ParamValues, errors: string[]): string {
  const validated = [...values.values].some(([name, value]) => value === v && values.validated.has(name));
  if (!validated && !/^[A-Za-z0-9_.:/@+-]*$/.test(v)) {
    errors.push(`the value ${JSON.stringify(v)} goes into a non-shell block unquoted; give its param a pattern or type`);
    return '';
  }
  return v;
}

function escapeRegex(v: string): string {
  return v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function summarize(step: Step): string {
  switch (step.kind) {
    case 'ssh':
    case 'local':
      return step.interpreter ? `${step.interpreter} <<'EOF'\n${step.command}\nEOF` : step.command;
    case 'http':
      return `${step.method} ${redactUrl(step.url)}`;
    case 'promql':
      return step.expect ? `${step.query}  (expect ${step.expect.text})` : step.query;
    case 'wait':
      return `until step "${step.target}" passes (every ${step.intervalMs / 1000}s, up to ${step.timeoutMs / 1000}s)`;
    case 'manual':
      return step.checks.map((c) => `[${c.checked ? 'x' : ' '}] ${c.text}`).join('\n');
  }
}
