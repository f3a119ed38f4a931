import type { Result, RunbookPrompt, RunView, StepState } from '../../preload/contract';
import type { Engine } from '../core/engine';
import { outcomeOf } from '../core/runbooks/exec/outcome';
import type { Runbook } from '../core/runbooks/model';
import type { CliContext } from './command';
import type { RunOptions } from './runbook-options';
import { openEngine } from './open-engine';
import { terminalAsker, type Asker } from './terminal-ask';

/**
 * `oncall runbook run` without --dry-run: a guided run in the terminal, through the same run manager
 * as the app, so every step lands on the incident's timeline. Interactive by default (asks before
 * each step, streams output); `--yes` answers "run" for every step but never types a confirmation:
 * dangerous steps need `--confirm STEP=VALUE`, and unknown host keys are refused.
 */

type Decision = { action: 'run'; confirmation?: string; host?: string } | { action: 'skip'; reason: string } | { action: 'done' } | { action: 'stop'; refusal?: string };

/** Statuses after which the run goes on to the next step. */
const settled = new Set(['passed', 'skipped', 'done']);

export async function executeRun(options: RunOptions, runbook: Runbook, ctx: CliContext): Promise<number> {
  const interactive = !options.yes;
  if (interactive && !process.stdin.isTTY) {
    ctx.stderr.write('oncall runbook run: stdin is not a terminal, so nobody can answer; pass --yes (dangerous steps then need --confirm STEP=VALUE)\n');
    return 2;
  }
  const engine = openEngine(ctx.home, 'cli');
  // Questions go where the human reads; with --json stdout carries only the result lines.
  const asker = interactive ? terminalAsker(process.stdin, options.json ? ctx.stderr : ctx.stdout) : null;
  const session = new Session(engine, ctx, options, asker);
  try {
    return await session.run(runbook);
  } finally {
    session.detach();
    asker?.close();
    await engine.close();
  }
}

class Session {
  private readonly off: (() => void)[] = [];
  /** What the terminal shows: step output and progress, or nothing but JSON lines. */
  private readonly info: NodeJS.WritableStream;
  private endsWithNewline = true;
  private warned = false;
  /** Steps marked with Runme's excludeFromRunAll: --yes (a run through every step) skips them. */
  private excluded = new Set<number>();

  constructor(
    private readonly engine: Engine,
    private readonly ctx: CliContext,
    private readonly options: RunOptions,
    private readonly asker: Asker | null,
  ) {
    this.info = options.json ? ctx.stderr : ctx.stdout;
    this.off.push(engine.bus.on('runbooks:prompt', (p) => void this.answer(p)));
    if (!options.json) {
      this.off.push(
        engine.bus.on('runbooks:output', (e) => {
          ctx.stdout.write(e.text);
          this.endsWithNewline = e.text.endsWith('\n');
        }),
      );
    }
  }

  detach(): void {
    for (const off of this.off.splice(0)) off();
  }

  private async call<T>(method: string, input: unknown): Promise<Result<T>> {
    return (await this.engine.invoke(method, input)) as Result<T>;
  }

