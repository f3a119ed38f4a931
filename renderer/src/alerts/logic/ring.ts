import type { SoundCue } from '../../../../preload/contract';

type Subscribe = (event: 'alerts:sound', listener: (cue: SoundCue) => void) => unknown;

/**
 * The core emits `alerts:sound` for every ring. The desktop app already plays it in its main process
 * (the playSound port) and its window gets the same event over the bridge, so a page that played it
 * too would ring twice. Only a browser tab, which has no main process, rings itself.
 */
export function ringInPage(face: 'electron' | 'web', subscribe: Subscribe, play: (cue: SoundCue) => void): boolean {
  if (face !== 'web') return false;
  subscribe('alerts:sound', play);
  return true;
}
