import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface AmtoolResult {
  code: number;
  stdout: string;
  stderr: string;
}

const amtoolPath = process.env.AMTOOL_PATH ?? '/usr/bin/amtool';

/** Debian's amtool 0.25 (prometheus-alertmanager), the reference for routing and config checks. */
export function amtool(args: string[]): Promise<AmtoolResult> {
  if (!existsSync(amtoolPath)) throw new Error(`amtool not found at ${amtoolPath}: apt-get install prometheus-alertmanager (or set AMTOOL_PATH)`);
  return new Promise((resolve) => {
    execFile(amtoolPath, args, { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `work` over `items` with at most `limit` in flight (the machine's cores are shared). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return out;
}
