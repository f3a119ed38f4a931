import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { projectRoot } from './cli';

/**
 * The promtool unit-test corpus (224 public test files from 5 repositories, listed in tests.txt)
 * beside the repository, never inside it. ONCALL_PROMTOOL_CORPUS points elsewhere.
 */
export const promtoolCorpusDir = resolve(projectRoot, process.env.ONCALL_PROMTOOL_CORPUS ?? '../shared/corpus/promtool-tests');
export const promtoolPath = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

/** promtool 2.42's words for "this file needs a newer Prometheus" (as the corpus's compare.sh). */
const newerPrometheus = /field [A-Za-z_]+ not found in type (main|rulefmt)\.|unknown function with name|function "[^"]+" not defined/;

export interface CorpusFile {
  /** Relative to the corpus folder, as tests.txt names it. */
  rel: string;
  path: string;
  /** Listed in unsupported.txt: needs a Prometheus newer than 2.42. */
  listedUnsupported: boolean;
}

/** Every file of tests.txt; throws (never skips) when the corpus or promtool is missing. */
export function promtoolCorpusFiles(): CorpusFile[] {
  const list = join(promtoolCorpusDir, 'tests.txt');
  if (!existsSync(list)) throw new Error(`promtool corpus not found at ${promtoolCorpusDir}: put ../shared/corpus/promtool-tests beside the repository or set ONCALL_PROMTOOL_CORPUS`);
  if (!existsSync(promtoolPath)) throw new Error(`promtool not found at ${promtoolPath} (apt-get install prometheus, or set PROMTOOL_PATH)`);
  const unsupported = new Set(
    readFileSync(join(promtoolCorpusDir, 'unsupported.txt'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0] ?? '')
      .filter(Boolean),
  );
  return readFileSync(list, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((rel) => ({ rel, path: join(promtoolCorpusDir, rel), listedUnsupported: unsupported.has(rel) }));
}

/** Files `index % of === shard`: the corpus split so vitest runs the shards in parallel. */
export function corpusShard(shard: number, of: number): CorpusFile[] {
  return promtoolCorpusFiles().filter((_, i) => i % of === shard);
}

export interface PromtoolVerdict {
  code: number;
  output: string;
  /** promtool failed because the file needs a newer Prometheus: not comparable. */
  unsupported: boolean;
}

/**
 * `promtool test rules FILE`, run from the file's folder as compare.sh does. stdout and stderr go
 * to one file, so the blank lines promtool prints on stdout stay between the failures it prints
 * on stderr.
 */
export function promtoolTest(file: CorpusFile): Promise<PromtoolVerdict> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-promtool-'));
  const outFile = join(dir, 'output');
  const fd = openSync(outFile, 'w');
  return new Promise<PromtoolVerdict>((done, fail) => {
    const child = spawn(promtoolPath, ['test', 'rules', basename(file.path)], { cwd: dirname(file.path), stdio: ['ignore', fd, fd] });
    child.once('error', (err) => fail(new Error(`cannot run promtool: ${err.message}`)));
    child.once('close', (code) => {
      const c = code ?? -1;
      const output = readFileSync(outFile, 'utf8');
      done({ code: c, output, unsupported: c !== 0 && (file.listedUnsupported || newerPrometheus.test(output)) });
    });
  }).finally(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * The first line of each failure (which test group, alert or expression, and eval time), in the
 * words promtool and the console both use, so the two lists show whether the same tests failed.
 */
export function failureHeads(text: string): string[] {
  const heads: string[] = [];
  let group = '';
  for (const line of text.split('\n')) {
    const name = /^ {4}name: (.*),$/.exec(line);
    if (name) {
      group = `${name[1] ?? ''}: `;
      continue;
    }
    const m = /^ {4}((?:alertname|expr|rule): .*?, time: [^,]*),/.exec(line);
    if (m) {
      heads.push(`${group}${m[1] ?? ''}`);
      group = '';
    }
  }
  return heads.sort();
}

/** How many failures promtool printed: the blocks after `FAILED:`, each followed by a blank line. */
export function failureCount(output: string): number {
  const at = output.indexOf('  FAILED:\n');
  if (at < 0) return 0;
  return output
    .slice(at + '  FAILED:\n'.length)
    .split('\n\n')
    .filter((block) => block.trim() !== '').length;
}
