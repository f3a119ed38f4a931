// A real engine on a temp data directory, for integration tests that drive the core through the
// contract as a face would. Engines opened here are closed by `closeTestEngines` (call it in afterEach).
import { join } from 'node:path';
import { createEngine, type Engine } from '../../main/core/engine';
import { projectRoot } from './cli';

const open: Engine[] = [];

/** The CLI face does not watch alerts; browser mode (`web`) does, like the desktop app. */
export async function openTestEngine(home: string, face: 'cli' | 'web' = 'cli'): Promise<Engine> {
  const engine = createEngine({ home, resourcesDir: join(projectRoot, 'resources'), ports: { face, notify: () => undefined, openExternal: () => Promise.resolve() } });
  open.push(engine);
  await engine.start();
  return engine;
}

export async function closeTestEngines(): Promise<void> {
  for (const engine of open.splice(0)) await engine.close();
}

/** Invokes a contract method and returns its value; a failed result throws with its code and message. */
export async function invokeOk<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const result = await engine.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
