import { redactUrl } from '../../core/shared/redact';
import { defineCommand, keyValuePairs, UsageError, writeJson, type CliContext, type OptionValues } from '../command';
import type { Transition } from '../../core/rules/alerting-rule';
import type { RuleGroup } from '../../core/rules/group';
import type { ParsedRuleFile } from '../../core/rules/types';

/**
 * `oncall rules check | test | eval | watch`: Prometheus rule files, checked and unit-tested like
 * promtool does, and evaluated locally against a Prometheus server with Prometheus's alert semantics.
 */

const serverOptions = {
  prometheus: { type: 'string' },
  'external-url': { type: 'string' },
  'external-label': { type: 'string', multiple: true },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const serverUsage = `  --prometheus URL        the server to query (required)
  --external-url URL      what $externalURL renders (default: the server's --web.external-url,
                          else the --prometheus URL)
  --external-label k=v    what $externalLabels holds, repeatable (default: the server's
                          global.external_labels)
  --timeout D             per query (default 10s)`;

export const command = defineCommand({
  summary: 'check, unit-test and evaluate Prometheus rule files',
  usage: `Usage: oncall rules check FILE... [--json]
       oncall rules eval --prometheus URL FILE... [--json]
       oncall rules watch --prometheus URL FILE... [--interval D] [--duration D] [--json]
       oncall rules test FILE... [--json]
`,
  subcommands: {
    check: {
      summary: 'parse and template-check rule files; exit 0/1 like promtool check rules',
      usage: `Usage: oncall rules check FILE... [--json]

Checks YAML, fields, durations, names, PromQL syntax and types, and label/annotation templates
of each file, as \`promtool check rules\` does. Exit 0 when every file is valid, 1 otherwise.
`,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        const files = await load(positionals);
        if (values.json) {
          writeJson(ctx, {
            ok: files.every((f) => f.errors.length === 0),
            files: files.map((f) => ({ file: f.file, ok: f.errors.length === 0, errors: f.errors, ...counts(f) })),
          });
        } else {
          const { formatProblem } = await import('../../core/rules/loader');
          for (const f of files) {
            ctx.stdout.write(`Checking ${f.file}\n`);
            if (f.errors.length === 0) {
              const c = counts(f);
              ctx.stdout.write(`  SUCCESS: ${c.alerting + c.recording} rules found${c.recording ? ` (${c.recording} recording: evaluated by the Prometheus server only)` : ''}\n\n`);
            } else {
              ctx.stdout.write('  FAILED:\n');
              for (const p of f.errors) ctx.stderr.write(`${formatProblem(p)}\n`);
              ctx.stdout.write('\n');
            }
          }
        }
        return files.every((f) => f.errors.length === 0) ? 0 : 1;
      },
    },
    test: {
      summary: 'run rule unit tests in promtool format; exit 0/1 like promtool test rules',
      usage: `Usage: oncall rules test FILE... [--json]

Runs unit tests written for \`promtool test rules\` (rule_files, evaluation_interval, tests with
input_series, alert_rule_test/exp_alerts and promql_expr_test/exp_samples) with the console's own
evaluator. It evaluates the PromQL of Prometheus 2.42 (the promtool it is compared with): selectors
with offset and @, subqueries (without a step: the evaluation interval), arithmetic, comparisons,
set operators and vector matching, every aggregation and every function, on float samples.
Exit 0 when every test passes, 1 otherwise.
`,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length === 0) throw new UsageError('name at least one test file');
        const { runRuleTests } = await import('../../core/rules/unit-test');
        const results = [];
        for (const file of positionals) results.push(await runRuleTests(file));
        if (values.json) writeJson(ctx, { ok: results.every((r) => r.ok), files: results });
        else {
          // promtool's layout: the verdict on stdout, FAILED and each failure (then a blank line) on stderr.
          for (const r of results) {
            ctx.stdout.write(`Unit Testing:  ${r.file}\n`);
            for (const w of r.warnings) ctx.stderr.write(`${w}\n`);
            if (r.ok) ctx.stdout.write('  SUCCESS\n\n');
            else ctx.stderr.write(`  FAILED:\n${r.failures.map((f) => `${f}\n\n`).join('')}\n`);
          }
        }
        return results.every((r) => r.ok) ? 0 : 1;
      },
    },
    eval: {
      summary: 'one evaluation pass; alerts with their state',
      usage: `Usage: oncall rules eval --prometheus URL FILE... [--json]

${serverUsage}
  --json                  print the document GET /api/v1/alerts of Prometheus prints

Evaluates every alerting rule once, now. Alerts with a \`for\` are pending after one pass.
Exit 0 after a complete pass; 1 when a file is invalid, a rule failed or the server is unavailable.
`,
      options: serverOptions,
      async run({ values, positionals }, ctx) {
        const session = await connect(values, positionals, ctx);
        try {
          const now = Date.now();
          const results = await Promise.all(session.groups.map(({ group }) => group.evaluate(now)));
          const unavailable = results.find((r) => r.unavailable)?.unavailable;
          if (unavailable) {
            // Blind is not the same as "no alerts": print no document at all.
            ctx.stderr.write(`${unavailable}\n`);
            session.reportFailures();
            return 1;
          }
          const alerts = session.groups.flatMap(({ group }) => group.rules.flatMap((r) => r.activeAlerts()));
          const { apiAlertsDocument } = await import('../../core/rules/api-shape');
          if (values.json) writeJson(ctx, apiAlertsDocument(alerts));
          else {
            for (const a of alerts) {
              ctx.stdout.write(`${a.state.toUpperCase().padEnd(8)} ${a.labels.alertname ?? ''}${formatLabels(a.labels)} value=${a.value}\n`);
              if (a.annotations.summary) ctx.stdout.write(`         ${a.annotations.summary}\n`);
            }
            if (alerts.length === 0) ctx.stdout.write(`no alert active (${session.ruleCount} alerting rules evaluated)\n`);
            const recording = session.groups.reduce((n, { group }) => n + group.recording.length, 0);
            if (recording) ctx.stdout.write(`${recording} recording rule(s) not evaluated: the Prometheus server computes and stores those\n`);
          }
          return session.reportFailures() || results.some((r) => r.failed > 0) ? 1 : 0;
        } finally {
          session.close();
        }
      },
    },
    watch: {
      summary: 'evaluate continuously; one line per alert state transition',
      usage: `Usage: oncall rules watch --prometheus URL FILE... [--interval D] [--duration D] [--json]

${serverUsage}
  --interval D            evaluate every D (default: each group's interval, else 1m)
  --duration D            stop after D (default: run until interrupted)
  --json                  one JSON object per line and transition:
                          {at, file, group, rule, from, to, labels, annotations, value}

Transitions: inactive->pending, pending->firing, firing->resolved, and pending->inactive for a
pending alert whose series vanished (never a resolved event). An unavailable server is reported
on stderr; alerts keep their state meanwhile.
`,
      options: { ...serverOptions, interval: { type: 'string' }, duration: { type: 'string' } },
      async run({ values, positionals }, ctx) {
        const { parseDuration } = await import('../../core/shared/duration');
        const interval = values.interval === undefined ? null : positive(parseDuration(String(values.interval)), '--interval');
        const duration = values.duration === undefined ? null : positive(parseDuration(String(values.duration)), '--duration');
        const session = await connect(values, positionals, ctx, interval, (file, group, result) => {
          for (const t of result.transitions) ctx.stdout.write(values.json ? `${JSON.stringify(transitionJson(file, group, t))}\n` : `${transitionText(t)}\n`);
          if (result.unavailable !== session.lastUnavailable) {
            ctx.stderr.write(result.unavailable ? `${new Date(result.at).toISOString()} ${result.unavailable}\n` : `${new Date(result.at).toISOString()} Prometheus answers again\n`);
            if (!result.unavailable && session.lastUnavailable) void session.refreshExternals();
            session.lastUnavailable = result.unavailable;
          }
        });
        const failed = session.reportFailures();
        try {
          for (const { group } of session.groups) group.start();
          await waitUntilStopped(duration);
        } finally {
          for (const { group } of session.groups) group.stop();
          await Promise.all(session.groups.map(({ group }) => group.idle()));
          session.close();
        }
        return failed ? 1 : 0;
      },
    },
  },
});

