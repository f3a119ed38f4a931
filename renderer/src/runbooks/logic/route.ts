// Routes of the runbooks screen. The start route carries its prefill in a query after the id
// (`#/runbooks/disk-full?path=/var&incident=INC-…`), which is how the alerts screen opens a runbook.
import type { RunbookSummary } from '../../../../preload/contract';

export type RunbooksRoute =
  | { view: 'library' }
  | { view: 'runs' }
  | { view: 'run'; runId: string }
  | { view: 'start'; id: string; query: Record<string, string> };

/**
 * Reads the raw hash: the app router decodes whole segments, which would turn an encoded `&` or `?`
 * inside a value into a separator, so the query must be split before anything is decoded.
 */
export function parseRunbooksHash(hash: string): RunbooksRoute {
  const raw = hash.replace(/^#?\/?/, '');
  const cut = raw.indexOf('?');
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const search = cut < 0 ? '' : raw.slice(cut + 1);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts[0] === 'runbooks') parts.shift();
  const [first, second] = parts;
  if (first === undefined) return { view: 'library' };
  if (first === 'runs' && second === undefined) return { view: 'runs' };
  if (first === 'run' && second !== undefined) return { view: 'run', runId: second };
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) if (key) query[key] = value;
  return { view: 'start', id: first, query };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The link that opens a runbook's start form with values filled in (for alerts and the palette). */
export function runbookHref(id: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#/runbooks/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;
}

export interface Prefill {
  params: Record<string, string>;
  /** Alert labels: they fill `{{labels.x}}` and bare `{{x}}` placeholders that are not params. */
  labels: Record<string, string>;
  incidentId: string | null;
  host: string | null;
}

/**
 * Splits a start-route query: declared param names fill params; `incident` / `host` pick the incident
 * and the default host unless the runbook declares a param of that name (a runbook's own param always
 * wins over the link's meaning); everything else is an alert label (`labels.x` or plain `x`), which is
 * what the alerts screen sends for a runbook that declares no params.
 */
export function prefillFromQuery(runbook: Pick<RunbookSummary, 'params'>, query: Record<string, string>): Prefill {
  const declared = new Set(runbook.params.map((p) => p.name));
  const out: Prefill = { params: {}, labels: {}, incidentId: null, host: null };
  for (const [key, value] of Object.entries(query)) {
    if (declared.has(key)) out.params[key] = value;
    else if (key === 'incident') out.incidentId = value || null;
    else if (key === 'host') out.host = value || null;
    else if (key.startsWith('labels.')) {
      if (key.length > 'labels.'.length) out.labels[key.slice('labels.'.length)] = value;
    } else out.labels[key] = value;
  }
  return out;
}
