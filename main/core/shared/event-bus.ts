import type { EventMap, EventName } from '../../../preload/contract';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;
type AnyListener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** The one typed event bus of the core. Faces subscribe; nothing polls the core. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<never>>>();
  private readonly anyListeners = new Set<AnyListener>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Every event, for faces that forward the whole stream (IPC, WebSocket). */
  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    // A throwing listener must not stop the others, nor the emitter (a scheduler tick, a DB write).
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch (err) {
        console.error(`event listener for ${event} failed:`, err);
      }
    }
    for (const listener of this.anyListeners) {
      try {
        listener(event, payload);
      } catch (err) {
        console.error(`event forwarder for ${event} failed:`, err);
      }
    }
  }
}
