import type { Result, SoundCue, TrayState } from '../../preload/contract';
import type { Engine } from '../core/engine';
import type { TrayAlertActions } from './tray-alerts';

function reportFailure(what: string): (result: Result<unknown>) => void {
  return (result) => {
    if (!result.ok) console.error(`tray: ${what} failed: ${result.error.message}`);
  };
}

/**
 * The tray's alert actions as calls into the core, through the same entry point as IPC, so they
 * are validated and journaled exactly like the same clicks in the window.
 */
export function trayAlertActions(core: Pick<Engine, 'invoke'>, open: (route: string) => void, now: () => number): TrayAlertActions {
  return {
    open,
    acknowledgeAll: () => void core.invoke('alerts:ack', { all: true, by: 'you (tray)' }).then(reportFailure('acknowledge all')),
    pauseNotifications: (until) => void core.invoke('alerts:pause-notifications', { until }).then(reportFailure('pause notifications')),
    now,
  };
}

/** Keeps the tray in step with the core, window open or not. Returns the unsubscribe. */
export function followAlerts(core: Pick<Engine, 'bus'>, tray: { updateAlerts(state: TrayState): void }): () => void {
  return core.bus.on('alerts:changed', ({ tray: state }) => tray.updateAlerts(state));
}

const beepsPer: Record<SoundCue['severity'], number> = { critical: 3, warning: 2, info: 1 };

/**
 * The face's sound player: the system beep works without a window and without audio files, and
 * severity is told apart by the number of beeps (critical three, warning two, info one).
 */
export function beeper(beep: () => void, later: (fn: () => void, ms: number) => void): (cue: SoundCue) => void {
  return (cue) => {
    for (let i = 0; i < beepsPer[cue.severity]; i++) later(beep, i * 300);
  };
}
