import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ourSshG, realSshG, writeHome, type SshCase } from '../../support/ssh-g';
import { includeCases } from './resolve/cases-include';
import { matchCases } from './resolve/cases-match';
import { optionCases } from './resolve/cases-options';
import { syntaxCases } from './resolve/cases-syntax';
import { tokenCases } from './resolve/cases-tokens';
import { addressCases, moreCases } from './resolve/cases-more';

/**
 * Differential: each hand-written ~/.ssh layout goes to the real `ssh -G` (OpenSSH 9.2) and to both
 * of our resolvers; any difference in the compared keywords fails.
 */
const cases: SshCase[] = [...syntaxCases, ...includeCases, ...matchCases, ...optionCases, ...tokenCases, ...moreCases, ...addressCases];
const timings: number[] = [];
const agree = { openssh: 0, typescript: 0 };

afterAll(() => {
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)] ?? 0;
  console.log(`ssh -G cases: ${String(cases.length)}; agree openssh=${String(agree.openssh)} typescript=${String(agree.typescript)}; ssh -G median ${median.toFixed(1)} ms`);
});

describe('host resolution agrees with ssh -G', () => {
  it('has enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });
  for (const c of cases) {
    it(c.name, async () => {
      const home = writeHome(c);
      try {
        const real = realSshG(c, home);
        timings.push(real.ms);
        for (const resolver of ['openssh', 'typescript'] as const) {
          const ours = await ourSshG(c, home, resolver);
          expect({ resolver, ...ours.printed }, `${resolver}: ${ours.message} / ssh: ${real.stderr}`).toEqual({ resolver, ...real.printed });
          agree[resolver]++;
        }
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });
  }
});
