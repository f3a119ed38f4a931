import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../main/core/composed-config';
import { projectRoot } from '../../support/cli';

describe('README.md', () => {
  it('shows config.yml examples that the console accepts as they are written', () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    // Each block is one top-level section of the same file, as a user would paste them together.
    const result = parseConfigText(blocks.join(''), 'README.md');
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
