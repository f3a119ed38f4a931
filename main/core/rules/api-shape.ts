import type { RuleAlert } from './alerting-rule';
import { formatFloat } from '../shared/go-float';

/** Go's time.Time JSON (RFC 3339 with trailing zeros of the fraction dropped). */
export function goTimeJson(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, frac: string) => (frac ? `.${frac}Z` : 'Z'));
}

export interface ApiAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  keepFiringSince?: string;
  value: string;
}

export interface ApiAlertsDocument {
  status: 'success';
  data: { alerts: ApiAlert[] };
}

/** The alert as Prometheus's GET /api/v1/alerts shows it (value as Go's %e shortest). */
export function toApiAlert(a: RuleAlert): ApiAlert {
  const out: ApiAlert = { labels: a.labels, annotations: a.annotations, state: a.state === 'firing' ? 'firing' : 'pending', activeAt: goTimeJson(a.activeAt), value: formatFloat(a.value, 'e', -1) };
  if (a.keepFiringSince !== null) out.keepFiringSince = goTimeJson(a.keepFiringSince);
  return out;
}

export function apiAlertsDocument(alerts: RuleAlert[]): ApiAlertsDocument {
  return { status: 'success', data: { alerts: alerts.filter((a) => a.state !== 'inactive').map(toApiAlert) } };
}
