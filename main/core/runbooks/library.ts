import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Runbook, RunbookIssue, RunbookSeverity } from './model';
import { parseRunbook } from './parse';

export type RunbookSource = 'builtin' | 'user';

/** One file of the library, parsed; `runbook` is missing only when the file could not be read at all. */
export interface LibraryEntry {
  id: string;
  title: string;
  file: string;
  source: RunbookSource;
  tags: string[];
  alerts: string[];
  severity?: RunbookSeverity;
  stepCount: number;
  issues: RunbookIssue[];
  /** True when the file has an error-level issue: listed, but not runnable. */
  broken: boolean;
  /** A user runbook with the same id replaces a built-in one; the built-in entry says which file won. */
  shadowedBy?: string;
  runbook?: Runbook;
}

export interface RunbookDirs {
  builtin: string;
  /** Searched in order; earlier dirs win on equal ids. */
  user: string[];
}

/**
 * The built-in runbooks ship in resources/runbooks; the user's come from `<home>/runbooks` and every
 * `runbooks.dirs` entry of config.yml (relative entries are relative to the home directory).
 */
export function runbookDirs(resourcesDir: string, home: string, configuredDirs: string[] = []): RunbookDirs {
  const user = [join(home, 'runbooks'), ...configuredDirs.map((dir) => (isAbsolute(dir) ? dir : resolve(home, dir)))];
  return { builtin: join(resourcesDir, 'runbooks'), user: [...new Set(user)] };
}

export class RunbookLibrary {
  constructor(readonly entries: LibraryEntry[]) {}

  /** Runnable entries first by id, users' over built-ins. */
  get(id: string): LibraryEntry | undefined {
    return this.entries.find((e) => e.id === id && e.shadowedBy === undefined);
  }

  /**
   * Resolves what a user typed or an alert carries: an id, a file name (`disk-full.md`), or a
   * runbook_url such as `https://wiki.example.com/runbooks/disk-full.md#step-2`.
   */
  resolve(reference: string): LibraryEntry | undefined {
    const key = referenceKey(reference);
    if (!key) return undefined;
    return this.get(key) ?? this.entries.find((e) => e.shadowedBy === undefined && fileKey(e.file) === key);
  }
}

/** The last path segment without query, fragment and extension, lower-cased. */
export function referenceKey(reference: string): string {
  let path = reference.trim();
  try {
    const url = new URL(path);
    path = url.protocol === 'file:' ? url.pathname : `${url.host}${url.pathname}`;
  } catch {
    path = path.replace(/[?#].*$/, '');
  }
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return fileKey(decodeURIComponent(last));
}

function fileKey(file: string): string {
  return basename(file).replace(/\.(md|markdown|html?)$/i, '').toLowerCase();
}

export function loadRunbookFile(file: string, source: RunbookSource): LibraryEntry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const id = fileKey(file);
    const issue: RunbookIssue = { file, line: 1, severity: 'error', message: `cannot read: ${(err as Error).message}` };
    return { id, title: id, file, source, tags: [], alerts: [], stepCount: 0, issues: [issue], broken: true };
  }
  const { runbook, issues } = parseRunbook(text, file);
  const id = runbook?.id ?? fileKey(file);
  const entry: LibraryEntry = {
    id,
    title: runbook?.title ?? id,
    file,
    source,
    tags: runbook?.tags ?? [],
    alerts: runbook?.alerts ?? [],
    stepCount: runbook?.steps.length ?? 0,
    issues,
    broken: !runbook || issues.some((i) => i.severity === 'error'),
  };
  if (runbook) entry.runbook = runbook;
  if (runbook?.severity) entry.severity = runbook.severity;
  return entry;
}

/** Markdown files under a folder (subfolders included), sorted; a missing folder is simply empty. */
export function markdownFiles(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(md|markdown)$/i.test(name) && !/(^|\/)(readme|changelog)\.md$/i.test(name))
      .map((name) => join(dir, name))
      .sort();
  } catch {
    return [];
  }
}

/** Reads every runbook now. Cheap (a few dozen small files); callers reload when config changes. */
export function loadLibrary(dirs: RunbookDirs): RunbookLibrary {
  const user = dirs.user.flatMap((dir) => markdownFiles(dir)).map((file) => loadRunbookFile(file, 'user'));
  const builtin = markdownFiles(dirs.builtin).map((file) => loadRunbookFile(file, 'builtin'));
  const winners = new Map<string, string>();
  for (const entry of [...user, ...builtin]) {
    const winner = winners.get(entry.id);
    if (winner === undefined) winners.set(entry.id, entry.file);
    else {
      entry.shadowedBy = winner;
      entry.issues.push({ file: entry.file, line: 1, severity: 'warning', field: 'id', message: `"${entry.id}" is also the id of ${winner}, which wins` });
    }
  }
  return new RunbookLibrary([...user, ...builtin]);
}
