import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames, type Result } from '../../preload/contract';
import type { Engine } from '../core/engine';

/**
 * Registers every contract method as its own ipcMain channel (named like the method). Each call is
 * checked for its sender first, and its input is parsed by the engine as `unknown`.
 */
export function registerContract(ipcMain: Pick<IpcMain, 'handle'>, engine: Pick<Engine, 'invoke'>, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const method of methodNames) {
    ipcMain.handle(method, (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) return Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } });
      return engine.invoke(method, input);
    });
  }
}
