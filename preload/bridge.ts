// The sandboxed preload: exposes named functions only, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, isMethodName, type EventMap, type EventName, type OncallApi, type Result } from './contract';

interface EventFrame {
  event: EventName;
  payload: unknown;
}

const api = {
  invoke: (method, input) => {
    // Only contract channels: a compromised page cannot reach any other ipcMain handler.
    if (!isMethodName(method)) return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `unknown method: ${String(method)}` } } satisfies Result<never>);
    return ipcRenderer.invoke(method, input ?? {});
  },
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
    const handler = (_e: IpcRendererEvent, frame: EventFrame) => {
      if (frame.event === event) listener(frame.payload as EventMap[E]);
    };
    ipcRenderer.on(ipcChannels.event, handler);
    return () => void ipcRenderer.removeListener(ipcChannels.event, handler);
  },
} satisfies OncallApi;

contextBridge.exposeInMainWorld('oncall', api);
