import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { amtool, mapLimit } from '../../support/amtool';
import { cli } from '../../support/cli';
import { amCorpusCases, amCorpusDir } from '../../support/corpus';
import { edgeConfig, edgeLabelSets } from './edge-cases';

/**
 * `oncall alerts routes test` against the real `amtool config routes test` (0.25): every corpus
 * case and the hand-written edge cases, the same arguments to both, the answers compared as text.
 */

const dir = mkdtempSync(join(tmpdir(), 'oncall-amtool-routes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** amtool's quoting of a label value on its command line: `name="value"` with `\` and `"` escaped. */
function labelArg(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

async function both(config: string, args: string[]) {
  const [ref, ours] = await Promise.all([amtool(['config', 'routes', 'test', `--config.file=${config}`, '--verify.receivers=', ...args]), cli(['alerts', 'routes', 'test', '--config', config, ...args])]);
  return { ref: ref.stdout.trim(), refCode: ref.code, ours: ours.stdout.trim(), oursCode: ours.code, oursErr: ours.stderr };
}

describe('oncall alerts routes test vs amtool config routes test', () => {
  it('answers every corpus case as amtool does', async () => {
    const cases = amCorpusCases();
    expect(cases.length).toBe(492);
    const results = await mapLimit(cases, 4, async (c) => {
      const args = Object.entries(c.labels).map(([k, v]) => labelArg(k, v));
      return { id: c.id, ...(await both(join(amCorpusDir, c.config), args)) };
    });
    const differ = results.filter((r) => r.ref !== r.ours || r.refCode !== r.oursCode).map((r) => `${r.id}: amtool "${r.ref}" (${r.refCode}) vs ours "${r.ours}" (${r.oursCode}) ${r.oursErr}`);
    expect(differ).toEqual([]);
  }, 90_000);

  it('agrees on the hand-written edge cases (anchoring, (?i), absent labels, continue chains, escapes, group_by ...)', async () => {
    const file = join(dir, 'edge.yml');
    writeFileSync(file, edgeConfig);
    const results = await mapLimit(edgeLabelSets, 4, async (args) => ({ args, ...(await both(file, args)) }));
    const differ = results.filter((r) => r.ref !== r.ours || r.refCode !== r.oursCode).map((r) => `${r.args.join(' ')}: amtool "${r.ref}" (${r.refCode}) vs ours "${r.ours}" (${r.oursCode}) ${r.oursErr}`);
    expect(differ).toEqual([]);
    // The set exercises more than the default receiver.
    expect(new Set(results.map((r) => r.ref)).size).toBeGreaterThan(10);
    const [ref, ours] = await Promise.all([amtool(['config', 'routes', `--config.file=${file}`]), cli(['alerts', 'routes', '--config', file])]);
    expect(ref.code).toBe(0);
    expect(ours.stdout).toBe(ref.stdout);
  }, 60_000);
});
