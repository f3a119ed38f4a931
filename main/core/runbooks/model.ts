/**
 * The parsed form of a runbook file (see docs/runbooks.md for the Markdown format).
 *
 * Contract between the parser (parse.ts) and the runner (runbook-exec): the runner only reads these
 * types and renders commands through render.ts, never the Markdown itself.
 *
 * Line numbers are 1-based and refer to the original file, front matter included.
 */
import type { RunbookParamView } from '../../../preload/contract';

export type StepKind = 'ssh' | 'local' | 'http' | 'promql' | 'wait' | 'manual';

export type RunbookSeverity = 'P1' | 'P2' | 'P3' | 'P4';

export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'duration' | 'host';

/** A declared param (fields documented on the contract's view of it), with its exact type and line. */
export interface RunbookParam extends Omit<RunbookParamView, 'type'> {
  type: ParamType;
  line: number;
  /**
   * `from: annotations.url`: where a run started from an alert takes the value (the first of the
   * list the alert has). Such a param never falls back to its default in an alert's run.
   */
  from?: string[];
  /**
   * Not declared in the front matter but found in the text: a `<hole>` or a Runme `export NAME=`
   * line. Missing values of these are asked for, not errors of the file.
   */
  implicit?: 'hole' | 'env';
}

/** A `- [ ]` item: the engineer ticks it by hand. `checked` is the `- [x]` state written in the file. */
export interface ManualCheck {
  text: string;
  checked: boolean;
  line: number;
}

/** Fields every step has. */
export interface StepBase {
  /** Unique within the runbook: the block's `name=` attribute, else a slug of the title (`-2`, `-3` on clashes). */
  id: string;
  /** Position in the run, 0-based. */
  index: number;
  /** What the UI shows: the heading text, with `(2/3)` when a section held several command blocks. */
  title: string;
  /** The heading (or numbered list item) the step came from. */
  section: string;
  /** Markdown prose between the heading and the block (notes, warnings, non-command code such as YAML). */
  description: string;
  /** Line of the heading / list item. */
  line: number;
  checks: ManualCheck[];
  /** `readonly=true`: the step only looks; required for `auto=true` to take effect. */
  readonly: boolean;
  /** `auto=true`: may run by itself when a linked alert fires (only if every auto step is readonly). */
  auto: boolean;
  /** `confirm=true` written on the block. The runner also demands confirmation in runbooks tagged `rollback`. */
  confirm: boolean;
  /** `timeout=30s`, in ms; undefined means the runner's default. */
  timeoutMs?: number;
  /** Every info-string attribute as written (strings), including ones the parser does not interpret. */
  attributes: Record<string, string>;
}

/** An executable block. `line` of the block's opening fence; `language` is the info-string language. */
export interface BlockSource {
  language: string;
  blockLine: number;
}

/** `sh`/`bash`/… (or any language with `interpreter=`), run on a host over SSH or on this machine. */
export interface CommandStep extends StepBase, BlockSource {
  kind: 'ssh' | 'local';
  /** The block's text with `{{placeholders}}` still in it; render.ts fills and quotes them. */
  command: string;
  /** `host=` as written (may hold `{{param}}`). Undefined for ssh steps: the runner asks which host. */
  host?: string;
  /**
   * Program that reads the block on stdin (`interpreter="psql -X"`), like Runme's attribute.
   * Undefined: the block is a POSIX shell script.
   */
  interpreter?: string;
  /** Accepted exit codes (`expect_exit=0` or `expect_exit=0,1`). Default [0]. */
  expectExit: number[];
  /** `expect_output=REGEX`: stdout+stderr must match (JavaScript RegExp source). */
  expectOutput?: string;
  /** `cwd=/srv/app` (or the front matter's `cwd`); a relative local one is resolved against the file's folder. */
  cwd?: string;
  /** Runme's front matter `shell: bash`: the script runs as `SHELL -c SCRIPT` instead of the default shell. */
  shell?: string;
  /** A transcript block's output lines (after `$ ` prompts): shown beside the command, never run. */
  expectedOutput?: string;
}

