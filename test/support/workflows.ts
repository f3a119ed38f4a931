import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatPath, parseYamlWith, type Locate } from '../../main/core/config/parse';

/**
 * The part of the GitHub Actions workflow syntax this project's workflows use, as a zod schema, and
 * the project's own rules on top. Nothing of the workflows can run here (no runner is reachable), so
 * this keeps them valid: an unknown key, a typo in `runs-on` or a step with both `uses` and `run`
 * is an error with file:line:column, as GitHub would reject it only after a push.
 * Deliberately strict: a key outside this subset is refused; widen the schema when a workflow needs it.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const stringMap = z.record(z.string(), scalar);
// Remote actions are pinned to a major version (`@v4`) everywhere; a local one is a path.
const actionRef = z.string().regex(/^(\.\/[\w./-]+|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@v\d+)$/, 'pin actions to a major version, e.g. actions/checkout@v4');
const permission = z.enum(['read', 'write', 'none']);
const permissions = z.union([z.enum(['read-all', 'write-all']), z.record(z.string(), permission)]);
const shell = z.enum(['bash', 'pwsh', 'sh', 'cmd', 'powershell', 'python']);

const step = z
  .object({
    name: z.string().optional(),
    id: z.string().optional(),
    if: z.string().optional(),
    uses: actionRef.optional(),
    run: z.string().optional(),
    shell: shell.optional(),
    with: stringMap.optional(),
    env: stringMap.optional(),
    'timeout-minutes': z.number().optional(),
    'continue-on-error': z.boolean().optional(),
    'working-directory': z.string().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.uses === undefined) === (s.run === undefined)) ctx.addIssue({ code: 'custom', message: 'a step has exactly one of uses and run', path: [] });
    if (s.run === undefined && s.shell !== undefined) ctx.addIssue({ code: 'custom', message: 'shell applies to run steps only', path: ['shell'] });
  });

const strategy = z
  .object({
    'fail-fast': z.boolean().optional(),
    'max-parallel': z.number().int().optional(),
    matrix: z.object({ include: z.array(stringMap).optional(), exclude: z.array(stringMap).optional() }).catchall(z.array(scalar)),
  })
  .strict();

const common = {
  name: z.string().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.string().optional(),
  permissions: permissions.optional(),
  strategy: strategy.optional(),
};

const stepsJob = z
  .object({
    ...common,
    'runs-on': z.union([z.string(), z.array(z.string())], { error: 'runs-on must be a runner label (ubuntu-latest, ${{ matrix.os }}) or a list of labels' }),
    container: z.string().optional(),
    'timeout-minutes': z.number().optional(),
    defaults: z.object({ run: z.object({ shell: shell.optional(), 'working-directory': z.string().optional() }).strict() }).strict().optional(),
    env: stringMap.optional(),
    steps: z.array(step).min(1),
  })
  .strict();

const callJob = z
  .object({
    ...common,
    uses: z.string().regex(/^\.\/\.github\/workflows\/[\w.-]+\.ya?ml$/, 'call a workflow of this repository: ./.github/workflows/NAME.yml'),
    with: stringMap.optional(),
    secrets: z.union([z.literal('inherit'), stringMap]).optional(),
  })
  .strict();

type Job = z.output<typeof stepsJob> | z.output<typeof callJob>;

/**
 * A job calls a workflow (`uses`) or has steps. Chosen by that key rather than z.union, whose
 * "Invalid input" for a failing union would hide which field is wrong.
 */
const job = z.custom<Job>(() => true).superRefine((value, ctx) => {
  const schema = value !== null && typeof value === 'object' && 'uses' in value ? callJob : stepsJob;
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0]!);
    ctx.addIssue({ code: 'custom', message: issue.message, path });
  }
});

const branchFilter = z.array(z.string()).min(1);
const triggers = z
  .object({
    push: z.object({ branches: branchFilter.optional(), tags: branchFilter.optional(), paths: branchFilter.optional() }).strict().optional(),
    pull_request: z.object({ branches: branchFilter.optional(), types: branchFilter.optional() }).strict().nullable().optional(),
    workflow_call: z.object({ inputs: z.record(z.string(), z.object({ type: z.enum(['string', 'boolean', 'number']), required: z.boolean().optional(), default: scalar.optional() }).strict()).optional() }).strict().nullable().optional(),
    workflow_dispatch: z.null().optional(),
  })
  .strict()
  .refine((t) => Object.keys(t).length > 0, 'a workflow needs at least one trigger');

