import type { AlertView, Priority } from '../../../preload/contract';
import type { TimelinePort } from '../context';
import { AppError } from '../shared/errors';
import { alertTitle, priorityRank } from './priority';
import type { AlertsService } from './service';

/**
 * "Open incident" from one or more alerts: title, priority (the worst of the alerts), services and
 * links prefilled; the alerts are attached, so their later transitions land on its timeline.
 * With `incidentId`, the alerts join an incident that is already open.
 */
export function openIncidentFromAlerts(
  service: AlertsService,
  timeline: TimelinePort,
  alerts: AlertView[],
  options: { title?: string | undefined; severity?: Priority | undefined; incidentId?: string | undefined },
): { incidentId: string } {
  const first = alerts[0];
  if (!first) throw new AppError('invalid_input', 'pick at least one alert');
  const worst = alerts.reduce<Priority>((w, a) => (priorityRank(a.priority) < priorityRank(w) ? a.priority : w), 'P4');
  const services = [...new Set(alerts.map((a) => a.labels.service ?? a.labels.job).filter((s): s is string => Boolean(s)))];
  const fingerprints = alerts.map((a) => a.fingerprint);
  let incidentId = options.incidentId;
  try {
    incidentId ??= timeline.openIncident({
      title: options.title ?? (alerts.length > 1 ? `${alertTitle(first)} (+${alerts.length - 1} alerts)` : alertTitle(first)),
      severity: options.severity ?? worst,
      ...(first.labels.category ? { category: first.labels.category } : {}),
      services,
      alertFingerprints: fingerprints,
    });
    service.linkIncident(incidentId, fingerprints);
    for (const a of alerts) {
      const links = [a.generatorUrl, a.annotations.runbook_url, a.annotations.dashboard].filter((l): l is string => Boolean(l));
      timeline.append(incidentId, {
        kind: 'alert_transition',
        text: `Attached alert ${alertTitle(a)} (${a.state}${a.value !== null ? `, value ${a.value}` : ''})${links.length ? `: ${links.join(' ')}` : ''}`,
        data: { fingerprint: a.fingerprint, to: a.state, labels: a.labels, annotations: a.annotations, links, source: a.source, sourceName: a.sourceName },
      });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('journal_unavailable', `could not open the incident: ${(err as Error).message}`);
  }
  return { incidentId };
}
