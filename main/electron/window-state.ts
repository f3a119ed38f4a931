import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const fallback: WindowState = { width: 1280, height: 820, maximized: false };

/** Where and how big the window was, so it comes back the same. A bad file means defaults, never a crash. */
export function loadWindowState(file: string): WindowState {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const width = Number(parsed.width);
    const height = Number(parsed.height);
    if (!Number.isFinite(width) || !Number.isFinite(height) || width < 400 || height < 300) return fallback;
    return {
      width,
      height,
      maximized: parsed.maximized === true,
      ...(Number.isFinite(parsed.x) && Number.isFinite(parsed.y) ? { x: Number(parsed.x), y: Number(parsed.y) } : {}),
    };
  } catch {
    return fallback;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state));
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}
