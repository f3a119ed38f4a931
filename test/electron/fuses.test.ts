import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../support/cli';

/**
 * Packaging cannot run here (no Electron download), so this checks what electron-builder will flip
 * in the binary: the fuses that would let a local process reuse the app as a Node runtime or debug it.
 */
describe('electron-builder fuses', () => {
  it('turn off run-as-node, NODE_OPTIONS and --inspect, and load only the checked asar', () => {
    const config = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
