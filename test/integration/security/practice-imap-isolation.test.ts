// Practice mode cannot capture the real mailbox password. Found by the security probe: a practice
// IMAP account for practice profile 1 pointed at a server someone controls, then the office saved
// the real IMAP password for its own account 1 (the same secret name while practice shared the
// real secret store), and "test connection" in practice mode signed in there with the real
// password. Now practice secrets have their own namespace, and practice IMAP settings may only
// name this computer (practice has no real mailbox).
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { startSmtpCapture } from '../../helpers/smtp-capture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A minimal IMAP server that records every line it is sent (a LOGIN carries the password). */
async function imapTrap(): Promise<{ port: number; lines: string[]; close: () => Promise<void> }> {
  const lines: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.write('* OK [CAPABILITY IMAP4rev1] trap ready\r\n');
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        lines.push(line);
        const tag = line.split(' ')[0] ?? '*';
        if (/ CAPABILITY/i.test(line)) s.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (/ LOGIN /i.test(line)) s.write(`${tag} NO [AUTHENTICATIONFAILED] no\r\n`);
        else if (/ LOGOUT/i.test(line)) s.end(`* BYE\r\n${tag} OK bye\r\n`);
        else s.write(`${tag} OK done\r\n`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    lines,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

describe('practice IMAP settings never reach the real mailbox password', () => {
  it("never sends the real workspace's IMAP password to a server set up in practice mode", async () => {
    const trap = await imapTrap();
    cleanups.push(() => trap.close());
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    const { call, core } = createTestApp(cleanups);
    const practiceSigners = async () => {
      const users = await call('users:list', {});
      return [{ userId: users[0]!.id, pin: '1111' }, { userId: users[1]!.id, pin: '2222' }];
    };

    // The real organisation and its mail account (id 1), no IMAP side yet.
    const a = await call('users:create', { name: '相川', pin: '4826' });
    const b = await call('users:create', { name: '別所', pin: '7391' });
    const two = [{ userId: a.id, pin: '4826' }, { userId: b.id, pin: '7391' }];
    const real = await call('profiles:create', {
      actorId: a.id, signers: two,
      profile: { name: 'office', host: '127.0.0.1', port: smtp.port, security: 'none', authUser: 'office@sakura.example', password: 'smtp-pw', fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 },
    });

    // 1. Practice mode: an IMAP side for practice account 1 at the trap (on this computer, so allowed).
    await call('practice:enter', {});
    const [p] = await call('profiles:list', {});
    expect(p!.id).toBe(real.id);
    await call('imap:save', {
      actorId: null, profileId: p!.id, signers: await practiceSigners(),
      account: { host: '127.0.0.1', port: trap.port, security: 'none', authUser: 'office@sakura.example', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 14, password: 'anything' },
    });
    await call('practice:leave', {});

    // 2. The office, properly, with two PINs: the real IMAP password of its account 1.
    await call('imap:save', {
      actorId: a.id, profileId: real.id, signers: two,
      account: { host: '127.0.0.1', port: 1, security: 'none', authUser: 'office@sakura.example', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 14, password: 'REAL-IMAP-PASSWORD' },
    });

    // 3. Practice mode again, "test connection" (no PIN at all): the practice password, if any.
    await call('practice:enter', {});
    await core.dispatch('imap:test', { profileId: p!.id });
    await call('practice:leave', {});

    const sent = trap.lines.join('\n');
    expect(sent).toContain('anything');
    expect(sent).not.toContain('REAL-IMAP-PASSWORD');
  });

  it('refuses practice IMAP settings that name another server, in plain words', async () => {
    const { call, fail } = createTestApp(cleanups);
    await call('practice:enter', {});
    const users = await call('users:list', {});
    const [p] = await call('profiles:list', {});
    const error = await fail('imap:save', {
      actorId: null, profileId: p!.id, signers: [{ userId: users[0]!.id, pin: '1111' }, { userId: users[1]!.id, pin: '2222' }],
      account: { host: 'imap.attacker.example', port: 993, security: 'tls', authUser: 'office@sakura.example', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 14, password: 'anything' },
    });
    expect(error.code).toBe('practice-imap-local');
    expect(await call('imap:get', { profileId: p!.id })).toBeNull();
    await call('practice:leave', {});
  });
});
