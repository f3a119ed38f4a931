import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The fuses electron-builder.yml asks for, compared with the fuse wire in the packaged binary, read
 * by @electron/fuses (the library electron-builder flips them with; it comes with electron-builder).
 * The app cannot ask Electron about its own fuses at runtime, so this is the launcher's check.
 */

// electron-builder.yml's `electronFuses` keys, by their index in the V1 fuse wire (@electron/fuses FuseV1Options).
const wireIndex: Record<string, number> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};
// The bytes of @electron/fuses FuseState.
const enabled = 49;
const disabled = 48;

export function wantedFuses(root: string): Record<string, boolean> {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, boolean> };
  return config.electronFuses ?? {};
}

/** Empty when every fuse electron-builder.yml sets is set that way in the binary; otherwise what differs. */
export async function fuseProblems(executable: string, wanted: Record<string, boolean>): Promise<string[]> {
  const { getCurrentFuseWire } = (await import('@electron/fuses')) as { getCurrentFuseWire: (path: string) => Promise<Record<string, unknown>> };
  const wire = await getCurrentFuseWire(executable);
  const problems: string[] = [];
  for (const [name, on] of Object.entries(wanted)) {
    const index = wireIndex[name];
    if (index === undefined) {
      problems.push(`electron-builder.yml sets ${name}, which this check does not know`);
      continue;
    }
    const state = wire[index];
    if (state !== (on ? enabled : disabled)) problems.push(`${name} should be ${on ? 'on' : 'off'} but the wire says ${describe(state)}`);
  }
  return problems;
}

function describe(state: unknown): string {
  if (state === enabled) return 'on';
  if (state === disabled) return 'off';
  if (state === 114) return 'removed';
  return state === undefined ? 'nothing (the wire is shorter)' : `byte ${JSON.stringify(state)}`;
}
