import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/cli';
import { findCycles, importGraph, importsOf } from '../../support/import-graph';
import { tempHome } from '../../support/temp-home';

/** Writes a small project of files into a fresh folder and returns the circles found in its src/. */
function cyclesIn(files: Record<string, string>): string[] {
  const dir = tempHome('oncall-cycles-');
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir.home, 'src', name)), { recursive: true });
    writeFileSync(join(dir.home, 'src', name), text);
  }
  return findCycles(importGraph(dir.home, ['src']), dir.home);
}
const dirs: { cleanup: () => void }[] = [];
afterAll(() => dirs.forEach((d) => d.cleanup()));

describe('no import circles', () => {
  it('main/, preload/ and renderer/ import each other in one direction only', () => {
    const graph = importGraph(projectRoot, ['main', 'preload', 'renderer']);
    // A graph this small would mean the walk missed the folders, and then "no circles" proves nothing.
    expect(graph.size).toBeGreaterThan(200);
    expect([...graph.values()].reduce((n, edges) => n + edges.length, 0)).toBeGreaterThan(graph.size);
    expect(findCycles(graph, projectRoot)).toEqual([]);
    // Parsing ~340 files: about a second alone, several on a loaded two-core machine.
  }, 30_000);

  it('names the files and lines of a circle of two files', () => {
    const cycles = cyclesIn({
      'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'b.ts': "// b\nimport { a } from './a';\nexport const b = () => a;\n",
    });
    expect(cycles).toEqual(['src/a.ts:1 -> src/b.ts:2 -> src/a.ts']);
  });

  it('sees the shape issue 12 removed: a type import one way, an import() the other', () => {
    const cycles = cyclesIn({
      'commands/run.ts': "export interface Options { yes: boolean }\nexport async function run() {\n  const { exec } = await import('../exec');\n  return exec({ yes: true });\n}\n",
      'exec.ts': "import type { Options } from './commands/run';\nexport function exec(o: Options) { return o.yes; }\n",
    });
    expect(cycles).toEqual(['src/commands/run.ts:3 -> src/exec.ts:1 -> src/commands/run.ts']);
  });

  it('resolves folders to their index and .tsx files, and finds a longer circle through them', () => {
    const cycles = cyclesIn({
      'screens/index.ts': "import { Settings } from './Settings';\nexport const screens = [Settings];\n",
      'screens/Settings.tsx': "import { list } from '../list';\nexport const Settings = () => list;\n",
      'list.ts': "import { screens } from './screens';\nexport const list = () => screens.length;\n",
    });
    expect(cycles).toEqual(['src/list.ts:1 -> src/screens/index.ts:1 -> src/screens/Settings.tsx:1 -> src/list.ts']);
  });

  it('reports nothing for a chain that only goes down, and ignores packages and module augmentation', () => {
    const cycles = cyclesIn({
      'top.ts': "import { mid } from './mid';\nimport { z } from 'zod';\nexport const top = [mid, z];\n",
      'mid.ts': "export * from './low';\nexport const mid = 1;\n",
      'low.ts': "export const low = 0;\n",
      'section.ts': "import './top';\ndeclare module './low' { interface Extra { x: 1 } }\nexport {};\n",
    });
    expect(cycles).toEqual([]);
  });

  it('collects every kind of module reference', () => {
    const text = [
      "import a from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "export * as d from './d';",
      "const e = await import('./e');",
      "type F = import('./f').F;",
      "import g = require('./g');",
      "import './h';",
    ].join('\n');
    expect(importsOf('x.ts', text).map((e) => `${e.specifier}:${e.line}`)).toEqual(['./a:1', './b:2', './c:3', './d:4', './e:5', './f:6', './g:7', './h:8']);
  });
});
