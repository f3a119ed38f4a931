import type { runbooksMethods } from '../../../preload/contract';
import type { CoreContext, Domain, TimelinePort } from '../context';
import { AppError } from '../shared/errors';
import { watchAlerts } from './auto';
import { renderRunbook } from './render';
import { RunManager } from './run-manager';
import { previewStep, summarizeEntry } from './run-view';

export type RunbooksMethodName = keyof typeof runbooksMethods;

export interface RunbooksDomain extends Domain<RunbooksMethodName> {
  runs: RunManager;
}

/** The runbooks domain: the library, dry runs, guided runs over SSH or locally, automated diagnostics. */
export function createRunbooksDomain(ctx: CoreContext, deps: { timeline: TimelinePort }): RunbooksDomain {
  const runs = new RunManager(ctx, deps.timeline);
  let unwatch: (() => void) | null = null;
  return {
    runs,
    handlers: {
      'runbooks:list': () => runs.library().entries.map(summarizeEntry),
      'runbooks:preview': ({ id, params, host, labels }) => {
        const entry = runs.find(id);
        const runbook = runs.runnable(entry);
        const rendered = renderRunbook(runbook, { params, ...(labels ? { labels } : {}), ...(host ? { host } : {}) });
        return { runbook: summarizeEntry(entry), steps: rendered.steps.map((s) => previewStep(runbook, s, rendered.params)), paramErrors: rendered.params.errors };
      },
      'runbooks:start': ({ id, params, host, incidentId, labels }) => runs.start({ id, params, host, incidentId, labels }).view(),
      'runbooks:runs': (input) => runs.list(input?.unfinished ?? false),
      'runbooks:run': ({ runId }) => runs.get(runId).view(),
      'runbooks:act': (input) => runs.act(input),
      'runbooks:output': ({ runId, step, attempt }) => runs.output(runId, step, attempt),
      'runbooks:answer': ({ promptId, accept, passphrase }) => {
        if (!runs.prompts.answer(promptId, accept, passphrase)) throw new AppError('not_found', 'that question was already answered or has expired');
        return { ok: true };
      },
      'runbooks:prompts': () => runs.prompts.list(),
    },
    start() {
      runs.recover();
      // Only the long-running faces react to alerts; a one-shot CLI command must not start diagnostics.
      if (ctx.ports.face !== 'cli') unwatch = watchAlerts(ctx, runs, deps.timeline);
    },
    async stop() {
      unwatch?.();
      await runs.close();
    },
  };
}
