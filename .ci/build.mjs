// Builds the Node side with esbuild: the CLI (ESM, split so `oncall --version` loads almost nothing),
// the Electron main process and the sandboxed preload (both CommonJS, as Electron requires for a
// sandboxed preload). The renderer is built by Vite (renderer/vite.config.mjs).
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliDefines } from './defines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The CLI bundles `yaml` instead of loading it from node_modules: its CommonJS build is ~80 small
// files, and reading and compiling them one by one was a third of `oncall rules test`'s start-up.
const bundledPackages = new Set(['yaml']);
const externalPackagesExcept = {
  name: 'external-packages-except',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return bundledPackages.has(name) ? undefined : { external: true };
    });
  },
};
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: { oncall: './main/cli/oncall.ts' },
    outdir: 'out/cli',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    splitting: true,
    plugins: [externalPackagesExcept],
    define: cliDefines(root),
    // Some bundled CommonJS-style code paths call require(); give ESM output a real one.
    banner: { js: "import { createRequire as __oncallCreateRequire } from 'node:module'; const require = __oncallCreateRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: { main: './main/electron/main.ts' },
    outdir: 'out/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    packages: 'external',
    define: cliDefines(root),
  }),
  build({
    ...common,
    entryPoints: { bridge: './preload/bridge.ts' },
    outdir: 'out/preload',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
  }),
]);
chmodSync(`${root}/out/cli/oncall.mjs`, 0o755);
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
console.log(`built ${pkg.name} ${pkg.version} (cli, electron main, preload)`);
