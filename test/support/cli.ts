import { spawn, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli/run';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The built binary (npm test builds before running vitest; locally run `node .ci/build.mjs`). */
export const oncallBin = `${projectRoot}out/cli/oncall.mjs`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast; for logic tests). */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (d: Buffer) => out.push(d));
  stderr.on('data', (d: Buffer) => err.push(d));
  const code = await runCli(args, { stdout, stderr, env: { ...process.env, ...env } });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Runs the built binary as its own process, as a user would. */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): CliResult {
  const result = spawnSync(process.execPath, [oncallBin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', input, timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a long-running CLI command (e.g. serve); resolves once stdout matches `ready`. */
export function startCliProcess(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ match: RegExpMatchArray; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [oncallBin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(ready)}; output so far:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString('utf8');
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({
          match,
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${String(code)} before ready:\n${output}`));
    });
  });
}
