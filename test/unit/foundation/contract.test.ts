import { describe, expect, it } from 'vitest';
import { methodNames, methods } from '../../../preload/contract';

describe('the contract', () => {
  it('names every method domain:verb', () => {
    for (const name of methodNames) expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
  });

  it('has a zod schema for every argument', () => {
    for (const name of methodNames) expect(typeof methods[name].input.safeParse).toBe('function');
  });

  // One snapshot per domain, so a change to the API surface shows up in review as a diff of names.
  const domains = [...new Set(methodNames.map((n) => n.split(':')[0]!))];
  it.each(domains)('method names of %s match the snapshot', async (domain) => {
    const names = methodNames.filter((n) => n.startsWith(`${domain}:`));
    await expect(`${names.join('\n')}\n`).toMatchFileSnapshot(`./__snapshots__/contract-${domain}.txt`);
  });
});
