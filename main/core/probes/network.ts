import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

/** Whether the machine itself has a way out; asked only after a probe fails with a network error. */
export interface NetworkStatus {
  online(): Promise<boolean> | boolean;
}

/** Linux: a default route in /proc/net/route or ipv6_route. Elsewhere: any non-loopback address. */
export const systemNetworkStatus: NetworkStatus = {
  online() {
    if (process.platform === 'linux') {
      const v4 = read('/proc/net/route');
      const v6 = read('/proc/net/ipv6_route');
      if (v4 !== null || v6 !== null) {
        const hasV4 = (v4 ?? '').split('\n').slice(1).some((line) => line.split(/\s+/)[1] === '00000000');
        const hasV6 = (v6 ?? '').split('\n').some((line) => line.startsWith('00000000000000000000000000000000 00') && !line.trim().endsWith(' lo'));
        return hasV4 || hasV6;
      }
    }
    return Object.values(networkInterfaces()).some((list) => (list ?? []).some((i) => !i.internal));
  },
};

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Loopback targets say nothing about the laptop's network. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host.startsWith('127.');
  } catch {
    return false;
  }
}
