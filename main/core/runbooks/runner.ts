import { randomBytes } from 'node:crypto';
import type { RunView, RunStatus, StepStatus } from '../../../preload/contract';
import type { TimelinePort } from '../context';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { SshPool, type ResolvedHost, type SshConnection } from '../ssh';
import type { SshOptions, SshTransport } from '../ssh/types';
import { OutputSink } from './exec/output';
import { outcomeOf } from './exec/outcome';
import type { Runbook } from './model';
import { renderStep, resolveParams, type RenderedStep } from './render';
import type { ParamValues } from './render/params';
import { maskSecrets, previewStep, secretValues, settled, stepState } from './run-view';
import type { RunRow, RunsStore } from './runs-store';
import { executeStep, failureReason, statusOf } from './steps';

export interface RunnerDeps {
  clock: Clock;
  store: RunsStore;
  timeline: TimelinePort;
  /** SSH options with prompts that name this run. */
  sshOptions(runId: string): SshOptions;
  resolveHost: (name: string) => Promise<ResolvedHost>;
  prometheus: (name: string | undefined) => { name: string; url: string } | undefined;
  defaultTimeoutMs: number;
  changed(view: RunView): void;
  output(event: { runId: string; step: number; text: string; bytes: number }): void;
}

/** Output kept in a timeline entry; the rest stays in the run's chunk table (runbooks:output). */
const journalOutputBytes = 512 * 1024;

export function newRunId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `RUN-${stamp}-${randomBytes(2).toString('hex')}`;
}

function foldForJournal(text: string): { output: string; truncated: boolean } {
  if (Buffer.byteLength(text) <= journalOutputBytes) return { output: text, truncated: false };
  const half = journalOutputBytes / 2;
  return { output: `${text.slice(0, half)}\n… [${text.length - 2 * half} characters in the middle are in the run's full output] …\n${text.slice(-half)}`, truncated: true };
}

/**
 * One run of one runbook: its state machine (run, skip, retry, mark done, cancel, abort, pause,
 * resume), its SSH connections, and its journal. The database row is the truth, so a run survives
 * a restart and continues from the step where it stopped.
 */
export class Run {
  private values: ParamValues;
  private pool: SshPool | null = null;
  private running: { index: number; controller: AbortController } | null = null;
  private journalWarning: string | null = null;

  constructor(
    readonly runbook: Runbook,
    private row: RunRow,
    private readonly deps: RunnerDeps,
    private secrets: Record<string, string> = {},
  ) {
    this.values = this.resolve();
  }

  get id(): string {
    return this.row.id;
  }

