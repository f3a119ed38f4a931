import { evaluateCondition, parseCondition, type Condition, type ConditionResult } from './conditions';
import type { TargetConfig } from './config';
import type { ErrorKind, ProbeEvidence, RawResult } from './runner';

export type Level = 'warning' | 'critical';

/** One probe judged against its target's expectations. */
export interface Check {
  at: number;
  ok: boolean;
  /** A 5xx or no answer: counts against the error-rate objective. */
  error: boolean;
  latencyMs: number;
  status: number | null;
  /** Named health checks reporting failure (seed 003 `checks` / `components`). */
  failingChecks: string[];
  failedConditions: string[];
  /** Every condition with its verdict, for the CLI. */
  conditionResults: ConditionResult[];
  /** Why the check failed, in one line. */
  reason: string | null;
  errorKind: ErrorKind | null;
  slow: Level | null;
  certExpiresAt: number | null;
  certLevel: Level | null;
  /** Kept from a failed browser check. */
  evidence?: ProbeEvidence;
}

export type JudgedTarget = Pick<TargetConfig, 'url' | 'expectStatus' | 'conditions' | 'latency' | 'certificateExpiry'>;

const healthyWords = new Set(['ok', 'up', 'pass', 'passed', 'healthy', 'ready', 'alive', 'true', 'green', 'success', 'available']);
const unhealthyWords = new Set(['down', 'fail', 'failed', 'failing', 'unhealthy', 'not_ready', 'error', 'critical', 'degraded', 'unavailable', 'red', 'false']);
const conditionCache = new Map<string, Condition>();

function condition(text: string): Condition {
  let c = conditionCache.get(text);
  if (!c) conditionCache.set(text, (c = parseCondition(text)));
  return c;
}

export function judge(target: JudgedTarget, raw: RawResult, now: number): Check {
  const tcp = target.url.startsWith('tcp:');
  // With conditions, they alone decide, as in Gatus: no implicit 2xx, no health-shape reading, and a
  // refused connection is just `[CONNECTED] == false`. Without them, the documented defaults apply.
  const byConditions = target.conditions.length > 0;
  const failingChecks = raw.status === null || byConditions ? [] : healthFailures(parseJson(raw.body));
  const reasons: string[] = [];
  const requestNeverSent = raw.errorKind === 'secret';
  if (raw.error && (!byConditions || requestNeverSent)) reasons.push(raw.error);
  if (!tcp && raw.status !== null && (target.expectStatus !== undefined || !byConditions)) {
    if (!statusMatches(raw.status, target.expectStatus ?? '2xx')) reasons.push(`status ${raw.status}, expected ${formatExpect(target.expectStatus ?? '2xx')}`);
  }
  const facts = {
    status: raw.status,
    responseTimeMs: raw.durationMs,
    body: raw.body,
    certificateExpiresInMs: raw.certExpiresAt === null ? null : raw.certExpiresAt - now,
    connected: raw.connected,
    ip: raw.ip,
    browser: raw.browser ?? null,
  };
  const conditionResults = requestNeverSent ? [] : target.conditions.map((c) => evaluateCondition(condition(c), facts));
  const failedConditions = conditionResults.filter((r) => !r.ok).map((r) => r.detail);
  // A failed condition on a probe that got no answer reads better with the reason in front.
  if (failedConditions.length > 0 && raw.error && !requestNeverSent) reasons.push(raw.error);
  reasons.push(...failedConditions);
  if (failingChecks.length > 0) reasons.push(`failing checks: ${failingChecks.join(', ')}`);
  const ok = reasons.length === 0;
  const latency = target.latency;
  const slow = raw.connected && latency ? (latency.critical !== undefined && raw.durationMs >= latency.critical ? 'critical' : latency.warning !== undefined && raw.durationMs >= latency.warning ? 'warning' : null) : null;
  const left = raw.certExpiresAt === null ? null : raw.certExpiresAt - now;
  const certLevel = left === null ? null : left < target.certificateExpiry.critical ? 'critical' : left < target.certificateExpiry.warning ? 'warning' : null;
  return {
    at: raw.at,
    ok,
    error: !raw.connected || (raw.status !== null && raw.status >= 500) || raw.errorKind !== null,
    latencyMs: raw.durationMs,
    status: raw.status,
    failingChecks,
    failedConditions,
    conditionResults,
    reason: ok ? null : reasons.join('; '),
    errorKind: raw.errorKind,
    slow,
    certExpiresAt: raw.certExpiresAt,
    certLevel,
    ...(raw.evidence ? { evidence: raw.evidence } : {}),
  };
}

export function statusMatches(status: number, expect: number | number[] | string): boolean {
  if (typeof expect === 'number') return status === expect;
  if (Array.isArray(expect)) return expect.includes(status);
  return Math.floor(status / 100) === Number(expect[0]);
}

function formatExpect(expect: number | number[] | string): string {
  return Array.isArray(expect) ? expect.join(' or ') : String(expect);
}

function parseJson(body: string): unknown {
  const first = body.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The seed 003 health shapes: `{status, checks: {database: false}}` from /health/ready and
 * `{components: {database: {status: "failing"}}}` from /health/detailed. Returns failing names.
 */
export function healthFailures(json: unknown): string[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return [];
  const body = json as Record<string, unknown>;
  const failing: string[] = [];
  for (const key of ['checks', 'components']) {
    const group = body[key];
    if (!group || typeof group !== 'object' || Array.isArray(group)) continue;
    for (const [name, value] of Object.entries(group as Record<string, unknown>)) {
      if (isFailing(value)) failing.push(name);
    }
  }
  return [...new Set(failing)].sort();
}

function isFailing(value: unknown): boolean {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return unhealthyWords.has(value.toLowerCase());
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const status = v.status ?? v.healthy ?? v.ok;
    if (typeof status === 'boolean') return !status;
    if (typeof status === 'string') return !healthyWords.has(status.toLowerCase());
  }
  return false;
}
