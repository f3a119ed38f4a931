import { describe, expect, it } from 'vitest';
import type { SoundCue } from '../../../preload/contract';
import { ringInPage } from '../../../renderer/src/alerts/logic/ring';

/** A page's event source: what the store subscribes, and a way to deliver `alerts:sound` to it. */
function page(face: 'electron' | 'web') {
  const listeners: ((cue: SoundCue) => void)[] = [];
  const played: SoundCue[] = [];
  const subscribed = ringInPage(face, (event, listener) => event === 'alerts:sound' && listeners.push(listener), (cue) => played.push(cue));
  return { subscribed, played, emit: (cue: SoundCue) => listeners.forEach((l) => l(cue)) };
}

describe('who rings an alert sound in the page', () => {
  const cue: SoundCue = { notificationId: 'n1', severity: 'critical', repeat: 0 };

  it('the Electron window stays silent: its main process already beeped through the playSound port', () => {
    const p = page('electron');
    p.emit(cue);
    expect(p.subscribed).toBe(false);
    expect(p.played).toEqual([]);
  });

  it('a browser tab plays every cue, once', () => {
    const p = page('web');
    p.emit(cue);
    p.emit({ ...cue, repeat: 1 });
    expect(p.subscribed).toBe(true);
    expect(p.played).toEqual([cue, { ...cue, repeat: 1 }]);
  });
});
