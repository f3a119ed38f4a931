import { redactUrlsIn, splitCredentials } from '../../shared/redact';
import type { HttpStep, PromqlStep, ValueCondition } from '../model';

export interface CheckResult {
  passed: boolean;
  output: string;
  /** HTTP status, or the number of series for PromQL. */
  code: number | null;
  error?: string;
}

/** An HTTP check: status, latency and body conditions. */
export async function runHttpCheck(step: HttpStep, options: { timeoutMs: number; signal?: AbortSignal | undefined; now(): number }): Promise<CheckResult> {
  const started = options.now();
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  try {
    // fetch refuses user:pass@ URLs and quotes them, password included, in its error: send them as a header.
    const { url, authorization } = splitCredentials(step.url);
    const hasAuth = Object.keys(step.headers).some((h) => h.toLowerCase() === 'authorization');
    const response = await fetch(url, {
      method: step.method,
      headers: authorization && !hasAuth ? { ...step.headers, authorization } : step.headers,
      ...(step.body !== undefined ? { body: step.body } : {}),
      signal: AbortSignal.any(signals),
      redirect: 'manual',
    });
    const body = await response.text();
    const latency = options.now() - started;
    const problems: string[] = [];
    const statusOk = step.expectStatus ? step.expectStatus.includes(response.status) : response.status >= 200 && response.status < 300;
    if (!statusOk) problems.push(`status ${response.status} (expected ${step.expectStatus?.join(' or ') ?? '2xx'})`);
    if (step.maxLatencyMs !== undefined && latency > step.maxLatencyMs) problems.push(`latency ${latency} ms > ${step.maxLatencyMs} ms`);
    if (step.expectBody !== undefined && !new RegExp(step.expectBody).test(body)) problems.push(`body does not match /${step.expectBody}/`);
    const head = `HTTP ${response.status} in ${latency} ms${problems.length ? `: ${problems.join('; ')}` : ''}\n`;
    return { passed: problems.length === 0, output: head + body.slice(0, 64 * 1024), code: response.status };
  } catch (err) {
    return { passed: false, output: '', code: null, error: redactUrlsIn((err as Error).message) };
  }
}

export function compare(condition: ValueCondition, value: number): boolean {
  switch (condition.op) {
    case '<':
      return value < condition.threshold;
    case '<=':
      return value <= condition.threshold;
    case '>':
      return value > condition.threshold;
    case '>=':
      return value >= condition.threshold;
    case '==':
      return value === condition.threshold;
    case '!=':
      return value !== condition.threshold;
  }
}

interface PromResponse {
  status: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

/** An instant query against a configured Prometheus; every sample must satisfy the condition. */
export async function runPromqlCheck(step: PromqlStep, server: { name: string; url: string } | undefined, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<CheckResult> {
  if (!server) return { passed: false, output: '', code: null, error: step.source ? `no Prometheus named "${step.source}" in config.yml` : 'no Prometheus server in config.yml (prometheus:)' };
  const url = new URL('api/v1/query', server.url.endsWith('/') ? server.url : `${server.url}/`);
  url.searchParams.set('query', step.query);
  try {
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const response = await fetch(url, { signal: AbortSignal.any(signals) });
    const json = (await response.json()) as PromResponse;
    if (json.status !== 'success' || !json.data) return { passed: false, output: JSON.stringify(json), code: null, error: json.error ?? `HTTP ${response.status}` };
    const samples: { labels: string; value: number }[] = [];
    if (json.data.resultType === 'vector') {
      for (const s of json.data.result as { metric: Record<string, string>; value: [number, string] }[]) {
        samples.push({ labels: JSON.stringify(s.metric), value: Number(s.value[1]) });
      }
    } else if (json.data.resultType === 'scalar') {
      samples.push({ labels: '', value: Number((json.data.result as [number, string])[1]) });
    }
    const lines = samples.map((s) => `${s.labels} ${s.value}`);
    if (samples.length === 0) return { passed: step.emptyOk, output: `(empty result from ${server.name})\n`, code: 0 };
    const passed = step.expect ? samples.every((s) => compare(step.expect as ValueCondition, s.value)) : true;
    return { passed, output: `${lines.join('\n')}\n${step.expect ? `expect ${step.expect.text}: ${passed ? 'ok' : 'not met'}\n` : ''}`, code: samples.length };
  } catch (err) {
    return { passed: false, output: '', code: null, error: redactUrlsIn((err as Error).message) };
  }
}
