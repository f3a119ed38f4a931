import type { Alert } from '../../../preload/contract';
import type { CoreContext, Severity, TimelinePort } from '../context';
import type { RunbookLibrary } from './library';
import type { Runbook } from './model';
import { noHumanPrompts } from './prompts';
import type { RunManager } from './run-manager';

/**
 * Automated diagnostics may run only if every `auto=true` step is `readonly=true` and none needs a
 * typed confirmation: anything that changes a system waits for a human click.
 */
export function autoEligible(runbook: Runbook): boolean {
  const auto = runbook.steps.filter((s) => s.auto);
  return auto.length > 0 && auto.every((s) => s.readonly && !s.confirm && !runbook.rollback && s.kind !== 'manual');
}

function severityOf(alert: Alert): Severity {
  const s = (alert.labels.severity ?? '').toLowerCase();
  if (s === 'critical' || s === 'page' || s === 'p1') return 'P1';
  if (s === 'high' || s === 'error' || s === 'p2') return 'P2';
  if (s === 'info' || s === 'low' || s === 'p4') return 'P4';
  return 'P3';
}

/** The runbook an alert links to: its runbook_url annotation, else a runbook listing its alertname. */
export function runbookForAlert(manager: RunManager, alert: Alert, library: RunbookLibrary = manager.library()): Runbook | undefined {
  const url = alert.annotations.runbook_url;
  const byUrl = url ? library.resolve(url) : undefined;
  const entry = byUrl ?? library.entries.find((e) => e.shadowedBy === undefined && !e.broken && alert.labels.alertname !== undefined && e.alerts.includes(alert.labels.alertname));
  return entry && !entry.broken ? entry.runbook : undefined;
}

/** Runs the auto steps of a linked runbook once per firing of an alert, then leaves the run paused for a human. */
export async function runDiagnostics(manager: RunManager, timeline: TimelinePort, alert: Alert, library?: RunbookLibrary): Promise<string | null> {
  const runbook = runbookForAlert(manager, alert, library);
  if (!runbook || !autoEligible(runbook)) return null;
  const name = alert.labels.alertname ?? alert.fingerprint;
  const incidentId = timeline.incidentsForAlert(alert.fingerprint)[0];
  let run;
  try {
    run = manager.start(
      {
        id: runbook.file,
        labels: alert.labels,
        trigger: 'auto',
        incidentId,
        openIncident: { title: `${name}${alert.annotations.summary ? `: ${alert.annotations.summary}` : ''}`, severity: severityOf(alert), alertFingerprints: [alert.fingerprint] },
      },
      noHumanPrompts,
    );
  } catch (err) {
    if (incidentId) timeline.append(incidentId, { kind: 'runbook_step', text: `Automated diagnostics of "${runbook.title}" not started: ${(err as Error).message}`, data: { event: 'auto_skipped', runbookId: runbook.id } });
    return null;
  }
  for (const step of runbook.steps.filter((s) => s.auto)) {
    try {
      await run.runStep(step.index, { auto: true });
    } catch (err) {
      run.journal(`Step ${step.index + 1} "${step.title}" not run automatically: ${(err as Error).message}`, { event: 'auto_step_refused', step: step.index });
    }
  }
  if (run.status === 'active') run.pause();
  return run.id;
}

/** Watches the alert feed; each new firing of a linked alert starts its diagnostics once. */
export function watchAlerts(ctx: CoreContext, manager: RunManager, timeline: TimelinePort): () => void {
  const seen = new Set<string>();
  const check = () => {
    // Read the runbook folders once per feed change, not once per alert: 10,000 new alerts (a
    // first Alertmanager read) would otherwise parse every runbook 10,000 times and stall the core.
    let library: RunbookLibrary | undefined;
    for (const alert of ctx.alerts.merged()) {
      if (alert.state !== 'firing') continue;
      const key = `${alert.fingerprint}@${alert.firedAt ?? alert.activeAt ?? 0}`;
      if (seen.has(key)) continue;
      seen.add(key);
      runDiagnostics(manager, timeline, alert, (library ??= manager.library())).catch((err: unknown) => console.error('automated diagnostics failed:', err));
    }
  };
  return ctx.alerts.onChange(check);
}
