import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunAction, RunSummary, RunView } from '../../../preload/contract';
import type { CoreContext, TimelinePort } from '../context';
import { AppError } from '../shared/errors';
import { defaultSshDir, resolveHost } from '../ssh';
import type { SshPrompts } from '../ssh/types';
import { loadLibrary, loadRunbookFile, runbookDirs, type LibraryEntry, type RunbookLibrary } from './library';
import { formatIssue, type Runbook } from './model';
import { resolveParams } from './render';
import { PromptBroker } from './prompts';
import { newRunId, Run } from './runner';
import { RunsStore, type RunRow } from './runs-store';

export interface StartInput {
  id: string;
  params?: Record<string, string>;
  host?: string | undefined;
  incidentId?: string | undefined;
  labels?: Record<string, string> | undefined;
  trigger?: 'manual' | 'auto';
}

export interface ActInput {
  runId: string;
  action: RunAction;
  step?: number | undefined;
  reason?: string | undefined;
  confirmation?: string | undefined;
  host?: string | undefined;
  params?: Record<string, string> | undefined;
}

/** All runs of this process: starting, acting, reloading from SQLite after a restart. */
export class RunManager {
  readonly store: RunsStore;
  readonly prompts: PromptBroker;
  private readonly runs = new Map<string, Run>();
  /** Overrides ~/.ssh (tests). */
  sshDir = defaultSshDir();
  /** Prompts for runs started without a human (automated diagnostics). */
  private readonly promptOverride = new Map<string, SshPrompts>();
  /** Step counts of stored runs' runbooks, by file and id (undefined: no longer readable). */
  private readonly stepCounts = new Map<string, number | undefined>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly timeline: TimelinePort,
  ) {
    this.store = new RunsStore(ctx.db);
    this.prompts = new PromptBroker(
      ctx.clock,
      (p) => ctx.bus.emit('runbooks:prompt', p),
      (id) => ctx.bus.emit('runbooks:prompt-closed', { id }),
    );
  }

  library(): RunbookLibrary {
    const config = this.ctx.config.current();
    return loadLibrary(runbookDirs(this.ctx.resourcesDir, this.ctx.paths.home, config.runbooks.dirs));
  }

  /** An id, a file name, a runbook_url, or a path to a Markdown file. */
  find(reference: string): LibraryEntry {
    const path = resolve(reference);
    const isFile = /\.(md|markdown)$/i.test(reference) && existsSync(path);
    // A path names that very file: ./disk-full.md must not run the library's disk-full instead.
    if (isFile && /[/\\]/.test(reference)) return loadRunbookFile(path, 'user');
    const entry = this.library().resolve(reference);
    if (entry) return entry;
    if (isFile) return loadRunbookFile(path, 'user');
    throw new AppError('not_found', `no runbook "${reference}" (see oncall runbook list)`);
  }

  runnable(entry: LibraryEntry): Runbook {
    if (!entry.runbook || entry.broken) {
      const errors = entry.issues.filter((i) => i.severity === 'error').map(formatIssue);
      throw new AppError('invalid_input', `runbook ${entry.id} has errors:\n${errors.join('\n')}`);
    }
    return entry.runbook;
  }

  private deps() {
    const config = this.ctx.config.current();
    const ssh = config.ssh;
    return {
      clock: this.ctx.clock,
      store: this.store,
      timeline: this.timeline,
      defaultTimeoutMs: ssh.stepTimeout,
      sshOptions: (runId: string) => ({
        appKnownHostsFile: join(this.ctx.paths.home, 'known_hosts'),
        transport: ssh.transport,
        sshConfigFile: ssh.useSshConfig && existsSync(join(this.sshDir, 'config')) ? join(this.sshDir, 'config') : null,
        prompts: this.promptOverride.get(runId) ?? this.prompts.forRun(runId),
        agentSocket: process.env.SSH_AUTH_SOCK,
        keepaliveInterval: ssh.keepaliveInterval,
        readyTimeout: ssh.readyTimeout,
        clock: this.ctx.clock,
      }),
      resolveHost: (name: string) => resolveHost(name, { hosts: ssh.hosts, sshDir: this.sshDir, useSshConfig: ssh.useSshConfig }),
      prometheus: (name: string | undefined) => {
        const servers = config.prometheus;
        const server = name === undefined ? servers[0] : servers.find((s) => s.name === name);
        return server ? { name: server.name, url: server.url } : undefined;
      },
      changed: (view: RunView) => this.ctx.bus.emit('runbooks:run-changed', view),
      output: (event: { runId: string; step: number; text: string; bytes: number }) => this.ctx.bus.emit('runbooks:output', event),
    };
  }

  start(input: StartInput, prompts?: SshPrompts): Run {
    const entry = this.find(input.id);
    const runbook = this.runnable(entry);
    const params = input.params ?? {};
    const values = resolveParams(runbook, params, input.labels ?? {});
    if (values.errors.length) throw new AppError('invalid_input', `runbook ${runbook.id}: ${values.errors.join('; ')}`);
    const incidentId = input.incidentId ?? this.timeline.openIncident({ title: `Runbook: ${runbook.title}`, severity: runbook.severity ?? 'P3' });
    const now = this.ctx.clock.now();
    const secretNames = new Set(runbook.params.filter((p) => p.secret).map((p) => p.name));
    const stored = Object.fromEntries(Object.entries(params).filter(([k]) => !secretNames.has(k)));
    const secrets = Object.fromEntries(Object.entries(params).filter(([k]) => secretNames.has(k)));
    const row: RunRow = {
      id: newRunId(now),
      runbook_id: runbook.id,
      runbook_file: runbook.file,
      title: runbook.title,
      params: JSON.stringify(stored),
      labels: JSON.stringify(input.labels ?? {}),
      host: input.host ?? null,
      incident_id: incidentId,
      status: 'active',
      trigger: input.trigger ?? 'manual',
      current_step: 0,
      started_at: now,
      updated_at: now,
      finished_at: null,
    };
    this.store.insertRun(row);
    if (prompts) this.promptOverride.set(row.id, prompts);
    const run = new Run(runbook, row, this.deps(), secrets);
    this.runs.set(row.id, run);
    const shown = run.view().params;
    run.journal(`Runbook "${runbook.title}" started (${row.trigger === 'auto' ? 'automated diagnostics' : 'guided run'} ${row.id}, ${runbook.steps.length} steps)`, {
      event: 'run_started',
      file: runbook.file,
      params: shown,
      trigger: row.trigger,
    });
    this.ctx.bus.emit('runbooks:run-changed', run.view());
    return run;
  }

  /** A run from memory, or reloaded from the journal (after a restart) with its runbook re-read. */
  get(runId: string): Run {
    const cached = this.runs.get(runId);
    if (cached) return cached;
    const row = this.store.getRun(runId);
    if (!row) throw new AppError('not_found', `no run ${runId}`);
    const runbook = this.runbookOf(row, () => this.library());
    if (!runbook) throw new AppError('not_found', `the runbook of run ${runId} (${row.runbook_file}) can no longer be read`);
    const run = new Run(runbook, row, this.deps());
    this.runs.set(runId, run);
    return run;
  }

  /** The runbook of a stored run: its file re-read, or (file gone) the library's runbook of that id. */
  private runbookOf(row: RunRow, library: () => RunbookLibrary): Runbook | undefined {
    const entry = existsSync(row.runbook_file) ? loadRunbookFile(row.runbook_file, 'user') : library().get(row.runbook_id);
    return entry?.runbook;
  }

  async act(input: ActInput): Promise<RunView> {
    const run = this.get(input.runId);
    run.giveSecrets(input.params);
    run.setHost(input.host);
    const step = input.step ?? run.view().current;
    switch (input.action) {
      case 'run':
      case 'retry':
        await run.runStep(step, { confirmation: input.confirmation });
        break;
      case 'skip':
        run.skip(step, input.reason);
        break;
      case 'done':
        run.markDone(step, input.reason);
        break;
      case 'cancel':
        run.cancel();
        break;
      case 'abort':
        run.abort(input.reason);
        this.prompts.dropRun(run.id);
        break;
      case 'pause':
        run.pause();
        break;
      case 'resume':
        run.resume();
        break;
    }
    return run.view();
  }

  list(unfinished = false): RunSummary[] {
    const rows = unfinished ? this.store.unfinished() : this.store.listRuns();
    // Runs not in memory (after a restart) count the steps of their runbook as get() would load it.
    // The faces re-list on every run change, so a file is read once (like get(), which keeps its Run).
    let library: RunbookLibrary | undefined;
    const counts = this.stepCounts;
    const stepCount = (r: RunRow): number => {
      const cached = this.runs.get(r.id);
      if (cached) return cached.runbook.steps.length;
      const key = `${r.runbook_file}\0${r.runbook_id}`;
      if (!counts.has(key)) counts.set(key, this.runbookOf(r, () => (library ??= this.library()))?.steps.length);
      // A runbook that can no longer be read: the steps the run reached are all that is known.
      return counts.get(key) ?? this.store.results(r.id).reduce((n, x) => Math.max(n, x.step_index + 1), r.current_step + 1);
    };
    return rows.map((r) => ({
      id: r.id,
      runbookId: r.runbook_id,
      title: r.title,
      incidentId: r.incident_id,
      status: r.status,
      trigger: r.trigger,
      current: r.current_step,
      stepCount: stepCount(r),
      startedAt: r.started_at,
      updatedAt: r.updated_at,
    }));
  }

  output(runId: string, step: number, attempt?: number): { text: string; bytes: number } {
    const result = this.store.latestResult(runId, step, attempt);
    if (!result) throw new AppError('not_found', `step ${step + 1} of run ${runId} has not run`);
    // Stored already masked (OutputSink), so no run or runbook needs loading to read it.
    const buffer = this.store.output(result.id);
    return { text: buffer.toString('utf8'), bytes: buffer.length };
  }

  /** After a restart: steps that were running did not finish, and active runs wait for a human. */
  recover(): void {
    this.store.markInterrupted(this.ctx.clock.now());
    for (const row of this.store.unfinished()) {
      if (row.status === 'active') this.store.updateRun({ ...row, status: 'paused', updated_at: this.ctx.clock.now() });
    }
  }

  async close(): Promise<void> {
    for (const run of this.runs.values()) {
      run.cancel();
      await run.closeConnections();
      this.prompts.dropRun(run.id);
    }
  }
}