export const workflowSchema = z
  .object({
    name: z.string(),
    on: triggers,
    permissions: permissions.optional(),
    concurrency: z.object({ group: z.string(), 'cancel-in-progress': z.boolean().optional() }).strict().optional(),
    env: stringMap.optional(),
    jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), job),
  })
  .strict();

export type Workflow = z.output<typeof workflowSchema>;
type StepsJob = Extract<Job, { steps: unknown }>;

export interface Problem {
  /** file:line:column: field: message */
  text: string;
}

export interface LoadedWorkflow {
  file: string;
  workflow: Workflow;
  locate: Locate;
}

/** Parses and validates one workflow file; problems are `file:line:column: field: message`. */
export function loadWorkflow(file: string, text = readFileSync(file, 'utf8')): { ok: true; loaded: LoadedWorkflow } | { ok: false; problems: string[] } {
  const result = parseYamlWith(workflowSchema, text, file);
  if (!result.ok) return { ok: false, problems: result.issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.field}: ${i.message}`) };
  return { ok: true, loaded: { file, workflow: result.value, locate: result.locate } };
}

export interface ProjectFacts {
  root: string;
  scripts: Set<string>;
  /** electron-builder.yml targets by platform (linux/mac/win) and its output folder. */
  targets: Record<'linux' | 'mac' | 'win', string[]>;
  output: string;
}

export function projectFacts(root: string): ProjectFacts {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { directories?: { output?: string }; linux?: { target?: unknown }; mac?: { target?: unknown }; win?: { target?: unknown } };
  const list = (t: unknown): string[] => (Array.isArray(t) ? t.map((x) => (typeof x === 'string' ? x : String((x as { target: string }).target))) : typeof t === 'string' ? [t] : []);
  return {
    root,
    scripts: new Set(Object.keys(pkg.scripts ?? {})),
    targets: { linux: list(builder.linux?.target), mac: list(builder.mac?.target), win: list(builder.win?.target) },
    output: builder.directories?.output ?? 'dist',
  };
}

/** The file an electron-builder target writes, by its defaults for `artifactName`, per target. */
export function defaultArtifactNames(target: string, product: { name: string; productName: string; version: string }): string[] {
  const { name, productName, version } = product;
  switch (target) {
    case 'AppImage':
      return [`${productName}-${version}.AppImage`, `${productName}-${version}-arm64.AppImage`];
    case 'deb':
      return [`${name}_${version}_amd64.deb`, `${name}_${version}_arm64.deb`];
    case 'dmg':
      return [`${productName}-${version}.dmg`, `${productName}-${version}-arm64.dmg`];
    case 'nsis':
      return [`${productName} Setup ${version}.exe`];
    default:
      return [];
  }
}

/** `*` and `?` as in upload-artifact's globs, within one path segment. */
export function globMatches(glob: string, path: string): boolean {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${re}$`).test(path);
}

const osPlatform: Record<string, 'linux' | 'mac' | 'win'> = { 'ubuntu-latest': 'linux', 'macos-latest': 'mac', 'windows-latest': 'win' };

function isStepsJob(job: Job): job is StepsJob {
  return 'steps' in job;
}

