import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/cli';
import { defaultArtifactNames, globMatches, loadWorkflow, projectFacts, workflowProblems, type LoadedWorkflow } from '../../support/workflows';

/**
 * The GitHub Actions workflows cannot run on this machine (no runner is reachable), so this is what
 * keeps them honest: each file against a schema of the syntax they use, then the project's rules.
 */

const workflowsDir = join(projectRoot, '.github/workflows');
const facts = projectFacts(projectRoot);
const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string; productName: string; version: string };
const product = { name: pkg.name, productName: pkg.productName, version: pkg.version };

function load(file: string): LoadedWorkflow {
  const result = loadWorkflow(file);
  if (!result.ok) throw new Error(`${file} is not a valid workflow:\n${result.problems.join('\n')}`);
  return result.loaded;
}

const resolveCall = (uses: string): LoadedWorkflow | null => {
  const file = join(projectRoot, uses);
  return existsSync(file) ? load(file) : null;
};

const problemsOf = (file: string) => workflowProblems(load(file), facts, resolveCall, product);
const at = (file: string) => join(workflowsDir, file);

describe('the GitHub workflows', () => {
  const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();

  it('are the build, the pull-request CI and the release', () => {
    expect(files).toEqual(['build.yml', 'ci.yml', 'release.yml']);
  });

  it.each(files)('%s follows the schema and the project rules', (file) => {
    expect(problemsOf(at(file))).toEqual([]);
  });

  it('run on a version tag (release) and on pull requests (ci), both through the one build', () => {
    const release = load(at('release.yml')).workflow;
    const ci = load(at('ci.yml')).workflow;
    expect(release.on.push?.tags).toEqual(['v*']);
    expect(ci.on).toHaveProperty('pull_request');
    expect(release.jobs.build).toMatchObject({ uses: './.github/workflows/build.yml', secrets: 'inherit' });
    // Pull requests get no secrets: their installers are unsigned and nothing of the signing set leaks to a fork.
    expect(ci.jobs.build).toEqual({ uses: './.github/workflows/build.yml' });
    expect(JSON.stringify(ci)).not.toMatch(/secrets|contents: write|gh release/);
  });

  it('build on the three systems, test, smoke-test the unpackaged and the packaged app, and the release attaches the installers', () => {
    const build = load(at('build.yml')).workflow.jobs.build as unknown as { steps: { run?: string; uses?: string }[]; strategy: { matrix: { include: { os: string }[] } } };
    expect(build.strategy.matrix.include.map((e) => e.os)).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const runs = build.steps.map((s) => s.run ?? s.uses ?? '').join('\n');
    // In this order: tests, Electron for the unpackaged run, its smoke test, the installers, the packaged smoke test.
    const order = ['bash .ci/run', 'node node_modules/electron/install.js', 'node .ci/electron-native.mjs', 'xvfb-run -a -s "-screen 0 1280x800x24" npm run smoke:electron -- --app dev', 'npx electron-builder --config electron-builder.yml --publish never', 'npm rebuild better-sqlite3', 'xvfb-run -a -s "-screen 0 1280x800x24" npm run smoke:electron -- --app packaged', 'actions/upload-artifact@v4'];
    const positions = order.map((text) => runs.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const publish = load(at('release.yml')).workflow.jobs.publish as { steps: { run?: string }[]; permissions: unknown };
    expect(publish.permissions).toEqual({ contents: 'write' });
    expect(publish.steps.map((s) => s.run ?? '').join('\n')).toContain('gh release create "$TAG" installers/* --verify-tag');
  });

  it('upload globs that match the file names electron-builder gives each target', () => {
    expect(facts.targets).toEqual({ linux: ['AppImage', 'deb'], mac: ['dmg'], win: ['nsis'] });
    // electron-builder's default artifactName per target, for this package.json.
    expect(defaultArtifactNames('nsis', product)).toEqual(['Oncall Console Setup 0.1.0.exe']);
    expect(globMatches('dist/*.deb', 'dist/oncall-console_0.1.0_amd64.deb')).toBe(true);
    expect(globMatches('dist/*.deb', 'dist/linux-unpacked/x.deb')).toBe(false);
  });
});

describe('the workflow checks can fail', () => {
  const fixtures = join(projectRoot, 'test/unit/release/fixtures');

  it('a workflow outside the syntax: each error with file:line:column and field', () => {
    const file = join(fixtures, 'broken-syntax.yml');
    const result = loadWorkflow(file);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems.map((p) => p.slice(file.length + 1));
    expect(problems).toEqual(
      expect.arrayContaining([
        '8:5: jobs.build.runs_on: Unrecognized key: "runs_on"',
        // Missing, so located at the job's first key.
        '8:5: jobs.build.runs-on: runs-on must be a runner label (ubuntu-latest, ${{ matrix.os }}) or a list of labels',
        '10:9: jobs.build.steps[0].uses: pin actions to a major version, e.g. actions/checkout@v4',
        '11:9: jobs.build.steps[1]: a step has exactly one of uses and run',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('a valid workflow that breaks the project rules: each problem named', () => {
    const file = join(fixtures, 'broken-rules.yml');
    const problems = problemsOf(file).map((p) => p.slice(file.length + 1));
    expect(problems).toEqual([
      '22:9: jobs.build.steps[2].run: secrets.CSC_LINK may only be passed through env or with, never written into run',
      '21:9: jobs.build.steps[1].run: npm run smoke:electorn: package.json has no such script',
      '26:9: jobs.build.steps[3].run: set -x would print CSC_LINK',
      '26:9: jobs.build.steps[3].run: prints the secret CSC_LINK: echo "using $CSC_LINK"',
      '13:13: jobs.build.strategy.matrix.include[0].artifacts: ubuntu-latest uploads ["dist/*.AppImage"], which miss the deb installer (oncall-console_0.1.0_amd64.deb / oncall-console_0.1.0_arm64.deb)',
      '16:13: jobs.build.strategy.matrix.include[1].artifacts: dist/*.zip matches no installer electron-builder.yml builds for mac (dmg)',
      '34:5: jobs.other.uses: ./.github/workflows/missing.yml does not exist',
      '6:1: jobs: no job (or called workflow) builds on ubuntu-latest, macos-latest and windows-latest',
    ]);
  });
});
