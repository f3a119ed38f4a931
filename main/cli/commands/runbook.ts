import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, keyValuePairs, UsageError, writeJson, type CliContext, type OptionValues } from '../command';
import { resourcesDir } from '../paths';
import type { LibraryEntry } from '../../core/runbooks/library';
import type { Runbook } from '../../core/runbooks/model';
import type { RunOptions } from '../runbook-options';

/**
 * `oncall runbook list | check | run`.
 *
 * This file owns list, check and `run --dry-run` (`dryRun` below); the real run lives in
 * ../runbook-exec.ts. `run` parses the shared options once into `RunOptions` (../runbook-options.ts)
 * and hands them on.
 */

const runUsage = `Usage: oncall runbook run NAME|FILE [--param k=v]... [--label k=v]... [--host H]
                          [--incident ID] [--dry-run] [--yes] [--confirm STEP=VALUE]... [--json]

  NAME|FILE          a runbook id (see oncall runbook list), a runbook_url, or a Markdown file
  --param k=v        a param value (repeatable); validated against the param's type and pattern
  --label k=v        an alert label, for {{label}} placeholders (repeatable)
  --host H           host for steps that do not name one
  --incident ID      journal on this incident (default: a new incident is opened)
  --dry-run          print every step fully rendered (secrets as ***) and run nothing
  --yes              run every step without asking; dangerous steps still need --confirm, and
                     unknown host keys are refused (nobody is there to check the fingerprint)
  --confirm STEP=VALUE  the typed confirmation of a dangerous step (its id, see --dry-run --json)
  --json             with --dry-run: one JSON document; otherwise one JSON line per step result

Without --yes the run is interactive: it asks before each step and needs a terminal.
Exit 0 when every step passed or was skipped/done, 1 when the run stopped (it is then paused).
`;

export const command = defineCommand({
  summary: 'list, check and run runbooks (Markdown checklists with commands)',
  usage: `Usage: oncall runbook list [--json]
       oncall runbook check FILE... [--json]
       oncall runbook run NAME|FILE [--param k=v]... [--incident ID] [--dry-run] [--yes] [--confirm STEP=VALUE]... [--json]
`,
  subcommands: {
    list: {
      summary: 'built-in runbooks and those in your runbooks folders',
      usage: 'Usage: oncall runbook list [--json]\n',
      options: { json: { type: 'boolean' } },
      async run({ values }, ctx) {
        const library = await loadUserLibrary(ctx.home);
        const entries = library.entries;
        if (values.json) {
          writeJson(ctx, entries.map(listRow));
          return 0;
        }
        if (entries.length === 0) {
          ctx.stdout.write('No runbooks found. Put Markdown runbooks in the runbooks folder of your home, or list folders under runbooks.dirs in config.yml.\n');
          return 0;
        }
        for (const e of entries) {
          const state = e.broken ? '  BROKEN (oncall runbook check ' + e.file + ')' : e.shadowedBy ? `  (replaced by ${e.shadowedBy})` : '';
          const tags = e.tags.length ? `  [${e.tags.join(', ')}]` : '';
          ctx.stdout.write(`${e.id.padEnd(28)} ${e.source.padEnd(8)} ${String(e.stepCount).padStart(3)} steps  ${e.title}${tags}${state}\n`);
        }
        return 0;
      },
    },
    check: {
      summary: 'validate runbook files; problems are printed as file:line',
      usage: 'Usage: oncall runbook check FILE... [--json]\n\nExit 0 when no file has an error (warnings allowed), 1 otherwise.\n',
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length === 0) throw new UsageError('name at least one runbook file');
        const { checkRunbookFile } = await import('../../core/runbooks/check');
        const { formatIssue } = await import('../../core/runbooks/model');
        const results = positionals.map((file) => checkRunbookFile(file));
        const ok = results.every((r) => r.ok);
        if (values.json) {
          writeJson(ctx, { ok, files: results });
          return ok ? 0 : 1;
        }
        for (const r of results) {
          for (const issue of r.issues) (issue.severity === 'error' ? ctx.stderr : ctx.stdout).write(`${formatIssue(issue)}\n`);
          const errors = r.issues.filter((i) => i.severity === 'error').length;
          const warnings = r.issues.length - errors;
          ctx.stdout.write(`${r.file}: ${r.ok ? 'ok' : 'FAILED'} (${r.steps} steps, ${errors} errors, ${warnings} warnings)\n`);
        }
        return ok ? 0 : 1;
      },
    },
    run: {
      summary: 'run a runbook (or show it fully rendered with --dry-run)',
      usage: runUsage,
      options: {
        param: { type: 'string', multiple: true },
        label: { type: 'string', multiple: true },
        host: { type: 'string' },
        incident: { type: 'string' },
        confirm: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      async run({ values, positionals }, ctx) {
        const options = runOptions(values, positionals);
        if (values['dry-run']) return dryRun(options, ctx);
        return executeRun(options, ctx);
      },
    },
  },
});

