// The preload forwards exactly the contract's channels and events, and never hands the page the IPC event.
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, channels, events } from '../../../shared/contract';
import { createPreloadApi, PRELOAD_CHANNELS, PRELOAD_EVENTS, type IpcRendererLike } from '../../../electron/preload/api';

function fakeIpc() {
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args[0]]);
      return { ok: true, value: 'answer' };
    },
    on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
  };
  return { ipc, invoked, listeners };
}

describe('preload api', () => {
  it('whitelists exactly the contract channel and event names', () => {
    expect([...PRELOAD_CHANNELS].sort()).toEqual(Object.keys(channels).sort());
    expect([...PRELOAD_EVENTS].sort()).toEqual(Object.keys(events).sort());
    expect(CHANNEL_NAMES.length).toBeGreaterThan(40);
    expect(EVENT_NAMES).toContain('send:progress');
  });

  it('forwards a contract channel and refuses any other name without touching IPC', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createPreloadApi(ipc);
    expect(await api.invoke('lists:list', {})).toEqual({ ok: true, value: 'answer' });
    const refused = await api.invoke('shell:openExternal' as 'lists:list', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(invoked).toEqual([['lists:list', {}]]);
  });

  it('gives listeners the payload only and unsubscribes', () => {
    const { ipc, listeners } = fakeIpc();
    const api = createPreloadApi(ipc);
    const got: unknown[][] = [];
    const off = api.on('outbox:received', (...a: unknown[]) => got.push(a));
    const secretEvent = { sender: 'ipcRenderer-like object' };
    for (const l of listeners.get('outbox:received') ?? []) l(secretEvent, { id: 'm1' });
    expect(got).toEqual([[{ id: 'm1' }]]);
    off();
    expect(listeners.get('outbox:received')?.size).toBe(0);
    api.on('not:an-event' as 'outbox:received', () => undefined);
    expect(listeners.has('not:an-event')).toBe(false);
  });
});
