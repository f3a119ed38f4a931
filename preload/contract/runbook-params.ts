// The one check of a runbook parameter value, shared by the core (the authority, on preview and start)
// and the start form (the same words while the engineer types).
import type { RunbookParamView } from './runbooks';

/** No leading "-": a host value must never be read as an ssh or command option. */
const hostPattern = /^[A-Za-z0-9_][A-Za-z0-9_.:@-]*$/;
/** The durations config.yml and runbooks accept: `0`, `90s`, `1h30m`, `500ms`, `7d`. */
const durationPattern = /^(0|(\d+(ms|s|m|h|d|w|y))+)$/;

export function isHostName(value: string): boolean {
  return hostPattern.test(value);
}

/** Undefined when the value is acceptable, else what is wrong with it ("is not an integer"). */
export function paramValueProblem(param: Pick<RunbookParamView, 'type' | 'values' | 'pattern'>, value: string): string | undefined {
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
      if (!durationPattern.test(value.trim())) return 'is not a duration (e.g. 30s, 5m)';
      break;
    case 'host':
      if (!isHostName(value)) return 'is not a host name';
      break;
  }
  if (param.pattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${param.pattern})$`);
    } catch {
      // The parser reports a broken pattern with its line; a form must not block on it.
      return undefined;
    }
    if (!pattern.test(value)) return `does not match the pattern ${param.pattern}`;
  }
  return undefined;
}
