// `npm start` helper: builds better-sqlite3 for Electron's ABI into out/electron-native/, leaving the
// Node build in node_modules untouched (tests, the CLI and browser mode keep working). The Electron
// main process loads this copy through better-sqlite3's `nativeBinding` option.
// Needs Electron's headers, so it needs the internet on first run; it is skipped when up to date.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const sqliteVersion = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
const target = join(root, 'out/electron-native');
const stamp = join(target, 'stamp.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion });
const binary = join(target, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}: up to date`);
} else {
  mkdirSync(join(target, 'node_modules'), { recursive: true });
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  cpSync(join(root, 'node_modules/better-sqlite3'), join(target, 'node_modules/better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (downloads Electron headers once)…`);
  // Its CLI through node, not node_modules/.bin: on Windows .bin holds a .cmd that execFile cannot start.
  execFileSync(process.execPath, [join(root, 'node_modules/@electron/rebuild/lib/cli.js'), '--version', electronVersion, '--module-dir', target, '--only', 'better-sqlite3', '--force'], { stdio: 'inherit' });
  writeFileSync(stamp, wanted);
}
