// Practice mode cannot send anywhere but its own outbox: the pure check, and the real send path.
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { assertPracticeTarget, PRACTICE_HOST } from '../../../shared/practice';
import { AppError } from '../../../shared/errors';
import { manualClock } from '../../../electron/services/clock';
import { createTransportFactory } from '../../../electron/app/transports';
import { openPracticeWorkspace } from '../../../electron/services/practice/practice-mode';
import type { SmtpProfile } from '../../../shared/smtp-profile';
import { getProfileRow } from '../../../electron/db/repos/profiles-repo';
import { newMessageId } from '../../../electron/smtp/mail-transport';
import { tempDir } from '../../helpers/tmp';

const outbox = { host: PRACTICE_HOST, port: 40125 };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function refused(target: { host: string; port: number }, box = outbox): boolean {
  try {
    assertPracticeTarget(target, box);
    return false;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('practice-only');
    return true;
  }
}

describe('assertPracticeTarget', () => {
  it('accepts exactly the outbox host and port', () => {
    expect(refused({ host: '127.0.0.1', port: 40125 })).toBe(false);
  });

  it('refuses real mail servers, other loopback spellings and other ports', () => {
    for (const host of ['smtp.gmail.com', 'smtp.sakura-heights.example', 'localhost', '::1', '[::1]', '127.0.0.2', '0.0.0.0', '', '127.0.0.1.nip.io']) {
      expect(refused({ host, port: 40125 }), host).toBe(true);
    }
    for (const port of [25, 465, 587, 40124, 40126, 0, -1, 40125.5, Number.NaN]) {
      expect(refused({ host: '127.0.0.1', port }), String(port)).toBe(true);
    }
  });

  it('refuses when the "outbox" itself is not on 127.0.0.1', () => {
    expect(refused({ host: 'smtp.example', port: 25 }, { host: 'smtp.example', port: 25 })).toBe(true);
  });

  it('refuses every other host and port (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 65535 }), (host, port) => {
        fc.pre(!(host.trim() === '127.0.0.1' && port === outbox.port));
        return refused({ host, port });
      }),
    );
  });
});

describe("the app's transport factory in practice mode", () => {
  it('never opens a transport for another host or port', async () => {
    const made: string[] = [];
    const transportFor = createTransportFactory({
      password: async () => null,
      practiceOutbox: outbox,
      create: (p) => {
        made.push(`${p.host}:${p.port}`);
        return { send: async () => ({ messageId: '<m@x>', response: '250 OK' }), close: () => undefined };
      },
    });
    const base = { id: 1, host: '127.0.0.1', port: outbox.port } as SmtpProfile;
    expect(() => transportFor({ ...base, host: 'smtp.gmail.com', port: 587 })).toThrow(AppError);
    expect(() => transportFor({ ...base, port: 2525 })).toThrow(AppError);
    expect(made).toEqual([]);
    await transportFor(base).send({ from: 'a@example.jp', to: 'b@example.jp' }, {} as never);
    expect(made).toEqual([`127.0.0.1:${outbox.port}`]);
  });
});

describe('practice workspace sending', () => {
  it('lets the practice profile reach the outbox and refuses it once pointed elsewhere', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const ws = await openPracticeWorkspace({ dataDir: t.dir, sampleDir: resolve('resources/sample'), clock: manualClock() });
    cleanups.push(() => ws.close());
    const profile = getProfileRow(ws.db, ws.seed.profileId)!;

    // The app's own transport factory, given the practice outbox as the app gives it.
    const transportFor = createTransportFactory({ password: async () => null, practiceOutbox: ws.outbox });
    const transport = transportFor(profile);
    cleanups.push(() => transport.close());
    const from = { address: profile.fromAddress, name: profile.fromName };
    const to = { address: 'aoki.ichiro@mail.example', name: '青木 一郎' };
    await transport.send(
      { from: from.address, to: to.address },
      { from, to, subject: '練習', text: '本文', messageId: newMessageId(from.address), date: new Date() },
    );
    const [got] = ws.outbox.list();
    expect(got!.envelope).toEqual({ from: 'jimukyoku@sakura-heights.example', to: ['aoki.ichiro@mail.example'] });

    // Someone edits the practice profile to a real server: the gate refuses before any connection.
    ws.db.prepare("UPDATE smtp_profiles SET host = 'smtp.gmail.com', port = 587 WHERE id = ?").run(profile.id);
    const edited = getProfileRow(ws.db, profile.id)!;
    expect(() => transportFor(edited)).toThrow(AppError);
    expect(() => transportFor({ ...profile, port: profile.port + 1 })).toThrow(/practice outbox/);
  });
});
