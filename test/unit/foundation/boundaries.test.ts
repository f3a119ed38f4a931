import { ESLint } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/cli';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every relative import specifier of a file (static, re-exports and dynamic import()). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2] ?? '').filter((s) => s.startsWith('.'));
}

const coreFiles = () => filesUnder(join(projectRoot, 'main/core')).filter((f) => f.endsWith('.ts'));

type LayerViolation = (root: string, file: string, specifier: string) => string | null;
const loadLayers = async () => (await import(pathToFileURL(join(projectRoot, '.ci/eslint-layers.mjs')).href)) as { layerViolation: LayerViolation };

let eslint: ESLint | undefined;
/** Lints new text under the path of an existing file, so the type-aware parser knows the file. */
async function lintAs(path: string, text: string): Promise<string[]> {
  eslint ??= new ESLint({
    cwd: projectRoot,
    overrideConfigFile: join(projectRoot, '.ci/eslint.config.mjs'),
    // With CI=true typescript-eslint assumes a single run and parses files from disk, ignoring the
    // text given below; this test needs the text.
    overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
  });
  const [result] = await eslint.lintText(text, { filePath: join(projectRoot, path) });
  return result?.messages.map((m) => `${m.ruleId ?? '(none)'}: ${m.message}`) ?? [];
}

describe('layer boundaries', () => {
  it('the lint config rejects an electron import in main/core', async () => {
    const messages = await lintAs('main/core/shared/duration.ts', "import { app } from 'electron';\nexport const name = app.getName();\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports:'))).toBe(true);
    // Type-aware linting builds a TypeScript program first: seconds on a loaded two-core machine.
  }, 60_000);

  it('the lint config rejects config/, shared/ and context.ts importing a domain, and a domain importing the composition root', async () => {
    const floorsFired = (messages: string[]) => messages.filter((m) => m.startsWith('layers/floors:'));
    const fromConfig = await lintAs('main/core/config/fields.ts', "import { alertsConfigSchema } from '../alerts/config';\nexport const keys = Object.keys(alertsConfigSchema);\n");
    expect(floorsFired(fromConfig)).toEqual([expect.stringContaining('"../alerts/config" reaches up into main/core/alerts/config')]);
    const fromShared = await lintAs('main/core/shared/duration.ts', "export { parseYamlWith } from '../config';\nexport const journal = () => import('../journal');\n");
    expect(floorsFired(fromShared)).toHaveLength(2);
    const fromContext = await lintAs('main/core/context.ts', "import type { AlertFeed } from './alerts/alert-feed';\nexport type Feed = AlertFeed;\n");
    expect(floorsFired(fromContext)).toEqual([expect.stringContaining('main/core/alerts/alert-feed')]);
    const fromDomain = await lintAs('main/core/slo/slo.ts', "import { configSchema } from '../composed-config';\nexport const schema = configSchema;\n");
    expect(floorsFired(fromDomain)).toEqual([expect.stringContaining('may not import main/core/composed-config')]);
    // Going down is fine: a domain may use config/ and shared/.
    expect(floorsFired(await lintAs('main/core/slo/slo.ts', "import { nameField } from '../config/fields';\nexport const field = nameField;\n"))).toEqual([]);
  }, 60_000);

  it('no file under main/core imports up a floor today', async () => {
    const { layerViolation } = await loadLayers();
    const offenders = coreFiles().flatMap((file) => relativeImports(file).map((spec) => layerViolation(projectRoot, file, spec)).filter((v) => v !== null).map((v) => `${relative(projectRoot, file)}: ${v}`));
    expect(offenders).toEqual([]);
  });

  it('the folders of main/core import each other without cycles', () => {
    // Floors order config/, shared/ and context.ts; between domains there is no fixed order, but a cycle
    // (slo/ using probes/ using slo/) means neither can be understood, or tested, without the other.
    const folderOf = (file: string) => relative(join(projectRoot, 'main/core'), file).split('/')[0]!.replace(/\.ts$/, '');
    const edges = new Map<string, Set<string>>();
    for (const file of coreFiles()) {
      for (const spec of relativeImports(file)) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(join(projectRoot, 'main/core'))) continue;
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    // Depth-first with the current path on a stack: an edge back into the stack closes a cycle.
    const cycles: string[] = [];
    const done = new Set<string>();
    const stack: string[] = [];
    const visit = (node: string) => {
      stack.push(node);
      for (const next of edges.get(node) ?? []) {
        if (stack.includes(next)) cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
        else if (!done.has(next)) visit(next);
      }
      stack.pop();
      done.add(node);
    };
    for (const node of edges.keys()) if (!done.has(node)) visit(node);
    expect(cycles).toEqual([]);
  });

  it('no file under main/core, main/web, main/cli or renderer imports electron today', () => {
    const offenders = ['main/core', 'main/web', 'main/cli', 'renderer/src']
      .flatMap((dir) => filesUnder(join(projectRoot, dir)))
      .filter((file) => /\.tsx?$/.test(file) && /from ['"]electron['"]|require\(['"]electron['"]\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(projectRoot, file));
    expect(offenders).toEqual([]);
  });
});
