// The ready notice for members on carrier phones: a draft on the same list and account, to
// exactly the notice's carrier members (a hand-picked selection), with the sender's domain.
import { afterEach, describe, expect, it } from 'vitest';
import { countRecipients } from '../../../electron/db/repos/recipients-query';
import { createCarrierNotice } from '../../../electron/services/campaigns/carrier-notice';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;

afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const member = (email: string, name: string) => ({ email, name, fields: { 氏名: name, 地区: '1', 会費: '1000', メール: email } });

describe('the carrier notice', () => {
  it('goes to exactly the carrier members of the notice, asking to allow the sender domain', async () => {
    h = await sendHarness({
      members: [member('taro..@docomo.ne.jp', '山田'), member('a@example.jp', '青木'), member('k@au.com', '加藤'), member('s@i.softbank.jp', '佐藤')],
    });
    const { db, fx } = h;
    const c = createCarrierNotice(db, fx.campaigns, fx.campaignId, null, 'operator');
    expect(c.status).toBe('draft');
    expect(c.listId).toBe(fx.listId);
    expect(c.profileId).toBe(fx.profileId);
    expect(c.selection).toEqual({ kind: 'picked', refs: ['e:taro..@docomo.ne.jp', 'e:k@au.com', 'e:s@i.softbank.jp'] });
    expect(countRecipients(db, c.listId, c.selection).count).toBe(3);
    expect(c.subjectTemplate).toBe('【桜町 町内会】メール受信設定のお願い');
    expect(c.bodyTemplate).toContain('受け取りを許可するドメイン: chounaikai.example.jp');
    expect(fx.audit.list({ campaignId: c.id, action: 'campaign.created' })).toHaveLength(1);
  });

  it('says so when no member uses a carrier address', async () => {
    h = await sendHarness({ members: [member('a@example.jp', '青木')] });
    expect(() => createCarrierNotice(h!.db, h!.fx.campaigns, h!.fx.campaignId, null, null)).toThrow(/No member of this notice/);
  });
});
