import type { PowerSource } from '../context';
import type { Clock } from '../shared/clock';
import { sysfsPowerSource } from './linux-sysfs';

export { readSysfsPower, sysfsPowerSource } from './linux-sysfs';

/** A source that never changes: macOS and Windows outside Electron cannot be asked without a native module. */
export const unknownPower: PowerSource = { current: () => 'unknown', onChange: () => () => undefined };

/** The face's own source when it has one (Electron's powerMonitor), else what this OS lets plain Node read. */
export function defaultPowerSource(clock: Clock, platform: NodeJS.Platform = process.platform): PowerSource {
  return platform === 'linux' ? sysfsPowerSource(clock) : unknownPower;
}

/** How much longer a non-critical target waits between checks in this power state. */
export function intervalFactorFor(state: 'battery' | 'ac' | 'unknown', onBatteryFactor: number): number {
  return state === 'battery' ? onBatteryFactor : 1;
}
