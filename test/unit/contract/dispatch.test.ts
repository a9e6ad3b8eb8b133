// The IPC wrapper: sender frame checked first, args validated by the contract, errors coded,
// and an unexpected error becomes 'internal' with no stack or message leaking to the page.
import { describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../electron/app/dispatch';
import { guardedInvoke } from '../../../electron/main/ipc';
import { isTrustedSender } from '../../../electron/main/sender-check';
import { AppError } from '../../../shared/errors';

const INDEX = 'file:///opt/Tayori/resources/app.asar/dist/renderer/index.html';
const mainFrame = { url: INDEX };

function setup() {
  const log = vi.fn();
  const seen: unknown[] = [];
  const dispatch = createDispatch(
    {
      'members:page': (args) => {
        seen.push(args);
        return { total: 0, totalExact: true, offset: args.offset, members: [] };
      },
      'lists:get': ({ id }) => {
        if (id === 7) throw new AppError('not-found', 'No such list', { id });
        throw new Error('SQLITE_CORRUPT at /home/someone/secret/path.db');
      },
    },
    log,
  );
  return { dispatch, log, seen, invoke: guardedInvoke(dispatch, { mainFrame: () => mainFrame, indexUrl: INDEX }) };
}

describe('sender check', () => {
  it('accepts only our main frame at our index.html', () => {
    expect(isTrustedSender(mainFrame, mainFrame, INDEX)).toBe(true);
    expect(isTrustedSender({ url: INDEX }, mainFrame, INDEX)).toBe(false); // an iframe with the same URL
    const navigated = { url: 'https://evil.example/' };
    expect(isTrustedSender(navigated, navigated, INDEX)).toBe(false);
    const otherFile = { url: 'file:///tmp/evil.html' };
    expect(isTrustedSender(otherFile, otherFile, INDEX)).toBe(false);
    expect(isTrustedSender(null, mainFrame, INDEX)).toBe(false);
  });
});

describe('guarded invoke', () => {
  it('refuses a wrong sender frame before parsing or calling anything', async () => {
    const { invoke, seen } = setup();
    const r = await invoke({ senderFrame: { url: INDEX } }, 'members:page', { listId: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(seen).toEqual([]);
  });

  it('parses args with the channel schema (defaults applied) and returns the value', async () => {
    const { invoke, seen } = setup();
    const r = await invoke({ senderFrame: mainFrame }, 'members:page', { listId: 1 });
    expect(r).toEqual({ ok: true, value: { total: 0, totalExact: true, offset: 0, members: [] } });
    expect(seen).toEqual([{ listId: 1, offset: 0, limit: 100 }]);
  });

  it('bad args are a validation error with the failing path', async () => {
    const { invoke, seen } = setup();
    const r = await invoke({ senderFrame: mainFrame }, 'members:page', { listId: 'one' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(JSON.stringify(r.error.details)).toContain('listId');
    expect(seen).toEqual([]);
  });

  it('a key the channel does not name is refused, not dropped while the rest goes ahead', async () => {
    const { invoke, seen } = setup();
    const r = await invoke({ senderFrame: mainFrame }, 'members:page', { listId: 1, status: 'sent' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(JSON.stringify(r.error.details)).toContain('status');
    expect(seen).toEqual([]);
  });

  it('an AppError keeps its code, message and details', async () => {
    const { invoke } = setup();
    expect(await invoke({ senderFrame: mainFrame }, 'lists:get', { id: 7 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such list', details: { id: 7 } },
    });
  });

  it('an unexpected error becomes internal, logged in main, with nothing of it sent', async () => {
    const { invoke, log } = setup();
    const r = await invoke({ senderFrame: mainFrame }, 'lists:get', { id: 8 });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toMatch(/SQLITE|secret|path\.db|at /);
    expect(log).toHaveBeenCalledOnce();
  });

  it('unknown channels and unbound channels are refused', async () => {
    const { invoke } = setup();
    expect(await invoke({ senderFrame: mainFrame }, 'fs:read', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await invoke({ senderFrame: mainFrame }, 'users:list', {})).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
