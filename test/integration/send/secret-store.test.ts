// A password the secret store cannot give (keychain locked) is the account's problem: the run
// pauses with a coded error saying so, every member stays queued with no attempt counted, and
// after the keychain is unlocked a resume sends them. Built through the app's transport factory.
import { afterEach, describe, expect, it } from 'vitest';
import { createTransportFactory } from '../../../electron/app/transports';
import type { SmtpProfile } from '../../../shared/smtp-profile';
import { countAttempted, countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { TransportError } from '../../../electron/smtp/mail-transport';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

describe('the SMTP password cannot be read (promise 5)', () => {
  it('pauses the run, leaves every member queued with no attempt, and sends after unlock + resume', async () => {
    h = await sendHarness({ members: 5, authUser: 'tayori', capture: { auth: { user: 'tayori', pass: 'correct horse' } } });
    const { svc, fx, db, smtp } = h;
    h.password = 'correct horse';
    h.secretStoreLocked = true;
    h.start();
    await svc.settled(fx.campaignId);

    const st = svc.status(fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.message).toMatch(/password could not be read/);
    expect(st.counts).toMatchObject({ queued: 5, failed: 0, in_flight: 0 });
    expect(listSends(db, fx.campaignId).map((r) => r.attempts)).toEqual([0, 0, 0, 0, 0]);
    expect(countAttempted(db, fx.campaignId)).toBe(0);
    expect(smtp.transactions()).toBe(0);
    const paused = fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' });
    expect(paused).toHaveLength(1);
    expect(paused[0]!.details).toMatchObject({ code: st.error?.code, error: { reason: 'secret-unreadable' } });
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.member' })).toHaveLength(0);

    h.secretStoreLocked = false;
    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 5, queued: 0, failed: 0 });
    expect(smtp.messages.every((m) => m.authUser === 'tayori')).toBe(true);
  });

  it('the factory does not keep a failed read: the same transport reads the password again', async () => {
    let reads = 0;
    const opened: (string | null)[] = [];
    const factory = createTransportFactory({
      password: async () => {
        reads++;
        if (reads === 1) throw new Error('keychain locked');
        return 'secret';
      },
      create: (_p, password) => {
        opened.push(password);
        return { send: async (_e, m) => ({ messageId: m.messageId, response: '250 OK' }), close: () => undefined };
      },
    });
    const transport = factory({ id: 7 } as SmtpProfile);
    const message = { messageId: '<x@example.jp>' } as Parameters<typeof transport.send>[1];
    const first = await transport.send({ from: 'a@example.jp', to: 'b@example.jp' }, message).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(TransportError);
    expect(first).toMatchObject({ stage: 'connect' });
    await expect(transport.send({ from: 'a@example.jp', to: 'b@example.jp' }, message)).resolves.toMatchObject({ response: '250 OK' });
    expect(reads).toBe(2);
    expect(opened).toEqual(['secret']);
  });
});
