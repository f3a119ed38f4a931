import { spawn } from 'node:child_process';
import { assertHttpUrl } from '../core/app-domain';
import type { Face } from '../core/context';
import { createEngine, type Engine } from '../core/engine';
import { resourcesDir } from './paths';

/** The engine as the CLI and browser mode use it: notifications go to the bus, links to the OS opener. */
export function openEngine(home: string, face: Extract<Face, 'web' | 'cli'>, watchConfig = false): Engine {
  const engine: Engine = createEngine({
    home,
    resourcesDir,
    watchConfig,
    ports: {
      face,
      notify: (notification) => engine.bus.emit('notification:show', notification),
      openExternal: (url) => openWithOs(assertHttpUrl(url)),
    },
  });
  return engine;
}

function openWithOs(url: string): Promise<void> {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['explorer.exe', [url]] : ['xdg-open', [url]];
  // No shell: the URL is one argument, never parsed by a shell.
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return Promise.resolve();
}
