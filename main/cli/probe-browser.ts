import { resolve } from 'node:path';
import { redactUrl } from '../core/shared/redact';
import type { CliContext } from './command';
import { UsageError, writeJson } from './command';

export interface BrowserProbeArgs {
  url: string;
  conditions: string[];
  expectStatus: number | number[] | string | undefined;
  timeout: string | undefined;
  insecure: boolean;
  json: boolean;
  executable: string | undefined;
}

/**
 * `oncall probe URL --browser`: one page load in the user's Chromium, the placeholders' values, each
 * condition's verdict and, on failure, where the screenshot and console errors were kept.
 */
export async function probeInBrowser(args: BrowserProbeArgs, ctx: CliContext): Promise<number> {
  const [{ targetSchema }, { BrowserProber }, { createChromiumEngine }, { EvidenceStore }, { evidenceDir }, { openConfigStore }, { defaultBrowserConfig }] = await Promise.all([
    import('../core/probes/config'),
    import('../core/probes/browser/prober'),
    import('../core/probes/browser/chromium'),
    import('../core/probes/browser/evidence'),
    import('../core/probes/browser/checks'),
    import('../core/composed-config'),
    import('../core/probes/browser/config'),
  ]);
  const parsed = targetSchema.safeParse({ name: 'probe', kind: 'browser', url: args.url, interval: '1h', timeout: args.timeout, expectStatus: args.expectStatus, conditions: args.conditions, insecure: args.insecure });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; '));
  const target = parsed.data;
  // config.yml's `browser:` block (which Chromium, how long evidence stays); a broken file keeps the defaults.
  const config = openConfigStore(resolve(ctx.home, 'config.yml'));
  config.reload();
  const settings = config.current().browser ?? defaultBrowserConfig;
  config.close();
  const evidence = new EvidenceStore({ dir: evidenceDir(ctx.home), retentionMs: settings.evidenceRetention, maxPerTarget: settings.evidencePerTarget, isPinned: () => false, now: Date.now });
  const engine = createChromiumEngine({ executable: args.executable ?? settings.executable, env: ctx.env });
  const prober = new BrowserProber({ engine: () => engine, evidence, now: Date.now });
  try {
    const { check, measures, raw } = await prober.run(target);
    const values = {
      status: measures.status,
      pageLoadMs: Math.round(measures.pageLoadMs),
      lcpMs: measures.lcpMs === null ? null : Math.round(measures.lcpMs),
      jsErrors: measures.jsErrors.length,
      failedRequests: measures.failedRequests.length,
      bodyChars: measures.bodyText.length,
    };
    const evidencePath = raw.evidence ? decodeURIComponent(new URL(raw.evidence.consoleUrl).pathname).replace(/\/[^/]+$/, '') : null;
    if (args.json) {
      writeJson(ctx, {
        url: redactUrl(target.url),
        ok: check.ok,
        ...values,
        error: raw.error,
        jsErrorTexts: measures.jsErrors,
        failedRequestTexts: measures.failedRequests,
        body: measures.bodyText,
        conditions: check.conditionResults.map((c) => ({ condition: c.source, ok: c.ok, detail: c.detail })),
        reason: check.reason,
        evidence: raw.evidence ? { dir: evidencePath, screenshot: raw.evidence.screenshotUrl, consoleErrors: raw.evidence.consoleUrl } : null,
      });
    } else {
      const out = (line: string) => ctx.stdout.write(`${line}\n`);
      out(`${check.ok ? 'UP' : 'DOWN'}  ${redactUrl(target.url)}  ${measures.status === null ? 'no answer' : `HTTP ${measures.status}`}  ${values.pageLoadMs} ms`);
      out(`  [STATUS] ${values.status ?? 0}  [PAGE_LOAD] ${values.pageLoadMs}  [LCP] ${values.lcpMs ?? `none (reads as ${target.timeout})`}  [JS_ERRORS] ${values.jsErrors}  [FAILED_REQUESTS] ${values.failedRequests}  [BODY] ${values.bodyChars} characters`);
      for (const e of measures.jsErrors) out(`  js error: ${e}`);
      for (const r of measures.failedRequests) out(`  failed request: ${r}`);
      for (const c of check.conditionResults) out(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.detail}`);
      if (check.reason) out(`  reason: ${check.reason}`);
      if (evidencePath) out(`  evidence: ${evidencePath}`);
    }
    return check.ok ? 0 : 1;
  } finally {
    await prober.close();
  }
}