  get status(): RunStatus {
    return this.row.status;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  private resolve(): ParamValues {
    const params = { ...(JSON.parse(this.row.params) as Record<string, string>), ...this.secrets };
    return resolveParams(this.runbook, params, JSON.parse(this.row.labels) as Record<string, string>);
  }

  private render(index: number): RenderedStep {
    const step = this.runbook.steps[index];
    if (!step) throw new AppError('not_found', `step ${index + 1} does not exist (the runbook has ${this.runbook.steps.length})`);
    return renderStep(this.runbook, step, this.values, this.row.host ? { host: this.row.host } : {});
  }

  missingSecrets(): string[] {
    return this.runbook.params.filter((p) => p.secret && p.required && p.default === undefined && !this.values.values.has(p.name)).map((p) => p.name);
  }

  view(): RunView {
    const results = this.deps.store.results(this.row.id);
    const steps = this.runbook.steps.map((_s, i) => stepState(previewStep(this.runbook, this.render(i), this.values), results.filter((r) => r.step_index === i)));
    const params: Record<string, string> = {};
    for (const p of this.runbook.params) {
      const v = this.values.values.get(p.name);
      if (v !== undefined) params[p.name] = p.secret ? '***' : v;
    }
    return {
      id: this.row.id,
      runbookId: this.row.runbook_id,
      title: this.row.title,
      file: this.row.runbook_file,
      incidentId: this.row.incident_id,
      status: this.row.status,
      trigger: this.row.trigger,
      current: this.row.current_step,
      steps,
      params,
      host: this.row.host,
      hostChoices: this.runbook.hosts,
      startedAt: this.row.started_at,
      updatedAt: this.row.updated_at,
      finishedAt: this.row.finished_at,
      missingSecrets: this.missingSecrets(),
      journalWarning: this.journalWarning,
    };
  }

  /** Writes a timeline entry now; a failing journal is reported on the run, never fatal to it. */
  journal(text: string, data: Record<string, unknown>): void {
    if (!this.row.incident_id) return;
    try {
      this.deps.timeline.append(this.row.incident_id, { kind: 'runbook_step', text, data: { runId: this.row.id, runbookId: this.row.runbook_id, ...data }, at: this.deps.clock.now() });
    } catch (err) {
      this.journalWarning = `could not write to the incident timeline: ${(err as Error).message}`;
    }
  }

  private save(patch: Partial<Pick<RunRow, 'status' | 'current_step' | 'host' | 'finished_at'>> = {}): void {
    this.row = { ...this.row, ...patch, updated_at: this.deps.clock.now() };
    this.deps.store.updateRun(this.row);
    this.deps.changed(this.view());
  }

  /** How the journal names a step: its title as rendered for this run (placeholders filled, secrets as ***). */
  private label(index: number): string {
    const title = this.runbook.steps[index] ? this.render(index).display.title : '?';
    return `Step ${index + 1}/${this.runbook.steps.length} "${title}"`;
  }

  /** The first step not yet passed, skipped or done; steps.length when all are. */
  private nextOpen(): number {
    const results = this.deps.store.results(this.row.id);
    for (let i = 0; i < this.runbook.steps.length; i++) {
      const latest = results.filter((r) => r.step_index === i).pop();
      if (!latest || !settled.has(latest.status)) return i;
    }
    return this.runbook.steps.length;
  }

  private advance(): void {
    const next = this.nextOpen();
    if (next >= this.runbook.steps.length) {
      this.save({ current_step: next, status: 'finished', finished_at: this.deps.clock.now() });
      this.journal(`Runbook "${this.runbook.title}" finished`, { event: 'run_finished' });
      void this.closeConnections();
    } else {
      this.save({ current_step: next });
    }
  }

  private requireOpen(): void {
    if (this.row.status === 'finished' || this.row.status === 'aborted') throw new AppError('conflict', `run ${this.row.id} is ${this.row.status}`);
    if (this.running) throw new AppError('conflict', `${this.label(this.running.index)} is still running; cancel it first`);
  }

  setHost(host: string | undefined): void {
    if (host === undefined || host === this.row.host) return;
    this.row.host = host;
    this.save();
  }

  giveSecrets(params: Record<string, string> | undefined): void {
    if (!params) return;
    this.secrets = { ...this.secrets, ...params };
    this.values = this.resolve();
  }

  pause(): void {
    this.requireOpen();
    this.save({ status: 'paused' });
    this.journal(`Runbook "${this.runbook.title}" paused at step ${this.row.current_step + 1}`, { event: 'run_paused', step: this.row.current_step });
    void this.closeConnections();
  }

  resume(): void {
    if (this.row.status !== 'paused') return;
    const missing = this.missingSecrets();
    if (missing.length) throw new AppError('invalid_input', `give the secret params again to resume (they are never stored): ${missing.join(', ')}`);
    this.save({ status: 'active' });
    this.journal(`Runbook "${this.runbook.title}" resumed at step ${this.row.current_step + 1}`, { event: 'run_resumed', step: this.row.current_step });
  }

  abort(reason?: string): void {
    if (this.row.status === 'finished' || this.row.status === 'aborted') return;
    this.running?.controller.abort();
    this.save({ status: 'aborted', finished_at: this.deps.clock.now() });
    this.journal(`Runbook "${this.runbook.title}" aborted${reason ? `: ${reason}` : ''}`, { event: 'run_aborted', reason: reason ?? null });
    void this.closeConnections();
  }

  cancel(): void {
    this.running?.controller.abort();
  }

  skip(index: number, reason: string | undefined): void {
    this.requireOpen();
    if (!reason?.trim()) throw new AppError('invalid_input', 'say why the step is skipped (a reason is required and goes to the timeline)');
    const now = this.deps.clock.now();
    const rendered = this.render(index);
    this.deps.store.startResult({ run_id: this.row.id, step_index: index, step_id: rendered.step.id, status: 'skipped', host: rendered.host ?? null, command: rendered.summary, confirmation: null, reason, started_at: now, finished_at: now, duration_ms: 0 });
    this.journal(`${this.label(index)} skipped: ${reason}`, { event: 'step_skipped', step: index, stepId: rendered.step.id, reason });
    this.advance();
  }

  markDone(index: number, note?: string): void {
    this.requireOpen();
    const now = this.deps.clock.now();
    const rendered = this.render(index);
    this.deps.store.startResult({ run_id: this.row.id, step_index: index, step_id: rendered.step.id, status: 'done', host: rendered.host ?? null, command: rendered.summary, confirmation: null, reason: note ?? null, started_at: now, finished_at: now, duration_ms: 0 });
    this.journal(`${this.label(index)} marked done by hand${note ? `: ${note}` : ''}`, { event: 'step_marked_done', step: index, stepId: rendered.step.id, checks: rendered.display.checks.map((c) => c.text) });
    this.advance();
  }

  /** Runs (or retries) one step and resolves when it has finished. */
  async runStep(index: number, input: { confirmation?: string | undefined; auto?: boolean } = {}): Promise<StepStatus> {
    this.requireOpen();
    if (this.row.status === 'paused') this.resume();
    const missing = this.missingSecrets();
    if (missing.length) throw new AppError('invalid_input', `give the secret params again (they are never stored): ${missing.join(', ')}`);
    const rendered = this.render(index);
    const preview = previewStep(this.runbook, rendered, this.values);
    if (preview.errors.length) throw new AppError('invalid_input', `${this.label(index)} cannot run: ${preview.errors.join('; ')}`);
    if (rendered.step.kind === 'manual') {
      this.markDone(index);
      return 'done';
    }
    if (preview.needsConfirmation) {
      if (input.auto) throw new AppError('forbidden', `${this.label(index)} needs a typed confirmation; automated runs never do that`);
      if (input.confirmation !== preview.confirmValue) {
        throw new AppError('forbidden', `${this.label(index)} is dangerous: type "${preview.confirmValue ?? '?'}" to confirm it${input.confirmation ? ` (you typed "${input.confirmation}")` : ''}`);
      }
      this.journal(`${this.label(index)} confirmed by typing "${input.confirmation}"`, { event: 'step_confirmed', step: index, stepId: rendered.step.id, confirmation: input.confirmation });
    }
    return this.execute(index, rendered, input.confirmation ?? null);
  }

  private async execute(index: number, rendered: RenderedStep, confirmation: string | null): Promise<StepStatus> {
    const controller = new AbortController();
    this.running = { index, controller };
    const startedAt = this.deps.clock.now();
    const t0 = this.deps.clock.monotonic();
    const command = rendered.summary;
    const host = rendered.step.kind === 'local' ? 'local' : (rendered.host ?? null);
    const { store } = this.deps;
    const { id: resultId, attempt } = store.atomically(() => {
      const started = store.startResult({ run_id: this.row.id, step_index: index, step_id: rendered.step.id, status: 'running', host, command, confirmation, started_at: startedAt });
      this.row = { ...this.row, current_step: index, updated_at: this.deps.clock.now() };
      store.updateRun(this.row);
      return started;
    });
    this.deps.changed(this.view());
    const base = { step: index, stepId: rendered.step.id, attempt, kind: rendered.step.kind, command, host };
    let fingerprint: string | null = null;
    let transport: SshTransport | null = null;
    const announce = (conn: Pick<SshConnection, 'key' | 'jumpKeys' | 'transport' | 'transportReasons'> | null) => {
      const key = conn?.key ?? null;
      fingerprint = key?.fingerprint ?? null;
      transport = conn?.transport ?? null;
      const where = host ? ` on ${host}${fingerprint ? ` (host key ${fingerprint})` : ''}${key && transport ? ` [${key.decision}, ${transport}]` : ''}` : '';
      // StrictHostKeyChecking no: the engineer must see on the timeline that nothing was verified.
      const warnings = conn ? [...conn.jumpKeys, conn.key].filter((k) => k.decision === 'unchecked').map((k) => `; ${k.host}: ${k.detail}`).join('') : '';
      store.atomically(() => {
        if (fingerprint) store.setFingerprint(resultId, fingerprint, host ?? '');
        // The command travels in data.command, which every face shows beside the text: once is enough.
        this.journal(`${this.label(index)} started${where}${attempt > 1 ? `, attempt ${attempt}` : ''}${warnings}`, {
          event: 'step_started',
          ...base,
          fingerprint,
          transport,
          ...(conn ? { transportReasons: conn.transportReasons } : {}),
          hostKey: key ? { keyType: key.keyType, fingerprint: key.fingerprint, decision: key.decision, detail: key.detail } : null,
          jumpHosts: (conn?.jumpKeys ?? []).map((k) => ({ host: k.host, fingerprint: k.fingerprint, decision: k.decision, detail: k.detail })),
          confirmation,
        });
      });
    };
    if (rendered.step.kind !== 'ssh') announce(null);
    const sink = new OutputSink({
      clock: this.deps.clock,
      persist: (seq, chunk) => this.deps.store.appendChunk(resultId, seq, chunk),
      emit: (text, bytes) => this.deps.output({ runId: this.row.id, step: index, text, bytes }),
      secrets: secretValues(this.values),
    });
    let status: StepStatus;
    let exitCode: number | null = null;
    let reason: string | null = null;
    let text = '';
    try {
      const env = {
        clock: this.deps.clock,
        pool: this.connections(),
        resolveHost: this.deps.resolveHost,
        prometheus: this.deps.prometheus,
        defaultTimeoutMs: this.deps.defaultTimeoutMs,
        signal: controller.signal,
        write: (chunk: Buffer) => sink.write(chunk),
        onConnected: announce,
        stepById: (id: string) => {
          const target = this.runbook.steps.find((s) => s.id === id);
          return target ? this.render(target.index).step : undefined;
        },
      };
      const run = await executeStep(rendered.step, env);
      text = sink.finish().text;
      status = statusOf(rendered.step, run, text);
      exitCode = run.exitCode;
      reason = run.error ?? (status === 'timeout' ? `stopped after ${rendered.step.timeoutMs ?? this.deps.defaultTimeoutMs} ms` : status === 'cancelled' ? 'cancelled by the engineer' : failureReason(rendered.step, run, text));
    } catch (err) {
      text = sink.finish().text;
      status = controller.signal.aborted ? 'cancelled' : 'error';
      reason = (err as Error).message;
      if (fingerprint === null && rendered.step.kind === 'ssh') announce(null);
    } finally {
      this.running = null;
    }
    const durationMs = Math.round(this.deps.clock.monotonic() - t0);
    const masked = maskSecrets(text, this.values);
    if (reason !== null) reason = maskSecrets(reason, this.values);
    const folded = foldForJournal(masked);
    const verdict = status === 'passed' ? 'passed' : status;
    // The result row, its timeline entry and the run's next position are one commit.
    store.atomically(() => {
      store.finishResult({ id: resultId, status, fingerprint, exit_code: exitCode, duration_ms: durationMs, reason, output_tail: OutputSink.tail(masked), output_bytes: sink.bytes, finished_at: this.deps.clock.now() });
      const outcome = outcomeOf(rendered.step.kind, exitCode);
      this.journal(`${this.label(index)} ${verdict}${outcome ? `: ${outcome}` : ''} in ${(durationMs / 1000).toFixed(1)} s${reason ? ` (${reason})` : ''}`, {
        event: 'step_finished',
        ...base,
        status,
        // An exit code only where a process exited; checks carry their own outcome instead.
        ...(rendered.step.kind === 'ssh' || rendered.step.kind === 'local' ? { exitCode } : {}),
        ...(outcome && rendered.step.kind !== 'ssh' && rendered.step.kind !== 'local' ? { outcome } : {}),
        ...(rendered.step.kind === 'http' && exitCode !== null ? { httpStatus: exitCode } : {}),
        ...(rendered.step.kind === 'promql' && exitCode !== null ? { resultCount: exitCode } : {}),
        durationMs,
        fingerprint,
        transport,
        reason,
        output: folded.output,
        outputBytes: sink.bytes,
        outputTruncated: folded.truncated,
      });
      if (this.row.status === 'aborted') this.deps.changed(this.view());
      else if (status === 'passed') this.advance();
      else this.save({ current_step: index });
    });
    return status;
  }

  private connections(): SshPool {
    this.pool ??= new SshPool(this.deps.sshOptions(this.row.id));
    return this.pool;
  }

  async closeConnections(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  /** Handshakes made by this run so far (one per host when connections are reused). */
  get handshakes(): number {
    return this.pool?.handshakes ?? 0;
  }
}
