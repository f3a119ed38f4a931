/**
 * What `oncall runbook run` was asked to do, parsed once by commands/runbook.ts and carried out by
 * runbook-exec.ts. It lives below both so that neither imports the other's module for it.
 */
export interface RunOptions {
  target: string;
  params: Record<string, string>;
  labels: Record<string, string>;
  /** `--host H`: the host for steps whose host is unresolved. */
  host?: string;
  incident?: string;
  yes: boolean;
  json: boolean;
  /** `--confirm STEP=VALUE`, by step id. */
  confirmations: Record<string, string>;
}
