// Inline checks of the start form's params. They mirror the core's validation so mistakes show while
// typing; the core checks again on start (runbooks:preview / runbooks:start) and stays the authority.
import type { RunbookParamView } from '../../../../preload/contract';

const hostName = /^[A-Za-z0-9_][A-Za-z0-9_.:@-]*$/;
const duration = /^(0|((\d+)(ms|s|m|h|d|w|y))+)$/;

/** What is wrong with a value the engineer typed, or null. An empty value means "use the default". */
export function checkParam(param: RunbookParamView, value: string): string | null {
  if (value === '') return param.required && param.default === undefined ? 'required' : null;
  switch (param.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return 'not an integer';
      break;
    case 'number':
      if (value.trim() === '' || !Number.isFinite(Number(value))) return 'not a number';
      break;
    case 'boolean':
      if (value !== 'true' && value !== 'false') return 'true or false';
      break;
    case 'enum':
      if (!(param.values ?? []).includes(value)) return `one of ${(param.values ?? []).join(', ')}`;
      break;
    case 'duration':
      if (!duration.test(value.trim())) return 'a duration such as 30s or 5m';
      break;
    case 'host':
      if (!hostName.test(value)) return 'not a host name';
      break;
  }
  if (param.pattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${param.pattern})$`);
    } catch {
      // A broken pattern is a runbook error the core reports with its line; do not block the form on it.
      return null;
    }
    if (!pattern.test(value)) return `must match ${param.pattern}`;
  }
  return null;
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