  async run(runbook: Runbook): Promise<number> {
    const { options } = this;
    this.excluded = new Set(runbook.steps.filter((st) => st.attributes.excludeFromRunAll === 'true').map((st) => st.index));
    // A run on a mistyped incident would journal nothing: check it before anything runs.
    if (options.incident) {
      const incident = await this.call('incidents:get', { id: options.incident, timelineLimit: 0 });
      if (!incident.ok) return this.fail(incident.error.message);
    }
    const started = await this.call<RunView>('runbooks:start', {
      id: runbook.file,
      params: options.params,
      labels: options.labels,
      ...(options.host ? { host: options.host } : {}),
      ...(options.incident ? { incidentId: options.incident } : {}),
    });
    if (!started.ok) return this.fail(started.error.message);
    let view = started.value;
    this.info.write(`Runbook "${view.title}": run ${view.id} on incident ${view.incidentId ?? '(none)'}\n`);
    // Ctrl-C cancels the running step (the remote process is stopped) and then stops the run.
    let interrupted = false;
    const onInterrupt = () => {
      interrupted = true;
      void this.call('runbooks:act', { runId: view.id, action: 'cancel' });
    };
    if (this.asker) this.asker.onIdleInterrupt = onInterrupt;
    process.on('SIGINT', onInterrupt);
    this.off.push(() => process.off('SIGINT', onInterrupt));
    while (view.status !== 'finished') {
      const step = view.steps[view.current];
      if (!step) break;
      if (interrupted && !this.asker) return this.pause(view);
      interrupted = false;
      const decision = await this.decide(view, step);
      if (decision.action === 'stop') {
        if (decision.refusal) this.line(step, 'refused', decision.refusal);
        return this.pause(view);
      }
      if (decision.action === 'run') this.announce(view, step);
      const acted = await this.call<RunView>('runbooks:act', {
        runId: view.id,
        action: decision.action,
        step: step.index,
        ...(decision.action === 'run' && decision.confirmation !== undefined ? { confirmation: decision.confirmation } : {}),
        ...(decision.action === 'run' && decision.host !== undefined ? { host: decision.host } : {}),
        ...(decision.action === 'skip' ? { reason: decision.reason } : {}),
      });
      if (!acted.ok) {
        this.line(step, 'refused', acted.error.message);
        return this.pause(view);
      }
      view = acted.value;
      if (view.journalWarning && !this.warned) {
        this.warned = true;
        this.ctx.stderr.write(`warning: ${view.journalWarning}\n`);
      }
      const result = view.steps[step.index] ?? step;
      this.line(result);
      if (!settled.has(result.status)) {
        const next = await this.recover(view, result);
        if (!next) return this.pause(view);
        view = next;
      }
    }
    this.info.write(`Runbook finished; every step is on the timeline of ${view.incidentId ?? 'the incident'}.\n`);
    return 0;
  }

  /** After a failed step the terminal may retry or skip it (with a reason); --yes stops. Null: stop. */
  private async recover(view: RunView, step: StepState): Promise<RunView | null> {
    if (!this.asker) return null;
    const answer = (await this.asker.ask(`Step ${step.index + 1} ${step.status}. [r]etry, [s]kip, or [q]uit (pause the run)? `))?.toLowerCase();
    if (answer === 'r') return view;
    if (answer !== 's') return null;
    const reason = await this.asker.ask('Why is it skipped? ');
    if (!reason) return null;
    const skipped = await this.call<RunView>('runbooks:act', { runId: view.id, action: 'skip', step: step.index, reason });
    if (!skipped.ok) this.fail(skipped.error.message);
    return skipped.ok ? skipped.value : null;
  }

  /** Yes (the default), a skip with its reason, or a stop (q, Ctrl-C, end of input). */
  private async yesSkipQuit(question: string): Promise<'yes' | Decision> {
    const answer = await this.asker?.ask(question);
    const a = answer === null || answer === undefined ? 'q' : (answer || 'y').toLowerCase();
    if (a === 'y' || a === 'yes') return 'yes';
    if (a !== 's') return { action: 'stop' };
    const reason = await this.asker?.ask('Why is it skipped? ');
    return reason ? { action: 'skip', reason } : { action: 'stop' };
  }

  private async decide(view: RunView, step: StepState): Promise<Decision> {
    const { options, asker } = this;
    const position = `step ${step.index + 1}/${view.steps.length} "${step.title}"`;
    if (step.kind === 'manual') {
      if (!asker) return { action: 'done' };
      this.info.write(`\n── ${position} (manual)\n${step.checks.map((c) => `  [ ] ${c.text}\n`).join('')}`);
      const answer = await this.yesSkipQuit('Mark it done? [Y]es, [s]kip, [q]uit: ');
      return answer === 'yes' ? { action: 'done' } : answer;
    }
    if (!asker && this.excluded.has(step.index)) return { action: 'skip', reason: 'excludeFromRunAll=true keeps it out of runs that go through every step (--yes)' };
    let host: string | undefined;
    if (step.kind === 'ssh' && step.host === null) {
      if (!asker) return { action: 'stop', refusal: `${position} names no host; pass --host H` };
      host = (await asker.ask(`Which host for ${position}${view.hostChoices.length ? ` (${view.hostChoices.join(', ')})` : ''}? `)) ?? '';
      if (!host) return { action: 'stop' };
    }
    let confirmation: string | undefined = options.confirmations[step.id];
    if (step.needsConfirmation && confirmation === undefined) {
      const expected = step.confirmValue ?? '?';
      if (!asker) return { action: 'stop', refusal: `${position} is dangerous and --yes does not confirm it; pass --confirm ${step.id}=${expected}` };
      this.info.write(`\n── ${position} is dangerous:\n${indent(step.command)}\n`);
      // Typing the value is the consent; no second question.
      confirmation = (await asker.ask(`Type "${expected}" to run it (empty: stop): `)) ?? '';
      if (!confirmation) return { action: 'stop' };
    }
    const run: Decision = { action: 'run', ...(confirmation !== undefined ? { confirmation } : {}), ...(host !== undefined ? { host } : {}) };
    if (!asker || step.needsConfirmation) return run;
    this.info.write(`\n── ${position} [${step.kind}${step.host ?? host ? ` @ ${step.host ?? host}` : ''}]\n${indent(step.command)}\n`);
    const answer = await this.yesSkipQuit('Run it? [Y]es, [s]kip, [q]uit: ');
    return answer === 'yes' ? run : answer;
  }

