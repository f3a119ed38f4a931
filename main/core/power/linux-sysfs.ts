import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PowerState } from '../../../preload/contract';
import type { PowerSource } from '../context';
import type { Clock } from '../shared/clock';

export const sysfsPowerDir = '/sys/class/power_supply';

// Supplies that mean "plugged in" when online. A USB-C laptop charger shows up as USB or USB_PD.
const mainsTypes = new Set(['Mains', 'USB', 'USB_C', 'USB_PD', 'USB_PD_DRP', 'UPS']);

function read(dir: string, name: string): string | null {
  try {
    return readFileSync(join(dir, name), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Reads the kernel's power supplies once. On AC when any mains-like supply is online; on battery when
 * the machine has a system battery (not a mouse's: `scope` Device) and no mains supply is online
 * (or, without any mains entry, the battery says it is discharging). Anything else, such as a desktop
 * or a VM with no supplies at all, is "unknown", which the scheduler treats as mains power.
 */
export function readSysfsPower(dir = sysfsPowerDir): PowerState {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 'unknown';
  }
  let mains = 0;
  let online = false;
  let battery = false;
  let discharging = false;
  for (const name of names) {
    const supply = join(dir, name);
    const type = read(supply, 'type');
    if (type !== null && mainsTypes.has(type)) {
      mains++;
      if (read(supply, 'online') === '1') online = true;
    } else if (type === 'Battery' && read(supply, 'scope') !== 'Device' && read(supply, 'present') !== '0') {
      battery = true;
      if (read(supply, 'status') === 'Discharging') discharging = true;
    }
  }
  if (online) return 'ac';
  if (battery && (mains > 0 || discharging)) return 'battery';
  return 'unknown';
}

/**
 * Browser mode and the CLI on Linux: sysfs sends no change notifications, so it is read again every
 * `everyMs` (a handful of tiny files; nothing measurable next to one probe).
 */
export function sysfsPowerSource(clock: Clock, dir = sysfsPowerDir, everyMs = 15_000): PowerSource {
  let state = readSysfsPower(dir);
  const listeners = new Set<(state: PowerState) => void>();
  let cancel: (() => void) | null = null;
  const tick = () => {
    const next = readSysfsPower(dir);
    if (next !== state) {
      state = next;
      for (const listener of listeners) listener(state);
    }
    cancel = clock.setTimeout(tick, everyMs);
  };
  return {
    current: () => state,
    onChange(listener) {
      listeners.add(listener);
      // Polling only runs while someone listens, so one-shot CLI commands never start it.
      cancel ??= clock.setTimeout(tick, everyMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          cancel?.();
          cancel = null;
        }
      };
    },
    close() {
      listeners.clear();
      cancel?.();
      cancel = null;
    },
  };
}
