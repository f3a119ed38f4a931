import type { EventMap, EventName, Input, MethodName, OncallApi, Output, Result } from '../../../preload/contract';

declare global {
  interface Window {
    /** Present in Electron (preload bridge); absent in a browser tab. */
    oncall?: OncallApi;
  }
}

interface Pending {
  resolve(result: Result<unknown>): void;
}

/**
 * The renderer's only way to the core. Uses the preload bridge in Electron and a WebSocket in
 * browser mode; screens never know which.
 */
class WebSocketApi implements OncallApi {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly queue: string[] = [];
  private retryMs = 500;
  connected = false;
  onConnectionChange: (connected: boolean) => void = () => undefined;

  constructor(private readonly url: string) {
    this.connect();
  }

  invoke<K extends MethodName>(method: K, input?: Input<K>): Promise<Result<Output<K>>> {
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method, input: input ?? {} });
    return new Promise((resolve) => {
      this.pending.set(id, { resolve: resolve as (r: Result<unknown>) => void });
      if (this.connected) this.socket?.send(frame);
      else this.queue.push(frame);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.connected = true;
      this.retryMs = 500;
      this.onConnectionChange(true);
      for (const frame of this.queue.splice(0)) socket.send(frame);
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      const frame = JSON.parse(message.data) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
      if (typeof frame.id === 'number' && frame.result) {
        this.pending.get(frame.id)?.resolve(frame.result);
        this.pending.delete(frame.id);
      } else if (frame.event) {
        for (const listener of this.listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    };
    socket.onclose = () => {
      const wasConnected = this.connected;
      this.connected = false;
      if (wasConnected) this.onConnectionChange(false);
      // Requests in flight will never be answered by this socket: fail them instead of hanging.
      for (const [id, p] of this.pending) {
        p.resolve({ ok: false, error: { code: 'unavailable', message: 'connection to the console was lost' } });
        this.pending.delete(id);
      }
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }
}

function createApi(): OncallApi & { onConnectionChange?: (c: boolean) => void } {
  if (window.oncall) return window.oncall;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocketApi(`${scheme}://${location.host}/api`);
}

export const api = createApi();
export const face: 'electron' | 'web' = window.oncall ? 'electron' : 'web';

/** Calls a method and throws the API error as an Error, for code that prefers try/catch. */
export async function call<K extends MethodName>(method: K, input?: Input<K>): Promise<Output<K>> {
  const result = await api.invoke(method, input);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value;
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
