// Inline checks of the start form's params: the core's own check (preload/contract/runbook-params.ts),
// so mistakes show while typing in the same words; the core checks again on start and stays the authority.
import type { RunbookParamView } from '../../../../preload/contract';
import { paramValueProblem } from '../../../../preload/contract/runbook-params';

/** What is wrong with a value the engineer typed, or null. An empty value means "use the default". */
export function checkParam(param: RunbookParamView, value: string): string | null {
  if (value === '') return param.required && param.default === undefined ? 'required' : null;
  return paramValueProblem(param, value) ?? null;
}

/**
 * The form's first values: a value from the link, else the default. Secret defaults arrive as `***`
 * and must not be sent back as a value, so secret fields start empty ("keep the default").
 */
export function initialValues(params: RunbookParamView[], prefill: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of params) values[p.name] = prefill[p.name] ?? (p.secret ? '' : (p.default ?? ''));
  return values;
}

/** Only filled-in values go to the core, so an empty field means the runbook's default applies. */
export function paramsToSend(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

/** Every inline problem, by param name; empty when the form may be sent. */
export function formErrors(params: RunbookParamView[], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of params) {
    const problem = checkParam(p, values[p.name] ?? '');
    if (problem) errors[p.name] = problem;
  }
  return errors;
}
