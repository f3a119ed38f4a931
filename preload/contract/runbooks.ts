// Methods and events of the runbooks domain: the library, dry runs, guided runs, SSH prompts.
import { z } from 'zod';
import { method } from './define';

export type RunbookStepKind = 'ssh' | 'local' | 'http' | 'promql' | 'wait' | 'manual';

export interface RunbookIssueView {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
  field?: string;
}

export interface RunbookParamView {
  name: string;
  type: string;
  description?: string;
  /** Text as written; validated against type/pattern like any other value. */
  default?: string;
  /** JavaScript regular expression source, anchored (the whole value must match). */
  pattern?: string;
  /** For `enum`: the allowed values. */
  values?: string[];
  /** A param with no default is required unless it says `required: false`. */
  required: boolean;
  /** Rendered as `***` in every display, journal and --json form. */
  secret: boolean;
}

/** A row of the library list. */
export interface RunbookSummary {
  id: string;
  title: string;
  file: string;
  source: 'builtin' | 'user';
  tags: string[];
  alerts: string[];
  severity?: string;
  stepCount: number;
  issues: RunbookIssueView[];
  /** Has an error: listed with its problems, not runnable. */
  broken: boolean;
  params: RunbookParamView[];
  hosts: string[];
  rollback: boolean;
}

/** One step as the guided UI and the dry run show it: fully rendered, secrets as `***`. */
export interface StepPreview {
  index: number;
  id: string;
  title: string;
  kind: RunbookStepKind;
  description: string;
  /** The command, `GET url`, query or wait condition, rendered and masked. */
  command: string;
  host: string | null;
  needsConfirmation: boolean;
  /** What must be typed to confirm (the target host or the version rolled back to). */
  confirmValue: string | null;
  readonly: boolean;
  auto: boolean;
  timeoutMs: number | null;
  checks: { text: string; checked: boolean }[];
  /** Why this step cannot run as rendered (a missing param, no host chosen). */
  errors: string[];
}

export interface RunbookPreview {
  runbook: RunbookSummary;
  steps: StepPreview[];
  /** Bad or missing param values, each naming the param. */
  paramErrors: string[];
}

export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'done' | 'cancelled' | 'timeout' | 'error';
export type RunStatus = 'active' | 'paused' | 'finished' | 'aborted';

export interface StepState extends StepPreview {
  status: StepStatus;
  attempts: number;
  exitCode: number | null;
  durationMs: number | null;
  /** The host key the step's host presented (SHA256:...). */
  fingerprint: string | null;
  /** Skip reason, or the error that stopped the step. */
  reason: string | null;
  /** The last 64 KiB of output of the latest attempt. */
  outputTail: string;
  outputBytes: number;
  startedAt: number | null;
}

export interface RunView {
  id: string;
  runbookId: string;
  title: string;
  file: string;
  incidentId: string | null;
  status: RunStatus;
  trigger: 'manual' | 'auto';
  /** Index of the step to do next (= steps.length once every step is settled). */
  current: number;
  steps: StepState[];
  params: Record<string, string>;
  /** Host for steps that do not name one. */
  host: string | null;
  hostChoices: string[];
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** Params the run needs again after a restart (secret values are never stored). */
  missingSecrets: string[];
  /** A timeline write that failed (the run goes on; the engineer should know). */
  journalWarning: string | null;
}

export interface RunSummary {
  id: string;
  runbookId: string;
  title: string;
  incidentId: string | null;
  status: RunStatus;
  trigger: 'manual' | 'auto';
  current: number;
  stepCount: number;
  startedAt: number;
  updatedAt: number;
}

export type RunbookPrompt =
  | { id: string; runId: string | null; kind: 'host-key'; host: string; hostname: string; port: number; keyType: string; fingerprint: string; jumpFor?: string }
  | { id: string; runId: string | null; kind: 'passphrase'; host: string; keyFile: string; retry: boolean };

const paramsSchema = z.record(z.string().max(200), z.string().max(10_000));
const runId = z.string().min(1).max(100);
export const runActions = ['run', 'retry', 'skip', 'done', 'cancel', 'abort', 'pause', 'resume'] as const;
export type RunAction = (typeof runActions)[number];

export const runbooksMethods = {
  'runbooks:list': method<RunbookSummary[]>()(z.object({}).strict().optional()),
  /** A dry run: every step fully rendered, nothing executed. */
  'runbooks:preview': method<RunbookPreview>()(
    z
      .object({
        id: z.string().min(1).max(4096),
        params: paramsSchema.default({}),
        host: z.string().max(255).optional(),
        /** Labels of the alert the run would answer (fill `{{labels.x}}`), as runbooks:start takes them. */
        labels: paramsSchema.optional(),
      })
      .strict(),
  ),
  'runbooks:start': method<RunView>()(
    z
      .object({
        id: z.string().min(1).max(4096),
        params: paramsSchema.default({}),
        host: z.string().max(255).optional(),
        /** Attach to this incident; without it a new incident is opened. */
        incidentId: z.string().min(1).max(100).optional(),
        /** Labels of the alert the run answers (fill `{{labels.x}}`). */
        labels: paramsSchema.optional(),
      })
      .strict(),
  ),
  'runbooks:runs': method<RunSummary[]>()(z.object({ unfinished: z.boolean().default(false) }).strict().optional()),
  'runbooks:run': method<RunView>()(z.object({ runId }).strict()),
  'runbooks:act': method<RunView>()(
    z
      .object({
        runId,
        action: z.enum(runActions),
        /** Defaults to the current step. */
        step: z.number().int().min(0).max(10_000).optional(),
        reason: z.string().max(2_000).optional(),
        /** The typed confirmation for a dangerous step. */
        confirmation: z.string().max(500).optional(),
        host: z.string().max(255).optional(),
        /** Secret params given again when resuming after a restart. */
        params: paramsSchema.optional(),
      })
      .strict(),
  ),
  /** Full output of a step attempt (the timeline and the UI hold it folded). */
  'runbooks:output': method<{ text: string; bytes: number }>()(z.object({ runId, step: z.number().int().min(0), attempt: z.number().int().min(1).optional() }).strict()),
  'runbooks:answer': method<{ ok: boolean }>()(
    z.object({ promptId: z.string().min(1).max(100), accept: z.boolean(), passphrase: z.string().max(1_000).optional() }).strict(),
  ),
  'runbooks:prompts': method<RunbookPrompt[]>()(z.object({}).strict().optional()),
} as const;

export interface RunbooksEvents {
  'runbooks:run-changed': RunView;
  /** Live output, coalesced (at most a few events a second per step). */
  'runbooks:output': { runId: string; step: number; text: string; bytes: number };
  'runbooks:prompt': RunbookPrompt;
  'runbooks:prompt-closed': { id: string };
}
