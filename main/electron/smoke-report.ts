/**
 * What the app's smoke mode (smoke.ts, inside Electron) and the launcher (`npm run smoke:electron`,
 * test/smoke/electron-smoke.ts, plain Node) agree on. No Electron import: the launcher loads it too.
 */

/** Set to 1 by the launcher; the app then checks itself, writes the report and quits. */
export const smokeEnv = 'ONCALL_SMOKE';

/** Written into the data directory, which the launcher made for this run: no other path is accepted. */
export const smokeReportFile = 'smoke-report.json';

/** The launcher's exit codes (docs/release.md). */
export const smokeExit = {
  passed: 0,
  /** At least one check failed; each is printed as `FAIL name: detail`. */
  failed: 1,
  /** Bad arguments, or the app is not built (`npm run build`). */
  usage: 2,
  /** No Electron binary here: neither ELECTRON_PATH, nor a packaged app under dist/, nor node_modules/electron's download. */
  noElectron: 3,
  /** Electron started but the app wrote no report: it crashed, hung past the timeout, or quit early. */
  noReport: 4,
} as const;

export interface SmokeCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SmokeReport {
  ok: boolean;
  electron: string;
  packaged: boolean;
  checks: SmokeCheck[];
  /** The entry written through IPC, for the launcher to find in journal.db after the app quit. */
  journal: { incidentId: string; entryId: string; text: string } | null;
}