/** ```` ```http ```` block: `METHOD URL`, optional `Header: value` lines, blank line, optional body. */
export interface HttpStep extends StepBase, BlockSource {
  kind: 'http';
  method: string;
  /** May hold `{{placeholders}}`; rendered URL-encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** `expect_status=200` or `200,204` (default: any 2xx). */
  expectStatus?: number[];
  /** `max_latency=500ms`. */
  maxLatencyMs?: number;
  /** `expect_body=REGEX`. */
  expectBody?: string;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** `value < 0.01`: every series of the result (or the scalar) must satisfy it. */
export interface ValueCondition {
  op: CompareOp;
  threshold: number;
  text: string;
}

/** ```` ```promql {expect="value < 0.01"} ````: an instant query against a configured Prometheus. */
export interface PromqlStep extends StepBase, BlockSource {
  kind: 'promql';
  query: string;
  /** Undefined: passes when the query returns at least one sample. */
  expect?: ValueCondition;
  /** `source=NAME`: which configured Prometheus (default: the first). */
  source?: string;
  /** `empty_ok=true`: an empty result passes (e.g. `up == 0` returning nothing). */
  emptyOk: boolean;
}

/** ```` ```wait {step=health interval=10s timeout=5m} ````: re-run another step until it passes. */
export interface WaitStep extends StepBase, BlockSource {
  kind: 'wait';
  /** Id of the step to poll (must be an http, promql, ssh or local step of this runbook). */
  target: string;
  intervalMs: number;
  /** Always set for wait steps (default 5m). */
  timeoutMs: number;
}

/** A heading with only prose and `- [ ]` checks. */
export interface ManualStep extends StepBase {
  kind: 'manual';
}

export type Step = CommandStep | HttpStep | PromqlStep | WaitStep | ManualStep;

export interface Runbook {
  /** Front matter `id`, else the file name without `.md`. Matched against alerts' runbook_url. */
  id: string;
  title: string;
  /** Absolute path of the file it came from. */
  file: string;
  /** Prose before the first step. */
  description: string;
  /** Hosts the runbook works on: offered as choices when a step's host is unresolved. */
  hosts: string[];
  severity?: RunbookSeverity;
  tags: string[];
  /** Alert names this runbook answers (alertname label values). */
  alerts: string[];
  params: RunbookParam[];
  steps: Step[];
  /** Tagged `rollback`: every executable step needs a typed confirmation. */
  rollback: boolean;
}

export type IssueSeverity = 'error' | 'warning';

/** A problem found in a file, always with its place. `field` names the attribute or front matter key. */
export interface RunbookIssue {
  file: string;
  line: number;
  severity: IssueSeverity;
  message: string;
  field?: string;
}

export interface ParseResult {
  /** Undefined only when the file could not be understood at all (e.g. broken front matter). */
  runbook?: Runbook;
  issues: RunbookIssue[];
}

/** `file:line: field: message`, the form every face prints. */
export function formatIssue(issue: RunbookIssue): string {
  const field = issue.field ? `${issue.field}: ` : '';
  return `${issue.file}:${issue.line}: ${issue.severity}: ${field}${issue.message}`;
}

/** Kinds that execute something and so may need a confirmation. */
export function isExecutable(step: Step): step is CommandStep | HttpStep | PromqlStep | WaitStep {
  return step.kind !== 'manual';
}

/**
 * Does running this step require the engineer to type a confirmation? `confirm=true` always does.
 * In a runbook tagged rollback every step does, except the kinds that cannot change anything by
 * construction (a PromQL query, an HTTP GET/HEAD, a wait that polls one of those). Commands do
 * even when marked readonly: that mark is the author's claim, not something the parser can prove.
 */
export function needsConfirmation(runbook: Pick<Runbook, 'rollback'>, step: Step): boolean {
  if (step.confirm) return true;
  if (!runbook.rollback || step.kind === 'manual' || step.kind === 'promql' || step.kind === 'wait') return false;
  if (step.kind === 'http') return step.method !== 'GET' && step.method !== 'HEAD';
  return true;
}
