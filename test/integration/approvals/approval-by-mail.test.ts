// Remote sign-off (issue 16) through the dispatch the UI uses, with the approval mail sent through
// the notice's account to a real SMTP server on 127.0.0.1: the mail reaches only the approver's
// registered address and says what is approved; the code approves exactly that digest once; a
// code for another digest or approver, an expired, used or voided code is refused; wrong codes
// lock like wrong PINs; and the code is nowhere the page or the audit log can see.
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A_PIN = OFFICE_USERS.a.pin;
const B_PIN = OFFICE_USERS.b.pin;
const C_PIN = '5173';
const CHAIR = 'chair@home.example';
const VICE = 'vice@home.example';
const DAY = 24 * 60 * 60 * 1000;

async function organisation() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const smtp: SmtpCapture = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  const { profile, a, b } = await setUpOffice(app, { port: smtp.port }, 'さくらハイツ管理組合');
  const two = [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }];
  const c = await call('users:create', { name: '千葉', pin: C_PIN, signers: two });
  const csv = new TextEncoder().encode('会員番号,氏名,メールアドレス,棟\n1,青木,aoki@a.example,A\n2,石川,ishikawa@b.example,A\n3,上田,ueda@a.example,A\n4,江藤,eto@c.example,B\n');
  const list = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: list.listId, name: '総会のお知らせ', profileId: profile.id });
  const campaign = await call('campaigns:update', {
    actorId: a.id,
    id: draft.id,
    subjectTemplate: '{{氏名}} 様 総会のお知らせ',
    bodyTemplate: '{{氏名}} 様\n総会は5月1日です（会員番号 {{会員番号}}）。',
    cancelWindowS: 300,
    selection: { kind: 'conditions', match: 'all', conditions: [{ column: '棟', op: 'equals', values: ['A'] }] },
  });
  await call('attachments:add', { actorId: a.id, campaignId: campaign.id, fileName: '議案書.txt', bytes: new TextEncoder().encode('第1号議案 予算') });
  await call('approval-addresses:set', { userId: b.id, address: CHAIR, signers: two });
  await call('approval-addresses:set', { userId: c.id, address: VICE, signers: two });
  await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A_PIN });
  return { ...app, smtp, a, b, c, two, profile, campaign, listId: list.listId };
}

/** The 8-digit code as the mail shows it ("1234 5678"), as typed back: the same digits. */
function codeIn(mail: ParsedMail): string {
  const m = /承認コード: (\d{4}) (\d{4})/.exec(mail.text ?? '');
  if (!m) throw new Error(`no code in: ${mail.text}`);
  return `${m[1]}${m[2]}`;
}

async function lastMail(smtp: SmtpCapture, count: number): Promise<{ mail: ParsedMail; rcptTo: readonly string[]; mailFrom: string }> {
  await smtp.waitFor(count);
  const m = smtp.messages[count - 1]!;
  return { mail: await smtp.parse(m), rcptTo: m.rcptTo, mailFrom: m.mailFrom };
}

describe('approval address', () => {
  it('takes two different users\' PINs to set or change, and is audited with both names', async () => {
    const { call, fail, core, a, b, two } = await organisation();
    expect((await fail('approval-addresses:set', { userId: b.id, address: 'me@evil.example', signers: [{ userId: b.id, pin: B_PIN }, { userId: b.id, pin: B_PIN }] })).code).toBe('two-people-required');
    expect((await fail('approval-addresses:set', { userId: b.id, address: 'me@evil.example', signers: [two[0], { userId: b.id, pin: '0000' }] })).code).toBe('pin-wrong');
    expect((await fail('approval-addresses:set', { userId: b.id, address: 'not an address', signers: two })).code).toBe('validation');
    const list = await call('approval-addresses:list', {});
    expect(list.map((x) => [x.userName, x.address])).toEqual([['別所', CHAIR], ['千葉', VICE]]);
    await call('approval-addresses:set', { userId: b.id, address: 'Chair2@Home.Example', signers: two });
    const row = core.context.services().audit.list({ action: 'approval-address.set' }).at(-1)!;
    expect(row.actor).toBe('相川 + 別所');
    expect(row.details).toMatchObject({ userId: b.id, from: CHAIR, to: 'Chair2@home.example', signedBy: [{ userId: a.id }, { userId: b.id }] });
  });
});