function runOptions(values: OptionValues, positionals: string[]): RunOptions {
  if (positionals.length !== 1) throw new UsageError('name exactly one runbook (an id, a runbook_url or a file)');
  const options: RunOptions = {
    target: positionals[0] ?? '',
    params: keyValuePairs(values.param, '--param'),
    labels: keyValuePairs(values.label, '--label'),
    confirmations: keyValuePairs(values.confirm, '--confirm'),
    yes: values.yes === true,
    json: values.json === true,
  };
  if (typeof values.host === 'string') options.host = values.host;
  if (typeof values.incident === 'string') options.incident = values.incident;
  return options;
}

async function loadUserLibrary(home: string) {
  const { loadLibrary, runbookDirs } = await import('../../core/runbooks/library');
  const { openConfigStore } = await import('../../core/composed-config');
  const config = openConfigStore(resolve(home, 'config.yml'));
  // A missing or broken config.yml still lists the built-in runbooks and <home>/runbooks.
  config.reload();
  return loadLibrary(runbookDirs(resourcesDir, home, config.current().runbooks.dirs));
}

function listRow(e: LibraryEntry) {
  return { id: e.id, title: e.title, file: e.file, source: e.source, tags: e.tags, alerts: e.alerts, severity: e.severity ?? null, steps: e.stepCount, broken: e.broken, shadowedBy: e.shadowedBy ?? null, issues: e.issues };
}

/** A path (has a slash or ends in .md and exists) is read directly; anything else goes through the library. */
export async function loadTarget(target: string, home: string): Promise<Runbook> {
  const { AppError } = await import('../../core/shared/errors');
  const { formatIssue } = await import('../../core/runbooks/model');
  const looksLikeFile = /[/\\]/.test(target) || /\.(md|markdown)$/i.test(target);
  let entry: LibraryEntry | undefined;
  if (looksLikeFile && existsSync(target)) {
    const { loadRunbookFile } = await import('../../core/runbooks/library');
    entry = loadRunbookFile(resolve(target), 'user');
  } else {
    entry = (await loadUserLibrary(home)).resolve(target);
  }
  if (!entry) throw new AppError('not_found', `no runbook "${target}" (see oncall runbook list)`);
  const errors = entry.issues.filter((i) => i.severity === 'error');
  if (!entry.runbook || errors.length > 0) throw new AppError('invalid_input', `${entry.file} has errors:\n${errors.map(formatIssue).join('\n')}`);
  return entry.runbook;
}

