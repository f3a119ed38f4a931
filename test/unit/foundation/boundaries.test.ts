import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/cli';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('layer boundaries', () => {
  it('the lint config rejects an electron import in main/core', async () => {
    const eslint = new ESLint({
      cwd: projectRoot,
      overrideConfigFile: join(projectRoot, '.ci/eslint.config.mjs'),
      // With CI=true typescript-eslint assumes a single run and parses files from disk, ignoring the
      // text given below; this test needs the text.
      overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
    });
    // Lint new text under the path of an existing core file, so the type-aware parser knows the file.
    const [result] = await eslint.lintText("import { app } from 'electron';\nexport const name = app.getName();\n", {
      filePath: join(projectRoot, 'main/core/shared/duration.ts'),
    });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    // Type-aware linting builds a TypeScript program first: seconds on a loaded two-core machine.
  }, 60_000);

  it('no file under main/core, main/web, main/cli or renderer imports electron today', () => {
    const offenders = ['main/core', 'main/web', 'main/cli', 'renderer/src']
      .flatMap((dir) => filesUnder(join(projectRoot, dir)))
      .filter((file) => /\.tsx?$/.test(file) && /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(projectRoot, file));
    expect(offenders).toEqual([]);
  });
});