/** Every string in the tree with its path, for finding where secrets are referenced. */
function strings(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

const secretRef = /\$\{\{[^}]*\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g;
// Commands that print their arguments; `set -x` prints every command with its values expanded.
const printing = /(^|[;&|]\s*|\s)(echo|printf|Write-Host|Write-Output|cat)\b/;

/**
 * The project's rules, beyond the syntax: scripts exist, the three systems are built, the uploaded
 * files are the installers electron-builder.yml makes, and secrets only travel in env/with.
 * `resolve` loads a workflow another one calls (./.github/workflows/x.yml).
 */
export function workflowProblems(loaded: LoadedWorkflow, facts: ProjectFacts, resolveCall: (uses: string) => LoadedWorkflow | null, product: { name: string; productName: string; version: string }): string[] {
  const problems: string[] = [];
  const at = (path: (string | number)[], message: string) => {
    const { line, column } = loaded.locate(path);
    problems.push(`${loaded.file}:${line}:${column}: ${formatPath(path)}: ${message}`);
  };
  const { workflow } = loaded;

  for (const { path, text } of strings(workflow)) {
    for (const m of text.matchAll(secretRef)) {
      const parentKey = path[path.length - 2];
      const allowed = (parentKey === 'env' || parentKey === 'with' || parentKey === 'secrets') && path.length >= 2;
      if (!allowed) at(path, `secrets.${m[1]} may only be passed through env or with, never written into ${String(path[path.length - 1])}`);
    }
  }

  let builds = false;
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    if (!isStepsJob(job)) {
      const called = resolveCall(job.uses);
      if (!called) at(['jobs', jobName, 'uses'], `${job.uses} does not exist`);
      else if (coversThreeSystems(called.workflow)) builds = true;
      continue;
    }
    if (coversThreeSystems({ jobs: { [jobName]: job } })) builds = true;
    job.steps.forEach((s, i) => {
      const stepPath = ['jobs', jobName, 'steps', i];
      if (s.run === undefined) return;
      for (const m of s.run.matchAll(/\bnpm\s+run(?:\s+-s)?\s+([\w:.-]+)/g)) if (!facts.scripts.has(m[1]!)) at([...stepPath, 'run'], `npm run ${m[1]}: package.json has no such script`);
      if (/\bnpm\s+(test|t)\b/.test(s.run) && !facts.scripts.has('test')) at([...stepPath, 'run'], 'npm test: package.json has no test script');
      const stepSecrets = Object.entries(s.env ?? {}).filter(([, v]) => typeof v === 'string' && /\bsecrets\./.test(v)).map(([k]) => k);
      if (stepSecrets.length && /^\s*set\s+-[a-z]*x/m.test(s.run)) at([...stepPath, 'run'], `set -x would print ${stepSecrets.join(', ')}`);
      for (const line of s.run.split('\n')) {
        if (!printing.test(line)) continue;
        const echoed = stepSecrets.filter((k) => new RegExp(`\\$(\\{!?)?${k}\\b|\\$env:${k}\\b`).test(line));
        if (echoed.length) at([...stepPath, 'run'], `prints the secret ${echoed.join(', ')}: ${line.trim()}`);
      }
    });
    artifactProblems(job, jobName, facts, product, at);
  }
  if (!builds) at(['jobs'], 'no job (or called workflow) builds on ubuntu-latest, macos-latest and windows-latest');
  return problems;
}

function coversThreeSystems(workflow: Pick<Workflow, 'jobs'>): boolean {
  return Object.values(workflow.jobs).some((job) => {
    if (!isStepsJob(job)) return false;
    const matrix = job.strategy?.matrix;
    const systems = new Set([...(matrix?.include ?? []).map((e) => e.os), ...((matrix?.os as unknown[] | undefined) ?? [])].filter((o): o is string => typeof o === 'string'));
    return job['runs-on'] === '${{ matrix.os }}' && Object.keys(osPlatform).every((os) => systems.has(os));
  });
}

/** Each system's uploaded globs must be exactly its electron-builder targets (plus the updater's feed files). */
function artifactProblems(job: StepsJob, jobName: string, facts: ProjectFacts, product: { name: string; productName: string; version: string }, at: (path: (string | number)[], message: string) => void): void {
  const uploads = job.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.uses?.startsWith('actions/upload-artifact@'));
  if (uploads.length === 0) return;
  const include = job.strategy?.matrix.include ?? [];
  for (const { s, i } of uploads) {
    if (s.with?.path !== '${{ matrix.artifacts }}') at(['jobs', jobName, 'steps', i, 'with', 'path'], 'upload the per-system list: path: ${{ matrix.artifacts }}');
  }
  include.forEach((entry, n) => {
    const platform = osPlatform[String(entry.os)];
    const where = ['jobs', jobName, 'strategy', 'matrix', 'include', n, 'artifacts'];
    if (!platform) return;
    const globs = String(entry.artifacts ?? '')
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    const feed = `${facts.output}/latest*.yml`;
    for (const target of facts.targets[platform]) {
      const names = defaultArtifactNames(target, product);
      if (names.length === 0) at(where, `electron-builder target ${target} has no known file name`);
      const covered = names.every((file) => globs.some((g) => globMatches(g, `${facts.output}/${file}`)));
      if (!covered) at(where, `${entry.os} uploads ${JSON.stringify(globs)}, which miss the ${target} installer (${names.join(' / ')})`);
    }
    for (const g of globs) {
      if (g === feed) continue;
      const made = facts.targets[platform].some((t) => defaultArtifactNames(t, product).some((file) => globMatches(g, `${facts.output}/${file}`)));
      if (!made) at(where, `${g} matches no installer electron-builder.yml builds for ${platform} (${facts.targets[platform].join(', ')})`);
    }
  });
}