describe('asking for approval by mail', () => {
  it('mails only the approver\'s registered address, with what is approved, and counts no delivery', async () => {
    const { call, core, smtp, a, b, campaign } = await organisation();
    const sent = await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    expect(sent).toMatchObject({ approverId: b.id, approverName: '別所', address: CHAIR });
    const { mail, rcptTo, mailFrom } = await lastMail(smtp, 1);
    expect(smtp.messages).toHaveLength(1);
    expect(rcptTo).toEqual([CHAIR]);
    expect(mailFrom).toBe('office@sakura.example');
    expect(mail.to).toMatchObject({ value: [{ address: CHAIR }] });
    expect(mail.cc).toBeUndefined();
    expect(mail.subject).toBe('【承認のお願い】総会のお知らせ');
    const text = mail.text ?? '';
    for (const said of [
      '別所 様',
      '相川 さんから',
      '配信の名前: 総会のお知らせ',
      '名簿: 会員',
      '送信先: 「棟」が「A」の会員 3 人',
      '送信する人数: 3 人',
      'a.example: 2',
      'b.example: 1',
      '議案書.txt (',
      '取り消しの猶予: 送信開始の前に 5 分',
      '見本 1: 青木 <aoki@a.example>',
      '見本 3: 上田 <ueda@a.example>',
      '青木 様 総会のお知らせ',
      '総会は5月1日です（会員番号 3）。',
      '送信サーバー: 127.0.0.1',
    ]) {
      expect(text).toContain(said);
    }
    expect(text).not.toContain('eto@c.example');
    expect(codeIn(mail)).toMatch(/^\d{8}$/);
    // Not a delivery: the campaign has no send rows, and nothing went to any member.
    expect((core.context.services().db.prepare('SELECT count(*) AS n FROM sends').get() as { n: number }).n).toBe(0);
    expect(smtp.messages.flatMap((m) => m.rcptTo)).toEqual([CHAIR]);
    const audit = core.context.services().audit.list({ campaignId: campaign.id, action: 'approval.code-sent' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ approverId: b.id, address: CHAIR });
  });

  it('writes the warnings of the check report in full', async () => {
    const { call, core, smtp, a, b, campaign } = await organisation();
    const warnings = core.context.services().checks.checkCampaign(campaign.id).items.filter((i) => i.severity === 'warning');
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const { mail } = await lastMail(smtp, 1);
    if (warnings.length === 0) expect(mail.text).toContain('チェック結果の注意: ありません');
    for (const w of warnings) expect(mail.text).toContain(w.message.ja);
  });

  it('refuses a member address, an approver without an address, the requester, and a wrong asker PIN; nothing is sent', async () => {
    const { call, fail, smtp, a, b, c, two, campaign } = await organisation();
    await call('approval-addresses:set', { userId: b.id, address: 'Ueda@A.example', signers: [two[0]!, { userId: c.id, pin: C_PIN }] });
    expect((await fail('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN })).code).toBe('approval-address-member');
    await call('approval-addresses:set', { userId: b.id, address: null, signers: [two[0]!, { userId: c.id, pin: C_PIN }] });
    expect((await fail('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN })).code).toBe('approval-address-missing');
    expect((await fail('approval-mail:ask', { actorId: c.id, campaignId: campaign.id, approverId: a.id, pin: C_PIN })).code).toBe('approval-same-user');
    expect((await fail('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: c.id, pin: '0000' })).code).toBe('pin-wrong');
    expect(smtp.transactions()).toBe(0);
  });
});

describe('a stale request', () => {
  it('is not described in a mail: a member changed after the request voids it, and nothing is sent', async () => {
    const { call, fail, core, smtp, a, b, campaign } = await organisation();
    // As a re-import would: the list changed under the frozen recipients.
    core.context.services().db.prepare("UPDATE members SET email = 'aoki2@a.example' WHERE email = 'aoki@a.example'").run();
    expect((await fail('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN })).code).toBe('approval-void');
    expect(smtp.transactions()).toBe(0);
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('draft');
  });
});

describe('entering the approval code', () => {
  it('approves exactly that digest once, and the screen and audit log say it was a code mailed to which address', async () => {
    const { call, fail, core, smtp, a, b, campaign } = await organisation();
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const code = codeIn((await lastMail(smtp, 1)).mail);
    const pending = await call('approval-mail:pending', { campaignId: campaign.id });
    expect(pending.map((p) => p.address)).toEqual([CHAIR]);
    // Typed with a full-width IME and a space, as read out over the phone.
    const typed = `${code.slice(0, 4)} ${code.slice(4)}`.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const approval = await call('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: typed });
    expect(approval).toMatchObject({ approverId: b.id, requestedBy: a.id, method: 'mail-code', codeAddress: CHAIR, voidedAt: null });
    const shown = await call('campaigns:get', { id: campaign.id });
    expect(shown.status).toBe('approved');
    expect(shown.approval).toMatchObject({ method: 'mail-code', codeAddress: CHAIR, digest: shown.digest });
    const given = core.context.services().audit.list({ campaignId: campaign.id, action: 'approval.given' });
    expect(given).toHaveLength(1);
    expect(given[0]!.actor).toBe('別所');
    expect(given[0]!.details).toMatchObject({ method: 'mail-code', codeAddress: CHAIR, enteredBy: '相川', digest: shown.digest });
    // Single use.
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code })).code).toBe('approval-code-used');
    expect(await call('approval-mail:pending', { campaignId: campaign.id })).toEqual([]);

    // The code is nowhere the page or the record can see: not in any DTO, audit row, export or table.
    const seen = JSON.stringify([
      pending,
      approval,
      shown,
      await call('approval:summary', { campaignId: campaign.id }),
      await call('audit:list', { campaignId: campaign.id, limit: 1000 }),
      await call('audit:export', { actorId: a.id }),
      core.context.services().db.prepare('SELECT * FROM approval_codes').all(),
      core.context.services().db.prepare('SELECT * FROM settings').all(),
    ]);
    expect(seen).not.toContain(code);
    expect(seen).not.toContain(`${code.slice(0, 4)} ${code.slice(4)}`);
  });

  it('refuses a code mailed to another approver, or for another notice\'s digest', async () => {
    const { call, fail, smtp, a, b, c, campaign, listId, profile } = await organisation();
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: c.id, pin: A_PIN });
    const forB = codeIn((await lastMail(smtp, 1)).mail);
    const forC = codeIn((await lastMail(smtp, 2)).mail);
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([[CHAIR], [VICE]]);
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: c.id, code: forB })).code).toBe('approval-code-wrong');
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: forC })).code).toBe('approval-code-wrong');

    // A second notice, its own request and code for B: the first notice's code does not fit it.
    const other = await call('campaigns:create', { actorId: a.id, listId, name: '清掃のお知らせ', profileId: profile.id });
    await call('campaigns:update', { actorId: a.id, id: other.id, subjectTemplate: '{{氏名}} 様 清掃', bodyTemplate: '{{氏名}} 様 清掃は6月です。' });
    await call('approval:request', { actorId: a.id, campaignId: other.id, pin: A_PIN });
    await call('approval-mail:ask', { actorId: a.id, campaignId: other.id, approverId: b.id, pin: A_PIN });
    const forOther = codeIn((await lastMail(smtp, 3)).mail);
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: other.id, approverId: b.id, code: forB })).code).toBe('approval-code-wrong');
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: forOther })).code).toBe('approval-code-wrong');
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('pending_approval');
    // Each code still works where it belongs (four wrong tries so far: below the lock).
    expect((await call('approval-mail:enter', { actorId: a.id, campaignId: other.id, approverId: b.id, code: forOther })).method).toBe('mail-code');
    expect((await call('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: c.id, code: forC })).approverId).toBe(c.id);
  });

  it('refuses an expired code, and a newer mail voids the earlier code', async () => {
    const { call, fail, clock, smtp, a, b, campaign } = await organisation();
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const first = codeIn((await lastMail(smtp, 1)).mail);
    clock.advance(DAY);
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: first })).code).toBe('approval-code-expired');
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const second = codeIn((await lastMail(smtp, 2)).mail);
    expect(second).not.toBe(first);
    // Only the newest code mailed to an approver counts: the earlier one is now a wrong code.
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: first })).code).toBe('approval-code-wrong');
    clock.advance(DAY - 1);
    expect((await call('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: second })).method).toBe('mail-code');
  });

  it('five wrong codes lock the approver like five wrong PINs: the right code and the PIN are then refused', async () => {
    const { call, fail, core, smtp, a, b, campaign } = await organisation();
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const code = codeIn((await lastMail(smtp, 1)).mail);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    for (let i = 4; i >= 1; i--) {
      const e = await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: wrong });
      expect(e).toMatchObject({ code: 'approval-code-wrong', details: { remaining: i } });
    }
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code: wrong })).code).toBe('pin-locked');
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code })).code).toBe('pin-locked');
    expect((await fail('approval:approve', { campaignId: campaign.id, approverId: b.id, pin: B_PIN })).code).toBe('pin-locked');
    const audit = core.context.services().audit;
    expect(audit.list({ action: 'approval-code.failed' })).toHaveLength(5);
    expect(audit.list({ action: 'pin.locked' })).toHaveLength(1);
    expect((await call('users:list', {})).find((u) => u.id === b.id)!.locked).toBe(true);
  });

  it('any change to the notice after the mail voids the code, even when the notice is asked again unchanged', async () => {
    const { call, fail, smtp, a, b, campaign } = await organisation();
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const code = codeIn((await lastMail(smtp, 1)).mail);
    await call('campaigns:update', { actorId: a.id, id: campaign.id, subjectTemplate: '{{氏名}} 様 総会のお知らせ（訂正）' });
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code })).code).toBe('approval-void');
    // Back to the words that were mailed and asked again: the same digest, but the old code stays void.
    await call('campaigns:update', { actorId: a.id, id: campaign.id, subjectTemplate: '{{氏名}} 様 総会のお知らせ' });
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A_PIN });
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code })).code).toBe('approval-void');
    expect(await call('approval-mail:pending', { campaignId: campaign.id })).toEqual([]);
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('pending_approval');
  });

  it('changing the approver\'s address voids a code already mailed to the old one', async () => {
    const { call, fail, smtp, a, b, two, campaign } = await organisation();
    await call('approval-mail:ask', { actorId: a.id, campaignId: campaign.id, approverId: b.id, pin: A_PIN });
    const code = codeIn((await lastMail(smtp, 1)).mail);
    await call('approval-addresses:set', { userId: b.id, address: 'chair-new@home.example', signers: two });
    expect((await fail('approval-mail:enter', { actorId: a.id, campaignId: campaign.id, approverId: b.id, code })).code).toBe('approval-void');
  });

  it('an approval given with a PIN at the desk says so', async () => {
    const { call, a, b, campaign } = await organisation();
    void a;
    const approval = await call('approval:approve', { campaignId: campaign.id, approverId: b.id, pin: B_PIN });
    expect(approval).toMatchObject({ method: 'pin', codeAddress: null });
  });
});
