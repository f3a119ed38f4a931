import type { IncidentSummary, MethodName, Result, RunView } from '../../preload/contract';

/** What the controller needs of electron-updater's `autoUpdater` (a fake in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export type Invoke = (method: MethodName, input: unknown) => Promise<Result<unknown>>;

/**
 * Why an update must not be installed now, or null. Restarting drops SSH sessions and the live
 * view in the middle of an incident, so never while a P1/P2 incident is open or a runbook step is
 * running (a run that waits between steps can resume after a restart; a running step cannot).
 */
export function installBlocker(openIncidents: readonly Pick<IncidentSummary, 'id' | 'severity'>[], runs: readonly Pick<RunView, 'id' | 'title' | 'steps'>[]): string | null {
  const serious = openIncidents.filter((i) => i.severity === 'P1' || i.severity === 'P2');
  if (serious.length > 0) return `${serious.length === 1 ? 'a' : serious.length} ${serious.map((i) => i.severity).sort()[0]} incident${serious.length === 1 ? ' is' : 's are'} open (${serious.map((i) => i.id).join(', ')})`;
  const running = runs.filter((r) => r.steps.some((s) => s.status === 'running'));
  if (running.length > 0) return `a runbook step is running (${running.map((r) => r.title).join(', ')})`;
  return null;
}

/** Reads the journal and the runner through the contract, as the UI would, and applies installBlocker. */
export async function currentBlocker(invoke: Invoke): Promise<string | null> {
  const list = await invoke('incidents:list', { open: true, severity: ['P1', 'P2'], limit: 100 });
  if (!list.ok) return `the journal could not be read (${list.error.message})`;
  const runsResult = await invoke('runbooks:runs', { unfinished: true });
  if (!runsResult.ok) return `the runbook runs could not be read (${runsResult.error.message})`;
  const runs: RunView[] = [];
  for (const summary of runsResult.value as { id: string }[]) {
    const run = await invoke('runbooks:run', { runId: summary.id });
    if (run.ok) runs.push(run.value as RunView);
  }
  return installBlocker((list.value as { items: IncidentSummary[] }).items, runs);
}

export type UpdateState = { status: 'idle' } | { status: 'ready'; version: string } | { status: 'error'; message: string };

export interface UpdateDeps {
  updater: UpdaterLike;
  blocker(): Promise<string | null>;
  /** A desktop notification; `action` is a button where the platform has them. */
  notify(title: string, body: string, action?: { label: string; run: () => void }): void;
  /** The tray menu shows "Restart to update" while an update waits. */
  changed(state: UpdateState): void;
}

/**
 * Updates download in the background and wait: the user chooses when to restart (a notification
 * button and a tray item), and the restart is refused while installBlocker says so. Installing on
 * quit is off, so quitting with a P1 open never installs behind the user's back either.
 * Signature checks are electron-updater's defaults, left on (docs/security.md, Updates).
 */
export class UpdateController {
  private current: UpdateState = { status: 'idle' };

  constructor(private readonly deps: UpdateDeps) {
    deps.updater.autoDownload = true;
    deps.updater.autoInstallOnAppQuit = false;
    deps.updater.on('update-downloaded', (info) => {
      this.set({ status: 'ready', version: info.version });
      deps.notify('Update ready', `Oncall Console ${info.version} is downloaded. It installs when you restart the app.`, { label: 'Restart now', run: () => void this.restart() });
    });
    // A feed that cannot be reached is normal on a laptop (offline, captive portal): remember, do not nag.
    deps.updater.on('error', (err) => this.set({ status: 'error', message: err.message }));
  }

  get state(): UpdateState {
    return this.current;
  }

  check(): Promise<unknown> {
    return this.deps.updater.checkForUpdates().catch((err: Error) => this.set({ status: 'error', message: err.message }));
  }

  /** Installs the downloaded update unless something blocks it; returns whether it restarts. */
  async restart(): Promise<boolean> {
    if (this.current.status !== 'ready') return false;
    const reason = await this.deps.blocker();
    if (reason) {
      this.deps.notify('Update waits', `Not restarting now: ${reason}. Restart from the tray menu when it is over.`);
      return false;
    }
    this.deps.updater.quitAndInstall(false, true);
    return true;
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.deps.changed(state);
  }
}
