// Compile-time constants shared by the esbuild bundles and vitest, so source and bundle agree.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function cliDefines(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Every file in main/cli/commands/ is a command named after the file: adding a command is adding a file.
  const commands = readdirSync(join(root, 'main/cli/commands'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  return {
    __ONCALL_VERSION__: JSON.stringify(pkg.version),
    __ONCALL_COMMANDS__: JSON.stringify(commands),
  };
}
