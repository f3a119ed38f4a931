import { spawnSync } from 'node:child_process';

export interface PromtoolResult {
  code: number;
  output: string;
}

/** Debian's promtool (prometheus package), the reference for rule-file verdicts and template output. */
export function promtool(args: string[], cwd?: string): PromtoolResult {
  const result = spawnSync(process.env.PROMTOOL_PATH ?? '/usr/bin/promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`cannot run promtool (apt-get install prometheus): ${result.error.message}`);
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
