import { redactUrl } from '../../core/shared/redact';
import { defineCommand, UsageError, writeJson } from '../command';

export const command = defineCommand({
  summary: 'check one health endpoint now (exit 0 healthy, 1 failing)',
  usage: `Usage: oncall probe URL [--browser] [--expect-status S] [--condition EXPR]... [options] [--json]

  URL                  http(s)://… or tcp://host:port
  --expect-status S    200, a list 200,204 or a class 2xx (default: 2xx, or none
                       when conditions are given: they alone decide, as in Gatus)
  --condition EXPR     Gatus condition, repeatable: "[BODY].checks.database == true",
                       "[RESPONSE_TIME] < 500", "[CERTIFICATE_EXPIRATION] > 168h"
  --method M           HTTP method (default GET)
  --header "N: V"      request header, repeatable; secrets as \${env:NAME}
  --timeout D          e.g. 5s (default 10s)
  --insecure           accept an untrusted TLS certificate (expiry is still checked)
  --browser            load the page in Chromium: [PAGE_LOAD], [LCP], [JS_ERRORS],
                       [FAILED_REQUESTS], [STATUS], [BODY] (rendered text); a failing
                       check keeps a screenshot and the console errors (default timeout 30s)
  --executable PATH    the Chromium for --browser (default: config.yml browser.executable,
                       else chromium, chromium-browser or google-chrome on PATH)
  --json               print one JSON document
`,
  options: {
    'expect-status': { type: 'string' },
    condition: { type: 'string', multiple: true },
    method: { type: 'string' },
    header: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    insecure: { type: 'boolean' },
    browser: { type: 'boolean' },
    executable: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, ctx) {
    const [url, ...extra] = positionals;
    if (!url || extra.length > 0) throw new UsageError('give exactly one URL');
    if (values.browser) {
      if (values.method || values.header) throw new UsageError('--browser loads the page as a browser does: --method and --header do not apply');
      const { probeInBrowser } = await import('../probe-browser');
      const conditions = (values.condition as string[] | undefined) ?? [];
      return probeInBrowser(
        { url, conditions, expectStatus: parseExpect(values['expect-status'] as string | undefined), timeout: values.timeout as string | undefined, insecure: values.insecure === true, json: values.json === true, executable: values.executable as string | undefined },
        ctx,
      );
    }
    const [{ targetSchema }, { createProbeRunner }, { envSecretResolver }, { judge }] = await Promise.all([
      import('../../core/probes/config'),
      import('../../core/probes/runner'),
      import('../../core/probes/secrets'),
      import('../../core/probes/evaluate'),
    ]);
    const headers: Record<string, string> = {};
    for (const h of (values.header as string[] | undefined) ?? []) {
      const at = h.indexOf(':');
      if (at <= 0) throw new UsageError(`--header must look like "Name: value", not "${h}"`);
      headers[h.slice(0, at).trim()] = h.slice(at + 1).trim();
    }
    const timeout = (values.timeout as string | undefined) ?? '10s';
    const parsed = targetSchema.safeParse({
      name: 'probe',
      url,
      method: values.method ? String(values.method).toUpperCase() : undefined,
      headers,
      timeout,
      interval: '1h',
      expectStatus: parseExpect(values['expect-status'] as string | undefined),
      conditions: (values.condition as string[] | undefined) ?? [],
      insecure: values.insecure === true,
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'argument'}: ${i.message}`).join('; '));
    const target = parsed.data;
    const runner = createProbeRunner(envSecretResolver(ctx.env));
    try {
      const raw = await runner.run(target);
      const check = judge(target, raw, Date.now());
      if (values.json) {
        writeJson(ctx, {
          url: redactUrl(target.url),
          ok: check.ok,
          status: check.status,
          latencyMs: Math.round(check.latencyMs),
          error: raw.error,
          failedConditions: check.failedConditions,
          failingChecks: check.failingChecks,
          reason: check.reason,
          certificateExpiresAt: check.certExpiresAt === null ? null : new Date(check.certExpiresAt).toISOString(),
        });
      } else {
        const head = check.ok ? 'UP' : 'DOWN';
        const status = check.status === null ? (raw.connected ? 'connected' : 'no answer') : `HTTP ${check.status}`;
        ctx.stdout.write(`${head}  ${redactUrl(target.url)}  ${status}  ${Math.round(check.latencyMs)} ms\n`);
        if (check.certExpiresAt !== null) ctx.stdout.write(`  certificate expires ${new Date(check.certExpiresAt).toISOString()}\n`);
        for (const c of check.conditionResults) ctx.stdout.write(`  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.detail}\n`);
        if (check.reason) ctx.stdout.write(`  reason: ${check.reason}\n`);
      }
      return check.ok ? 0 : 1;
    } finally {
      runner.close();
    }
  },
});

function parseExpect(text: string | undefined): number | number[] | string | undefined {
  if (text === undefined) return undefined;
  if (/^[1-5]xx$/i.test(text)) return text.toLowerCase();
  const codes = text.split(',').map((s) => Number(s.trim()));
  if (codes.some((c) => !Number.isInteger(c))) throw new UsageError(`--expect-status must be a code, a list like 200,204 or a class like 2xx, not "${text}"`);
  return codes.length === 1 ? codes[0] : codes;
}
