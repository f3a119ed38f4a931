import type { Alert } from '../../../preload/contract';
import type { CoreContext, TimelinePort } from '../context';
import type { RunbookLibrary } from './library';
import type { Runbook } from './model';
import { noHumanPrompts } from './prompts';
import { alertContext } from './render/params';
import type { RunManager } from './run-manager';

/**
 * Automated diagnostics may run only if every `auto=true` step is `readonly=true` and none needs a
 * typed confirmation: anything that changes a system waits for a human click.
 */
export function autoEligible(runbook: Runbook): boolean {
  const auto = runbook.steps.filter((s) => s.auto);
  return auto.length > 0 && auto.every((s) => s.readonly && !s.confirm && !runbook.rollback && s.kind !== 'manual');
}

/** The runbook an alert links to: its runbook_url annotation, else a runbook listing its alertname. */
export function runbookForAlert(manager: RunManager, alert: Alert, library: RunbookLibrary = manager.library()): Runbook | undefined {
  const url = alert.annotations.runbook_url;
  const byUrl = url ? library.resolve(url) : undefined;
  const entry = byUrl ?? library.entries.find((e) => e.shadowedBy === undefined && !e.broken && alert.labels.alertname !== undefined && e.alerts.includes(alert.labels.alertname));
  return entry && !entry.broken ? entry.runbook : undefined;
}

/**
 * Runs the auto steps of `runbook` for `alert` on the incident the alert is attached to, then leaves
 * the run paused for a human. Never opens an incident: that is the alerting config's decision.
 */
export async function runDiagnostics(manager: RunManager, timeline: TimelinePort, alert: Alert, runbook: Runbook, incidentId: string): Promise<string> {
  let run;
  try {
    // The alert's annotations go along (as `annotations.NAME`) so params can be filled from them.
    run = manager.start({ id: runbook.file, labels: alertContext(alert.labels, alert.annotations), trigger: 'auto', incidentId }, noHumanPrompts);
  } catch (err) {
    timeline.append(incidentId, { kind: 'runbook_step', text: `Automated diagnostics of "${runbook.title}" not started: ${(err as Error).message}`, data: { event: 'auto_skipped', runbookId: runbook.id } });
    throw err;
  }
  for (const step of runbook.steps.filter((s) => s.auto)) {
    if (step.attributes.excludeFromRunAll === 'true') {
      run.journal(`Step ${step.index + 1} "${step.title}" not run automatically: excludeFromRunAll=true keeps it out of runs that go through every step`, { event: 'auto_step_refused', step: step.index });
      continue;
    }
    try {
      await run.runStep(step.index, { auto: true });
    } catch (err) {
      run.journal(`Step ${step.index + 1} "${step.title}" not run automatically: ${(err as Error).message}`, { event: 'auto_step_refused', step: step.index });
    }
  }
  if (run.status === 'active') run.pause();
  return run.id;
}

/** Which firing of an alert this is: a new firing after a resolve has a new start time. */
const firingOf = (alert: Alert) => String(alert.firedAt ?? alert.activeAt ?? 0);

/**
 * Starts automated diagnostics once per firing of an alert with an eligible linked runbook, and only
 * while the alert is attached to an open incident (by a person, or auto-opened by the alerting
 * config). A storm of unattached alerts therefore starts nothing and opens nothing. An alert that
 * fires before it is attached waits here; attaching it writes to the journal, whose
 * `incidents:changed` event makes the waiting alerts be looked at again.
 */
export function watchAlerts(ctx: CoreContext, manager: RunManager, timeline: TimelinePort): () => void {
  /** fingerprint -> the firing already dealt with (diagnostics started, or no eligible runbook). */
  const handled = new Map<string, string>();
  /** fingerprint -> the firing of an alert with an eligible runbook that is not attached yet. */
  const waiting = new Map<string, string>();
  let warned = false;

  /** The journal read behind `what`; the feed's publisher must not see journal errors. */
  const safely = <T>(what: () => T, fallback: T): T => {
    try {
      return what();
    } catch (err) {
      if (!warned) console.error('automated diagnostics: incident journal unavailable:', (err as Error).message);
      warned = true;
      return fallback;
    }
  };
  /** The first open incident the alert is attached to. */
  const attachedTo = (fingerprint: string) => safely(() => timeline.incidentsForAlert(fingerprint)[0], undefined);

  /** Decides about one firing alert; `library` is read at most once per check, not once per alert. */
  const consider = (alert: Alert, library: () => RunbookLibrary) => {
    const firing = firingOf(alert);
    const runbook = runbookForAlert(manager, alert, library());
    if (!runbook || !autoEligible(runbook)) {
      waiting.delete(alert.fingerprint);
      handled.set(alert.fingerprint, firing);
      return;
    }
    const incidentId = attachedTo(alert.fingerprint);
    if (!incidentId) {
      waiting.set(alert.fingerprint, firing);
      return;
    }
    // Marked before starting: the run's own journal writes re-enter through `incidents:changed`.
    waiting.delete(alert.fingerprint);
    handled.set(alert.fingerprint, firing);
    runDiagnostics(manager, timeline, alert, runbook, incidentId).catch((err: unknown) => console.error('automated diagnostics failed:', err));
  };

  const lazyLibrary = () => {
    // Read the runbook folders once per change, not once per alert: 10,000 new alerts (a first
    // Alertmanager read) would otherwise parse every runbook 10,000 times and stall the core.
    let library: RunbookLibrary | undefined;
    return () => (library ??= manager.library());
  };

  const onAlerts = () => {
    const library = lazyLibrary();
    for (const [fingerprint, firing] of [...waiting]) {
      const alert = ctx.alerts.get(fingerprint);
      if (!alert || alert.state !== 'firing' || firingOf(alert) !== firing) waiting.delete(fingerprint);
    }
    for (const alert of ctx.alerts.merged()) {
      if (alert.state !== 'firing') continue;
      const firing = firingOf(alert);
      if (handled.get(alert.fingerprint) === firing || waiting.get(alert.fingerprint) === firing) continue;
      consider(alert, library);
    }
  };

  // Any journal write may have attached an alert, and the event does not say which alerts: one query
  // for every attached fingerprint, instead of one per waiting alert (10,000 of them wait in a storm).
  const onIncidents = () => {
    if (waiting.size === 0) return;
    const attached = safely(() => timeline.attachedAlerts(), new Set<string>());
    const library = lazyLibrary();
    for (const [fingerprint, firing] of [...waiting]) {
      // A run started earlier in this loop may have re-entered and dealt with this alert already.
      if (waiting.get(fingerprint) !== firing) continue;
      const alert = ctx.alerts.get(fingerprint);
      if (!alert || alert.state !== 'firing' || firingOf(alert) !== firing) waiting.delete(fingerprint);
      else if (attached.has(fingerprint)) consider(alert, library);
    }
  };

  const unsubscribe = [ctx.alerts.onChange(onAlerts), ctx.bus.on('incidents:changed', onIncidents)];
  return () => {
    for (const u of unsubscribe) u();
  };
}
