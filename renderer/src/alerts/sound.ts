// Browser mode: the notification sounds the desktop app plays from its main process (`alerts:sound`),
// made with WebAudio so no audio file ships. Browsers keep audio muted until the page got a click or a
// key press; the context is resumed on the first one, and rings before that stay silent.
import type { SoundCue } from '../../../preload/contract';

const tones: Record<SoundCue['severity'], { hz: number[]; ms: number }> = {
  critical: { hz: [880, 660, 880], ms: 180 },
  warning: { hz: [660], ms: 220 },
  info: { hz: [520], ms: 140 },
};

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = window.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return null;
  context = new Ctor();
  const unlock = () => void context?.resume();
  window.addEventListener('pointerdown', unlock, { once: true });
  window.addEventListener('keydown', unlock, { once: true });
  return context;
}

export function playCue(cue: SoundCue): void {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  const { hz, ms } = tones[cue.severity];
  let at = ctx.currentTime;
  for (const f of hz) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = f;
    gain.gain.setValueAtTime(0.15, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + ms / 1000);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + ms / 1000);
    at += ms / 1000 + 0.04;
  }
}
