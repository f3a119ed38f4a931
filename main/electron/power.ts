import type { PowerState } from '../../preload/contract';
import type { PowerSource } from '../core/context';

/** The part of Electron's powerMonitor the console uses (typed so the fake can stand in for it). */
export interface PowerMonitorLike {
  isOnBatteryPower(): boolean;
  on(event: 'on-battery' | 'on-ac', listener: () => void): unknown;
  removeListener(event: 'on-battery' | 'on-ac', listener: () => void): unknown;
}

/** The core's power port from Electron's powerMonitor: its events, no polling. */
export function powerMonitorSource(monitor: PowerMonitorLike): PowerSource {
  const listeners = new Set<(state: PowerState) => void>();
  let state: PowerState = monitor.isOnBatteryPower() ? 'battery' : 'ac';
  const set = (next: PowerState) => () => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(state);
  };
  const onBattery = set('battery');
  const onAc = set('ac');
  monitor.on('on-battery', onBattery);
  monitor.on('on-ac', onAc);
  return {
    current: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      monitor.removeListener('on-battery', onBattery);
      monitor.removeListener('on-ac', onAc);
    },
  };
}
