import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron to smoke-test is. Three kinds, in this order under `--app auto`:
 * - `ELECTRON_PATH`: an Electron binary given by hand, run with the project as its app;
 * - `packaged`: electron-builder's unpacked output under dist/ (the app is inside it, fuses flipped);
 * - `dev`: the binary the `electron` package downloads into node_modules/electron/dist (its
 *   path.txt names it). Electron 45 downloads lazily; on machines without internet the file never
 *   appears, and `require('electron')` would try to download it, so it is never required here.
 */

export type AppKind = 'auto' | 'packaged' | 'dev';

export type Found =
  | { found: true; kind: 'env' | 'packaged' | 'dev'; executable: string; /** Arguments before Electron's own: the app folder for env/dev. */ args: string[] }
  | { found: false; looked: string[] };

interface ProjectNames {
  name: string;
  productName: string;
}

function projectNames(root: string): ProjectNames {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; productName?: string };
  const name = pkg.name ?? 'app';
  return { name, productName: pkg.productName ?? name };
}

/** electron-builder's unpacked app folders and executable names per platform (its defaults: linux uses the package name). */
export function packagedCandidates(root: string, platform: NodeJS.Platform, names: ProjectNames): string[] {
  const dist = join(root, 'dist');
  if (platform === 'darwin') return ['mac', 'mac-arm64', 'mac-universal'].map((d) => join(dist, d, `${names.productName}.app`, 'Contents', 'MacOS', names.productName));
  if (platform === 'win32') return ['win-unpacked', 'win-arm64-unpacked'].map((d) => join(dist, d, `${names.productName}.exe`));
  return ['linux-unpacked', 'linux-arm64-unpacked'].map((d) => join(dist, d, names.name));
}

export function findElectron(root: string, kind: AppKind, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Found {
  const looked: string[] = [];
  if (kind === 'auto' && env.ELECTRON_PATH) {
    if (existsSync(env.ELECTRON_PATH)) return { found: true, kind: 'env', executable: env.ELECTRON_PATH, args: [root] };
    looked.push(`ELECTRON_PATH=${env.ELECTRON_PATH} (does not exist)`);
  }
  if (kind !== 'dev') {
    for (const candidate of packagedCandidates(root, platform, projectNames(root))) {
      if (existsSync(candidate)) return { found: true, kind: 'packaged', executable: candidate, args: [] };
      looked.push(candidate);
    }
  }
  if (kind !== 'packaged') {
    const pkgDir = join(root, 'node_modules', 'electron');
    const pathFile = join(pkgDir, 'path.txt');
    if (existsSync(pathFile)) {
      // The same override the electron package itself honours.
      const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
      if (existsSync(executable)) return { found: true, kind: 'dev', executable, args: [root] };
      looked.push(executable);
    } else {
      looked.push(`${pathFile} (the electron package's download never finished)`);
    }
  }
  return { found: false, looked };
}
