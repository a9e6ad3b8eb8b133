// Typed publish/subscribe for contract events; the hosts forward what is published to the page
// (webContents.send in Electron, Server-Sent Events in the browser host).
import type { EventName, EventPayload } from '../../shared/contract';

type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(log: (message: string, error: unknown) => void = console.error): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const l of listeners) {
        // One broken subscriber (a closed window, a dropped SSE client) must not stop the others.
        try {
          l(event, payload);
        } catch (e) {
          log(`event listener failed for ${event}`, e);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