/** Prints every step with its kind, host and fully rendered command; runs nothing. */
async function dryRun(options: RunOptions, ctx: CliContext): Promise<number> {
  const runbook = await loadTarget(options.target, ctx.home);
  const { renderRunbook } = await import('../../core/runbooks/render');
  const { params, steps } = renderRunbook(runbook, { params: options.params, labels: options.labels, ...(options.host ? { host: options.host } : {}) });
  const shownParams = Object.fromEntries(runbook.params.map((p) => [p.name, params.values.has(p.name) ? (p.secret ? '***' : params.values.get(p.name)) : null]));
  const failed = params.errors.length > 0 || steps.some((s) => s.errors.length > 0);
  const resolveSsh = await sshResolver(ctx.home, steps.flatMap((s) => (s.display.kind === 'ssh' && s.host !== undefined ? [s.host] : [])));
  if (options.json) {
    writeJson(ctx, {
      dryRun: true,
      runbook: { id: runbook.id, title: runbook.title, file: runbook.file, tags: runbook.tags, rollback: runbook.rollback },
      params: shownParams,
      errors: params.errors,
      // Params a human gives during the run (holes, Runme exports, values the alert lacks): not errors.
      asks: Object.fromEntries(params.missing),
      steps: steps.map((s) => ({
        index: s.display.index,
        id: s.display.id,
        title: s.display.title,
        kind: s.display.kind,
        host: s.display.kind === 'ssh' ? (s.host ?? null) : s.display.kind === 'local' ? 'local' : null,
        hostChoices: s.display.kind === 'ssh' && s.host === undefined ? runbook.hosts : [],
        resolved: s.display.kind === 'ssh' && s.host !== undefined ? resolveSsh(s.host) : null,
        command: s.summary,
        needsConfirmation: s.needsConfirmation,
        readonly: s.display.readonly,
        auto: s.display.auto,
        timeoutMs: s.display.timeoutMs ?? null,
        checks: s.display.checks.map((c) => c.text),
        expectedOutput: s.display.kind === 'ssh' || s.display.kind === 'local' ? (s.display.expectedOutput ?? null) : null,
        asks: s.asks.map((a) => a.name),
        errors: s.errors,
        line: s.display.line,
      })),
    });
    return failed ? 1 : 0;
  }
  const out = ctx.stdout;
  out.write(`${runbook.title} (${runbook.id}) — dry run, nothing is executed\n${runbook.file}\n`);
  const paramText = Object.entries(shownParams).map(([k, v]) => `${k}=${v ?? (params.missing.has(k) ? '(asked)' : '(missing)')}`);
  if (paramText.length) out.write(`params: ${paramText.join(', ')}\n`);
  for (const e of params.errors) ctx.stderr.write(`param ${e}\n`);
  out.write('\n');
  steps.forEach((s, n) => {
    const d = s.display;
    const where = d.kind === 'ssh' ? ` @ ${s.host === undefined ? `(ask${runbook.hosts.length ? `: ${runbook.hosts.join(', ')}` : ''})` : `${s.host}${resolvedText(resolveSsh(s.host))}`}` : d.kind === 'local' ? ' @ local' : '';
    const flags = [s.needsConfirmation ? 'confirm' : '', d.readonly ? 'readonly' : '', d.auto ? 'auto' : '', d.timeoutMs ? `timeout ${d.timeoutMs / 1000}s` : ''].filter(Boolean);
    out.write(`${String(n + 1).padStart(2)}. [${d.kind}${where}] ${d.title}${flags.length ? `  (${flags.join(', ')})` : ''}\n`);
    if (d.kind !== 'manual' && s.summary) out.write(`${indent(s.summary)}\n`);
    if ((d.kind === 'ssh' || d.kind === 'local') && d.expectedOutput) out.write(`      expected output (shown, never run):\n${indent(d.expectedOutput, '      │ ')}\n`);
    for (const a of s.asks) out.write(`      asks for ${a.name}: ${a.why}\n`);
    for (const check of d.checks) out.write(`      [ ] ${check.text}\n`);
    for (const e of s.errors) ctx.stderr.write(`      error: ${e}\n`);
  });
  return failed ? 1 : 0;
}

/** Where the SSH steps' hosts would connect, resolved as `ssh -G` does (config.yml's hosts first), each once. */
async function sshResolver(home: string, hosts: string[]) {
  const { openConfigStore } = await import('../../core/composed-config');
  const { defaultSshDir } = await import('../../core/ssh');
  const { describeTarget } = await import('../../core/ssh/describe');
  const config = openConfigStore(resolve(home, 'config.yml'));
  config.reload();
  const { ssh } = config.current();
  const sources = { hosts: ssh.hosts, sshDir: defaultSshDir(), useSshConfig: ssh.useSshConfig };
  const resolved = new Map(await Promise.all([...new Set(hosts)].map(async (host) => [host, await describeTarget(host, sources)] as const)));
  return (host: string) => resolved.get(host) ?? { error: 'not resolved' };
}

function resolvedText(r: { target: string; chain: string[] } | { error: string }): string {
  if ('error' in r) return ` (unresolved: ${r.error})`;
  return ` = ${[...r.chain, r.target].join(' -> ')}`;
}

function indent(text: string, prefix = '      '): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** The real run: SSH, local, http and PromQL steps, journaled on an incident (see runbook-exec.ts). */
async function executeRun(options: RunOptions, ctx: CliContext): Promise<number> {
  const runbook = await loadTarget(options.target, ctx.home);
  const { executeRun: execute } = await import('../runbook-exec');
  return execute(options, runbook, ctx);
}
