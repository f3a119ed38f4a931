import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../support/cli';

/**
 * Bundles note-writer.ts into one CommonJS file in `dir` (packages stay external and resolve via
 * NODE_PATH). A bundle starts in ~0.1 s where `node --import tsx` takes ~0.6 s: the crash test
 * starts fifty of them.
 */
export async function buildNoteWriter(dir: string): Promise<string> {
  const outfile = join(dir, 'note-writer.cjs');
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [join(projectRoot, 'test/integration/journal/note-writer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export interface WriterRun {
  /** Ids printed so far (complete lines only). */
  ids: () => string[];
  stderr: () => string;
  /** Resolves when at least n ids were printed. */
  printed: (n: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: () => void;
}

export function startNoteWriter(bundle: string, home: string, incidentId: string, count: number, tag: string): WriterRun {
  const child = spawn(process.execPath, [bundle, home, incidentId, String(count), tag], {
    env: { ...process.env, NODE_PATH: join(projectRoot, 'node_modules'), ONCALL_AUTHOR: `writer-${tag}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  const ids = () => out.split('\n').slice(0, -1);
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    const have = ids().length;
    for (const w of waiters.filter((w) => have >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return {
    ids,
    stderr: () => err,
    printed: (n) =>
      new Promise((resolve, reject) => {
        if (ids().length >= n) return resolve();
        waiters.push({ n, resolve });
        void exited.then(({ code, signal }) => reject(new Error(`note-writer ${tag} exited (${String(code ?? signal)}) after ${ids().length} notes: ${err}`)));
      }),
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}
