import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import type { IncidentCategory, IncidentRole, IncidentSeverity, IncidentStatus, TimelineEntryKind } from '../../../preload/contract/incidents';
import { AppError } from '../shared/errors';

// Runtime copies of the contract's lists: importing the contract at runtime would pull zod into
// `oncall note`, whose start-up time is a goal of its own. The `satisfies` keeps them in step.
export const severityList = ['P1', 'P2', 'P3', 'P4'] as const satisfies readonly IncidentSeverity[];
export const statusList = ['triggered', 'acknowledged', 'investigating', 'mitigated', 'resolved', 'closed'] as const satisfies readonly IncidentStatus[];
export const categoryList = ['A', 'B', 'C', 'D', 'backup', 'monitoring', 'storage', 'database', 'automation', 'email', 'general'] as const satisfies readonly IncidentCategory[];
export const roleList = ['commander', 'scribe', 'comms'] as const satisfies readonly IncidentRole[];
export const kindList = ['note', 'decision', 'status_change', 'role_change', 'alert_transition', 'runbook_step', 'communication', 'evidence', 'checklist', 'reminder', 'terminal'] as const satisfies readonly TimelineEntryKind[];

/** Entry text limit in UTF-8 bytes (same as maxEntryBytes in the contract). */
export const entryLimitBytes = 1_048_576;

export const openStatuses: readonly IncidentStatus[] = ['triggered', 'acknowledged', 'investigating', 'mitigated'];

export function isSeverity(value: string): value is IncidentSeverity {
  return (severityList as readonly string[]).includes(value);
}
export function isStatus(value: string): value is IncidentStatus {
  return (statusList as readonly string[]).includes(value);
}
export function isCategory(value: string): value is IncidentCategory {
  return (categoryList as readonly string[]).includes(value);
}

export function assertSeverity(value: string): IncidentSeverity {
  if (!isSeverity(value)) throw new AppError('invalid_input', `invalid severity "${value}": use P1 (critical), P2 (high), P3 (medium) or P4 (low)`);
  return value;
}
export function assertStatus(value: string): IncidentStatus {
  if (!isStatus(value)) throw new AppError('invalid_input', `invalid status "${value}": use one of ${statusList.join(', ')}`);
  return value;
}
export function assertCategory(value: string): IncidentCategory {
  if (!isCategory(value)) throw new AppError('invalid_input', `invalid category "${value}": use one of ${categoryList.join(', ')}`);
  return value;
}

/**
 * Moves forward may skip steps (a blip can go triggered -> resolved). Going back is refused, except
 * that a resolved incident may be reopened for investigation; closed is final.
 */
export function checkTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (from === to) throw new AppError('conflict', `the incident is already ${to}`);
  if (from === 'closed') throw new AppError('conflict', `cannot change a closed incident to ${to}: closed is final. Open a new incident and mention this one in it.`);
  if (from === 'resolved' && (to === 'investigating' || to === 'closed')) return;
  if (statusList.indexOf(to) < statusList.indexOf(from)) {
    const reopen = from === 'resolved' ? ' (a resolved incident can only go back to investigating)' : '';
    throw new AppError('conflict', `cannot go from ${from} back to ${to}${reopen}; the order is ${statusList.join(' -> ')}`);
  }
}

/** True when `status` is at or past `mark` in the lifecycle. */
export function reached(status: IncidentStatus, mark: IncidentStatus): boolean {
  return statusList.indexOf(status) >= statusList.indexOf(mark);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `INC-YYYYMMDD-HHMMSS-xxxx`: sorts by start time (UTC); the random suffix keeps two laptops apart. */
export function newIncidentId(at: number): string {
  const d = new Date(at);
  const date = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `INC-${date}-${time}-${randomBytes(2).toString('hex')}`;
}

export const incidentIdPattern = /^INC-\d{8}-\d{6}-[0-9a-f]{4,8}$/;

let cachedAuthor: string | null = null;
/** OS user@host, the author of everything written from this machine. ONCALL_AUTHOR overrides it (tests, shared accounts). */
export function osAuthor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ONCALL_AUTHOR) return env.ONCALL_AUTHOR;
  if (cachedAuthor) return cachedAuthor;
  let user = env.USER ?? env.USERNAME ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  cachedAuthor = `${user}@${hostname()}`;
  return cachedAuthor;
}

export function assertEntrySize(label: string, text: string): void {
  // A UTF-16 unit is at most 3 UTF-8 bytes, so most texts skip the byte count entirely.
  if (text.length * 3 <= entryLimitBytes) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > entryLimitBytes) {
    throw new AppError('invalid_input', `${label} is ${(bytes / 1_048_576).toFixed(1)} MiB; the limit is 1 MiB (${entryLimitBytes.toLocaleString('en')} bytes). Save large output to a file and add it as evidence instead.`);
  }
}

/** The seed 002 15-minute start checklist, shown on every P1/P2. */
export const startChecklist: readonly { key: string; label: string }[] = [
  { key: 'ic_named', label: 'Incident commander named' },
  { key: 'severity_set', label: 'Severity set' },
  { key: 'channel_open', label: 'Incident channel open' },
  { key: 'containment_active', label: 'Containment active' },
  { key: 'scribe_logging', label: 'Scribe is logging' },
];
