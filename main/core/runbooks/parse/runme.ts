/**
 * Runme's cell and document settings (https://docs.runme.dev/configuration): which ones the console
 * honours, and why it refuses the others. Refusing never fails a check: the cell is kept as a manual
 * step that says why, so a Runme notebook still checks clean and reads whole.
 */

/** Cell settings the console cannot honour, with the reason shown on the step. */
export function refusedCell(attrs: Record<string, string>): string | undefined {
  if (attrs.background === 'true') {
    return 'Runme runs this cell in the background (a process that keeps running). A runbook step must finish so its result can be judged and journaled, so the console does not start it: run it yourself in a terminal, then mark this step done.';
  }
  if (attrs.interactive === 'true') {
    return 'Runme runs this cell with a terminal you type into (interactive=true). The console runs commands without one, so it does not run it: run it yourself in a terminal, then mark this step done.';
  }
  return undefined;
}

/** `ignore=true`: Runme leaves the block out of its runnable cells; so does the console. */
export function ignoredCell(attrs: Record<string, string>): boolean {
  return attrs.ignore === 'true' || attrs.transform === 'false';
}

export type PromptEnvMode = 'auto' | 'always' | 'never';

/** `promptEnv` (cell) or `skipPrompts` (document); unknown words are reported by the caller. */
export function promptEnvMode(cell: string | undefined, skipPrompts: boolean): PromptEnvMode | undefined {
  if (cell === undefined) return skipPrompts ? 'never' : 'auto';
  if (['auto', ''].includes(cell)) return 'auto';
  if (['always', 'yes', 'true'].includes(cell)) return 'always';
  if (['never', 'no', 'false'].includes(cell)) return 'never';
  return undefined;
}

export interface PromptedEnv {
  name: string;
  /** The value written after `=` when it is a plain value (Runme's placeholder). */
  default?: string;
  /** Runme's prompt message (`export X=Enter a project id`) or the hole's words. */
  description?: string;
}

const exportLine = /^(\s*)export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/**
 * Runme asks for the values of `export NAME=…` lines before it runs a cell. The console does the
 * same with params: each such line whose value is a plain text (quoted or not), a prompt message,
 * a `<hole>` or nothing becomes `export NAME={{NAME}}` and a param NAME. Values that compute
 * something (`$(…)`, `$VAR`, backticks) are left to the shell, as Runme does.
 */
export function promptEnv(command: string, mode: PromptEnvMode): { text: string; params: PromptedEnv[] } {
  if (mode === 'never') return { text: command, params: [] };
  const params: PromptedEnv[] = [];
  const lines = command.split('\n').map((line) => {
    const m = exportLine.exec(line);
    if (!m) return line;
    const [, indent = '', name = '', raw = ''] = m;
    const value = raw.trim();
    if (/[$`\\;&|<>(){}]/.test(value.replace(/^<[^<>]+>$|^"<[^<>"]+>"$|^'<[^<>']+>'$/, ''))) return line;
    const unquoted = /^"(.*)"$/.exec(value)?.[1] ?? /^'(.*)'$/.exec(value)?.[1];
    const text = unquoted ?? value;
    const hole = /^<(.+)>$/.exec(text)?.[1];
    if (hole !== undefined) params.push({ name, description: hole });
    else if (text === '') params.push({ name });
    else if (unquoted === undefined && /\s/.test(text)) params.push({ name, description: text });
    else params.push({ name, default: text });
    return `${indent}export ${name}={{${name}}}`;
  });
  return { text: lines.join('\n'), params };
}
