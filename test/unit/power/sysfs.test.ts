import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPowerSource, readSysfsPower, sysfsPowerSource, unknownPower } from '../../../main/core/power';
import { FakeClock } from '../../support/fake-clock';
import { tempHome } from '../../support/temp-home';

const homes: { cleanup(): void }[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) h.cleanup();
});

/** A fake /sys/class/power_supply: one folder per supply with the attribute files the kernel has. */
function supplies(layout: Record<string, Record<string, string>>): string {
  const t = tempHome('oncall-power-');
  homes.push(t);
  for (const [name, attrs] of Object.entries(layout)) {
    mkdirSync(join(t.home, name));
    for (const [file, value] of Object.entries(attrs)) writeFileSync(join(t.home, name, file), `${value}\n`);
  }
  return t.home;
}

describe('power state from /sys/class/power_supply', () => {
  it('reads a laptop plugged in, on battery, a USB-C charger, a mouse battery and a desktop', () => {
    const bat = { type: 'Battery', present: '1', status: 'Discharging' };
    expect(readSysfsPower(supplies({ AC: { type: 'Mains', online: '1' }, BAT0: { ...bat, status: 'Charging' } }))).toBe('ac');
    expect(readSysfsPower(supplies({ AC: { type: 'Mains', online: '0' }, BAT0: bat }))).toBe('battery');
    expect(readSysfsPower(supplies({ ucsi: { type: 'USB', online: '1' }, BAT0: bat }))).toBe('ac');
    expect(readSysfsPower(supplies({ BAT0: bat }))).toBe('battery');
    expect(readSysfsPower(supplies({ AC: { type: 'Mains', online: '1' }, hidpp: { ...bat, scope: 'Device' } }))).toBe('ac');
    expect(readSysfsPower(supplies({ hidpp: { ...bat, scope: 'Device' } }))).toBe('unknown');
    expect(readSysfsPower(supplies({}))).toBe('unknown');
    expect(readSysfsPower('/nonexistent/power_supply')).toBe('unknown');
  });

  it('reports a change on the next read, only while someone listens', () => {
    const dir = supplies({ AC: { type: 'Mains', online: '1' }, BAT0: { type: 'Battery', status: 'Charging' } });
    const clock = new FakeClock();
    const source = sysfsPowerSource(clock, dir, 15_000);
    const seen: string[] = [];
    const off = source.onChange((s) => seen.push(s));
    writeFileSync(join(dir, 'AC', 'online'), '0\n');
    clock.advance(14_000);
    expect(seen).toEqual([]);
    clock.advance(1_000);
    expect(seen).toEqual(['battery']);
    expect(source.current()).toBe('battery');
    off();
    writeFileSync(join(dir, 'AC', 'online'), '1\n');
    clock.advance(60_000);
    expect(seen).toEqual(['battery']);
  });

  it('outside Linux (browser mode on macOS or Windows) the state is unknown, treated as mains', () => {
    expect(defaultPowerSource(new FakeClock(), 'darwin')).toBe(unknownPower);
    expect(defaultPowerSource(new FakeClock(), 'win32').current()).toBe('unknown');
  });
});
