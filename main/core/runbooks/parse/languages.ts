/** Which fenced-block languages are commands, and how non-shell ones are fed to a program. */

export const shellLanguages = new Set(['sh', 'bash', 'shell', 'zsh', 'ksh', 'console', 'shellscript', 'shell-session']);

/**
 * Languages that run through a program reading the block on stdin, unless `interpreter=` says
 * otherwise. PostgreSQL because the seeds' databases are PostgreSQL; ON_ERROR_STOP makes a failing
 * statement a failing step.
 */
export const defaultInterpreters: Record<string, string> = {
  sql: 'psql -X -v ON_ERROR_STOP=1',
  psql: 'psql -X -v ON_ERROR_STOP=1',
  python: 'python3 -',
  python3: 'python3 -',
};

/** Check kinds with their own body syntax. */
export const checkLanguages = new Set(['http', 'promql', 'wait']);

/** Attributes the parser interprets, per kind; others are kept in `attributes` and warned about. */
export const commonAttributes = new Set(['name', 'timeout', 'confirm', 'auto', 'readonly']);
export const commandAttributes = new Set(['host', 'local', 'interpreter', 'expect_exit', 'expect_output', 'cwd']);
export const httpAttributes = new Set(['expect_status', 'max_latency', 'expect_body']);
export const promqlAttributes = new Set(['expect', 'source', 'empty_ok']);
export const waitAttributes = new Set(['step', 'until', 'interval']);

/** Runme's own attributes: accepted silently so Runme notebooks check clean. */
export const runmeAttributes = new Set(['interactive', 'background', 'excludeFromRunAll', 'terminalRows', 'closeTerminalOnSuccess', 'promptEnv', 'skipPrompts', 'category', 'tag', 'id', 'mimeType', 'mimetype', 'ignore', 'transform']);
