import { describe, expect, it } from 'vitest';
import { powerMonitorSource } from '../../main/electron/power';
import { powerMonitor } from './fake-electron';

describe("the power port from Electron's powerMonitor", () => {
  it('starts from isOnBatteryPower() and follows on-battery / on-ac', () => {
    powerMonitor.onBattery = true;
    const source = powerMonitorSource(powerMonitor);
    expect(source.current()).toBe('battery');
    const seen: string[] = [];
    source.onChange((s) => seen.push(s));
    powerMonitor.emit('on-ac');
    powerMonitor.emit('on-ac');
    powerMonitor.emit('on-battery');
    expect(seen).toEqual(['ac', 'battery']);
    source.close?.();
    powerMonitor.emit('on-ac');
    expect(seen).toEqual(['ac', 'battery']);
    expect(powerMonitor.listenerCount('on-ac')).toBe(0);
    powerMonitor.onBattery = false;
  });
});
