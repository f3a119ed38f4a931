import type { MenuItemConstructorOptions } from 'electron';
import type { WhoReport } from '../../preload/contract';
import type { Engine } from '../core/engine';

function when(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat([], { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** "On call" lines of the tray menu: now and next per layer, and whether this user is on call. None without a rotation. */
export function rotationMenuItems(report: WhoReport | null): MenuItemConstructorOptions[] {
  if (!report) return [];
  const items: MenuItemConstructorOptions[] = [{ label: report.meOnCall ? `You (${report.me}) are on call` : `You (${report.me}) are off call`, enabled: false }];
  for (const l of report.layers) {
    const now = l.now.map((s) => s.member).join(', ') || 'nobody';
    const until = l.now[0] ? ` until ${when(l.now[0].end, report.timeZone)}` : '';
    items.push({ label: `${l.layer}: ${now}${until}`, enabled: false });
    if (l.next) items.push({ label: `   next ${l.next.member} from ${when(l.next.start, report.timeZone)}`, enabled: false });
  }
  if (report.problems.length) items.push({ label: `⚠ ${report.problems.length} feed problem${report.problems.length === 1 ? '' : 's'}`, enabled: false });
  return items;
}

/** Keeps the tray's "on call" lines in step with the core. Returns the unsubscribe. */
export function followRotation(core: Pick<Engine, 'bus' | 'invoke'>, tray: { updateRotation(report: WhoReport | null): void }): () => void {
  void core.invoke('rotation:who', {}).then((r) => r.ok && tray.updateRotation(r.value as WhoReport | null));
  return core.bus.on('rotation:changed', (report) => tray.updateRotation(report));
}
