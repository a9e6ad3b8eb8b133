// The only renderer module that knows which host it runs in: Electron's preload (window.tayori)
// or the loopback browser host (HTTP + Server-Sent Events, authorised by a per-start token).
import type { ArgsOf, ChannelName, EventName, EventPayload, Result, ResultOf, TayoriApi } from '../../../shared/contract';
import { decodeWire, encodeWire } from '../../../shared/contract/wire';

declare global {
  interface Window {
    readonly tayori?: TayoriApi;
  }
}

function httpApi(): TayoriApi {
  const token = document.querySelector<HTMLMetaElement>('meta[name="tayori-token"]')?.content ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureEvents(): void {
    if (source) return;
    // EventSource cannot send headers, so the token goes in the query string (same origin only).
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m: MessageEvent<string>) => {
      const { event, payload } = decodeWire(m.data) as { event: string; payload: unknown };
      for (const l of listeners.get(event) ?? []) l(payload);
    };
  }

  return {
    async invoke<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<Result<ResultOf<K>>> {
      try {
        const res = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tayori-token': token },
          body: encodeWire(args ?? {}),
        });
        const text = await res.text();
        const body = text ? (decodeWire(text) as Result<ResultOf<K>> | null) : null;
        if (body && typeof body === 'object' && 'ok' in body) return body;
        return { ok: false, error: { code: 'internal', message: `The app did not answer (HTTP ${res.status}).` } };
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The app is not reachable. Is it still running?' } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      ensureEvents();
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}

export const api: TayoriApi = window.tayori ?? httpApi();