type GroupResultOf = Parameters<NonNullable<ConstructorParameters<typeof RuleGroup>[1]['onResult']>>[1];

async function load(paths: string[]): Promise<ParsedRuleFile[]> {
  if (paths.length === 0) throw new UsageError('name at least one rule file');
  const { loadRuleFiles } = await import('../../core/rules/loader');
  return loadRuleFiles(paths);
}

function counts(f: ParsedRuleFile): { groups: number; alerting: number; recording: number } {
  const rules = f.groups.flatMap((g) => g.rules);
  return { groups: f.groups.length, alerting: rules.filter((r) => r.kind === 'alerting').length, recording: rules.filter((r) => r.kind === 'recording').length };
}

function positive(ms: number, flag: string): number {
  if (ms <= 0) throw new UsageError(`${flag} must be longer than 0`);
  return ms;
}

/** Loads the files and builds one RuleGroup per group against the --prometheus server. */
async function connect(values: OptionValues, paths: string[], ctx: CliContext, interval: number | null = null, onResult?: (file: string, group: RuleGroup, result: GroupResultOf) => void) {
  const url = values.prometheus;
  if (typeof url !== 'string' || url === '') throw new UsageError('--prometheus URL is required');
  if (!/^https?:\/\//.test(url)) throw new UsageError(`--prometheus must be an http(s) URL, not "${url}"`);
  const labelFlags = values['external-label'] === undefined ? undefined : keyValuePairs(values['external-label'], '--external-label');
  const [{ parseDuration }, { PrometheusClient }, { ServerExternals }, { RuleGroup }, { systemClock }, { formatProblem }] = await Promise.all([
    import('../../core/shared/duration'),
    import('../../core/prometheus/client'),
    import('../../core/prometheus/externals'),
    import('../../core/rules/group'),
    import('../../core/shared/clock'),
    import('../../core/rules/loader'),
  ]);
  const timeout = values.timeout === undefined ? 10_000 : positive(parseDuration(String(values.timeout)), '--timeout');
  const files = await load(paths);
  const client = new PrometheusClient({ name: redactUrl(url), url, timeout, maxConcurrency: 10, env: ctx.env });
  const urlFlag = typeof values['external-url'] === 'string' ? values['external-url'] : undefined;
  const externals = new ServerExternals(client, { externalLabels: labelFlags, externalURL: urlFlag }, redactUrl(url).replace(/\/$/, ''), (message) => ctx.stderr.write(`warning: ${message}\n`));
  await externals.refresh();
  const groups = files.flatMap((f) =>
    f.groups.map((def) => {
      const group: RuleGroup = new RuleGroup(interval === null ? def : { ...def, interval }, {
        clock: systemClock,
        defaultInterval: 60_000,
        get externalLabels() {
          return externals.externalLabels;
        },
        get externalUrl() {
          return externals.externalUrl;
        },
        query: (expr, time) => client.queryVector(expr, time),
        onResult: onResult && ((g, result) => onResult(f.file, g, result)),
      });
      return { file: f.file, group };
    }),
  );
  return {
    groups,
    ruleCount: groups.reduce((n, { group }) => n + group.rules.length, 0),
    lastUnavailable: null as string | null,
    /** Asks the server for its external labels and URL again (after it comes back). */
    refreshExternals: () => externals.refresh(),
    /** Prints rejected files and failed rules on stderr; true when there were any. */
    reportFailures(): boolean {
      const problems = files.flatMap((f) => f.errors.map(formatProblem));
      for (const { file, group } of groups) {
        for (const rule of group.rules) if (rule.health === 'err') problems.push(`${file}:${rule.def.line}: rule ${rule.name} failed: ${rule.lastError ?? 'unknown error'}`);
      }
      for (const p of problems) ctx.stderr.write(`${p}\n`);
      return problems.length > 0;
    },
    close: () => client.close(),
  };
}

/** Resolves after `duration`, or on Ctrl-C/SIGTERM; its timer keeps the process alive meanwhile. */
function waitUntilStopped(duration: number | null): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    // Without --duration, a long (re-armed) timer is what keeps the event loop running.
    const timer = duration === null ? setInterval(() => undefined, 3_600_000) : setTimeout(done, duration);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).filter(([k]) => k !== 'alertname');
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}` : '';
}

function transitionJson(file: string, group: RuleGroup, t: Transition) {
  return { at: new Date(t.at).toISOString(), file, group: group.def.name, rule: t.rule, fingerprint: t.fingerprint, from: t.from, to: t.to, labels: t.labels, annotations: t.annotations, value: t.value };
}

function transitionText(t: Transition): string {
  return `${new Date(t.at).toISOString()} ${t.rule}${formatLabels(t.labels)} ${t.from} -> ${t.to} (value ${t.value})`;
}