  private announce(view: RunView, step: StepState): void {
    if (this.asker) return; // the question already showed the command
    this.info.write(`── step ${step.index + 1}/${view.steps.length} "${step.title}" [${step.kind}${step.host ? ` @ ${step.host}` : ''}]\n${indent(step.command)}\n`);
  }

  /** One JSON line per step result, or a verdict line under the step's output. */
  private line(step: StepState, status: string = step.status, reason: string | null = step.reason): void {
    const result = { step: step.id, index: step.index, title: step.title, status, exitCode: status === 'refused' ? null : step.exitCode, durationMs: status === 'refused' ? null : step.durationMs, reason };
    if (this.options.json) {
      this.ctx.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    if (!this.endsWithNewline) this.ctx.stdout.write('\n');
    this.endsWithNewline = true;
    const ok = settled.has(status);
    // HTTP and PromQL steps store their status / result count where commands store the exit code.
    const facts = [result.exitCode !== null ? (outcomeOf(step.kind, result.exitCode) ?? '') : '', result.durationMs ? `${(result.durationMs / 1000).toFixed(1)} s` : ''].filter(Boolean).join(', ');
    (ok ? this.ctx.stdout : this.ctx.stderr).write(`${ok ? '✓' : '✗'} ${status}${facts ? ` (${facts})` : ''}${reason && !ok ? `: ${reason}` : ''}\n`);
  }

  private async pause(view: RunView): Promise<number> {
    const paused = await this.call<RunView>('runbooks:act', { runId: view.id, action: 'pause' });
    const where = paused.ok ? paused.value.current + 1 : view.current + 1;
    this.ctx.stderr.write(`Run ${view.id} paused at step ${where}; resume it in the app (Runbooks) or start a new run.\n`);
    return 1;
  }

  private fail(message: string): number {
    this.ctx.stderr.write(`oncall runbook run: ${message}\n`);
    return 1;
  }

  /** SSH questions: the terminal answers them; with --yes nobody can, so they are declined. */
  private async answer(prompt: RunbookPrompt): Promise<void> {
    let accept = false;
    let passphrase: string | undefined;
    if (prompt.kind === 'host-key') {
      const where = `${prompt.host} (${prompt.hostname}:${prompt.port})${prompt.jumpFor ? `, jump host for ${prompt.jumpFor}` : ''}`;
      this.info.write(`\nThe host key of ${where} is not known yet:\n  ${prompt.keyType} ${prompt.fingerprint}\n`);
      if (this.asker) accept = (await this.asker.ask('Trust it and remember it? [y/N] '))?.toLowerCase() === 'y';
      else this.ctx.stderr.write('Not trusted: --yes never trusts a new host key. Run once without --yes, or add the key to ~/.ssh/known_hosts.\n');
    } else if (this.asker) {
      passphrase = (await this.asker.askHidden(`Passphrase for ${prompt.keyFile}${prompt.retry ? ' (try again)' : ''}: `)) ?? undefined;
      accept = passphrase !== undefined && passphrase !== '';
    }
    await this.call('runbooks:answer', { promptId: prompt.id, accept, ...(accept && passphrase ? { passphrase } : {}) });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
