// After a restart, a paused campaign says why: Tayori stopped while it was sending (members in
// flight are now 'unknown'), or its cancel window ran out while Tayori was closed (nothing was
// sent). The audit row and the send status carry the reason; the UI has words for each.
import { afterEach, describe, expect, it } from 'vitest';
import { setCampaignStatus } from '../../../electron/db/repos/campaigns-repo';
import { listSends, sendStatements } from '../../../electron/db/repos/sends-repo';
import { createSendService, type SendService } from '../../../electron/services/send/send-service';
import { RECOVERY_REASONS } from '../../../electron/services/send/recovery';
import { createTransportFactory } from '../../../electron/app/transports';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
let restarted: SendService | undefined;
afterEach(async () => {
  await restarted?.dispose();
  await h?.cleanup();
  h = undefined;
  restarted = undefined;
});

/** The send service Tayori builds at its next start, on the same database file. */
function restart(harness: Harness): SendService {
  restarted = createSendService({
    db: harness.db,
    clock: harness.clock,
    timers: harness.timers,
    approvals: harness.fx.approvals,
    audit: harness.fx.audit,
    transportFactory: createTransportFactory({ password: async () => null }),
  });
  return restarted;
}

describe('recovery after a restart says what happened', () => {
  it('the window ran out while Tayori was closed: nothing was sent, and it says so', async () => {
    h = await sendHarness({ members: 3 });
    h.timers.hold = true;
    h.svc.schedule(h.fx.campaignId, 'operator');
    await h.svc.dispose(); // Tayori is closed inside the window...
    h.clock.advance(60 * 60_000); // ...and opened an hour later.

    const svc = restart(h);
    const r = svc.recoverAfterCrash();
    expect(r.paused).toEqual([{ campaignId: h.fx.campaignId, reason: 'window-ran-out-while-closed', unknown: 0 }]);
    const st = svc.status(h.fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error).toMatchObject({ reason: 'window-ran-out-while-closed' });
    expect(st.error?.message).toMatch(/nothing was sent/);
    const audit = h.fx.audit.list({ campaignId: h.fx.campaignId, action: 'send.paused' });
    expect(audit.map((e) => e.details['reason'])).toEqual(['window-ran-out-while-closed']);
    expect(h.smtp.transactions()).toBe(0);
  });

  it('Tayori stopped mid-send: the in-flight member is unknown, and it says that instead', async () => {
    h = await sendHarness({ members: 3 });
    h.timers.hold = true;
    h.svc.schedule(h.fx.campaignId, 'operator');
    await h.svc.dispose();
    // The state a crash leaves mid-run: the campaign sending, one member committed in_flight.
    const [first] = listSends(h.db, h.fx.campaignId);
    setCampaignStatus(h.db, h.fx.campaignId, 'sending', h.clock.now());
    expect(sendStatements(h.db).markInFlight(first!.id, '<in-flight@chounaikai.example.jp>', h.clock.now())).toBe(true);

    const svc = restart(h);
    const r = svc.recoverAfterCrash();
    expect(r.paused).toEqual([{ campaignId: h.fx.campaignId, reason: 'stopped-while-sending', unknown: 1 }]);
    const st = svc.status(h.fx.campaignId);
    expect(st.error).toMatchObject({ reason: 'stopped-while-sending' });
    expect(st.error?.message).toMatch(/stopped while sending/);
    expect(st.counts).toMatchObject({ unknown: 1, queued: 2 });
    const audit = h.fx.audit.list({ campaignId: h.fx.campaignId, action: 'send.paused' });
    expect(audit.map((e) => e.details['reason'])).toEqual(['stopped-while-sending']);
  });

  it('each reason has words in Japanese and English', () => {
    for (const reason of RECOVERY_REASONS) {
      for (const words of [ja, en] as unknown as { send: Record<string, string> }[]) {
        expect(words.send[`recovery_${reason}`], reason).toMatch(/\S/);
      }
    }
  });
});
