// Replays each incident of DESIGN.md's table against the check service on a real database:
// each test is the scenario as it happened, and asserts the code that stops it (blocking:
// approval impossible) or the warning the approver must see.
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBlocking, type CheckInput, type CheckReport } from '../../../shared/guards';
import { createCheckService } from '../../../electron/services/checks';
import { tempDb } from '../../helpers/tmp';
import { cp932Csv, docx, forwardedEml, pdf, xlsx, zipOf } from './attachment-fixtures';
import { seedCampaign, type Seed, type SeedMember } from './seed';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function check(seed: Seed): CheckReport {
  const t = tempDb();
  cleanup = t.cleanup;
  const { campaignId } = seedCampaign(t.db, { settings: { organisationAddress: 'info@tayori-town.jp' }, ...seed });
  return createCheckService({ db: t.db }).checkCampaign(campaignId);
}

const find = (r: CheckReport, code: string) => r.items.find((i) => i.code === code);
const people = (n: number, domain = 'example.jp'): SeedMember[] =>
  Array.from({ length: n }, (_, i) => ({ email: `member${String(i + 1).padStart(4, '0')}@${domain}`, name: `会員 ${i + 1}` }));

/** Promise 1 at the data level: a recipient is one address; there is nowhere to put a CC list. */
function expectOneAddressPerRecipient(r: CheckReport): void {
  for (const s of r.sample) expect(s.email).toMatch(/^[^@,;\s]+@[^@,;\s]+$/);
  for (const s of r.sample) expect(Object.keys(s).sort()).toEqual(['email', 'greeting', 'id', 'name']);
  // @ts-expect-error CheckInput has no cc: a second recipient per message cannot be expressed.
  const withCc = { cc: ['x@y.jp'] } satisfies Partial<CheckInput>;
  // @ts-expect-error nor bcc.
  const withBcc = { bcc: ['x@y.jp'] } satisfies Partial<CheckInput>;
  expect([withCc, withBcc]).toHaveLength(2);
}

describe('incident replays', () => {
  it('Digital Agency 2021-11: ≈400 press addresses typed into CC instead of BCC', () => {
    // The list is 400 rows, one member each; a row holding a pasted CC line is refused.
    const press = people(400, 'press.example.jp');
    press[17] = { email: 'desk@a-news.example.jp, desk@b-news.example.jp', name: '記者クラブ' };
    const r = check({ members: press });
    expect(r.counts.members).toBe(400);
    expect(find(r, 'invalid-address')!.members).toEqual([18]);
    expect(hasBlocking(r)).toBe(true);
    expectOneAddressPerRecipient(r);
  });

  it('Kiyose City 2023-12: 944 members’ addresses put in To instead of BCC', () => {
    const members = people(944);
    members[500] = { email: 'member0501@example.jp;member0502@example.jp', name: '二人分' };
    const r = check({ members });
    expect(r.counts.members).toBe(944);
    expect(find(r, 'invalid-address')!.members).toEqual([501]);
    expectOneAddressPerRecipient(r);
  });

  it('Saga Pref. BoE 2024-02: resent from a private account, again in To', () => {
    const r = check({
      members: people(37, 'school.saga.example.jp'),
      fromAddress: 'teacher.private@gmail.com',
      settings: { organisationAddress: 'kyoiku@pref.saga.example.jp' },
    });
    expect(find(r, 'sender-not-organisation')!.severity).toBe('blocking');
    expect(hasBlocking(r)).toBe(true);
    expectOneAddressPerRecipient(r);
  });

  it("Toyota City 2024-08: a forwarded message with 12 residents' addresses attached to an event notice", () => {
    const residents = people(12, 'mail.toyota.example.jp');
    const eml = forwardedEml(residents.map((m) => m.email));
    const r = check({
      members: residents,
      attachments: {
        '夏祭りのお知らせ.eml': eml,
        'renamed.txt': eml,
        'archive.zip': zipOf({ 'inner.zip': zipOf({ 'fwd.eml': eml }) }),
        '名簿.csv': cp932Csv([['氏名', 'メール'], ...residents.slice(0, 3).map((m) => [m.name, m.email])]),
        'flyer.pdf': pdf([`Contact ${residents[4]!.email}`]),
        'program.docx': docx([`Ask ${residents[5]!.email}`]),
        'seats.xlsx': xlsx([residents[6]!.email]),
      },
    });
    const mailFiles = r.items.filter((i) => i.code === 'attachment-mail-file').map((i) => i.files![0]);
    expect(mailFiles).toEqual(['夏祭りのお知らせ.eml', 'renamed.txt']);
    expect(find(r, 'attachment-archive-contains-mail')!.files).toEqual(['archive.zip']);
    expect(hasBlocking(r)).toBe(true);
    const leaks = r.items.filter((i) => i.code === 'attachment-has-member-addresses');
    expect(leaks.map((i) => [i.files![0], i.params.count])).toEqual([
      ['夏祭りのお知らせ.eml', 12],
      ['renamed.txt', 12],
      ['archive.zip', 12],
      ['名簿.csv', 3],
      ['flyer.pdf', 1],
      ['program.docx', 1],
      ['seats.xlsx', 1],
    ]);
  });

  it('Halmek 2023-12: a list whose name column is shifted one row against the address column', () => {
    // Previous import: member i had name i. Now every name sits one row lower.
    const members: SeedMember[] = people(20).map((m, i) => ({ email: m.email, name: i === 0 ? '' : `会員 ${i}`, change: 'name-changed' }));
    const r = check({ members, template: { subject: 'ニュースレター', body: '{{name|会員}} 様\n今月の号です。' } });
    const shift = find(r, 'list-shift-suspected')!;
    expect(shift.severity).toBe('warning');
    expect(shift.params).toMatchObject({ moved: 20, total: 20 });
    // The sample shows what each address would be greeted with: the shifted name, for the eye.
    for (const s of r.sample) expect(s.greeting).toBe(`${s.name || '会員'} 様`);
  });

  it("OpenWork 2024-01: a template change would put user A's history into user B's mail", () => {
    // The changed template uses a field some rows lack: never filled from another row, never blank.
    const members: SeedMember[] = people(30).map((m, i) => ({ ...m, fields: i % 3 === 0 ? { history: '' } : { history: `応募履歴 ${i}` } }));
    const r = check({
      members,
      columns: ['email', 'name', 'history'],
      template: { subject: '{{name}} 様の履歴', body: '{{name}} 様\n{{history}}\n{{salary}}' },
    });
    expect(find(r, 'template-unknown-field')!.params.fields).toBe('salary');
    expect(find(r, 'template-missing-field')!.members).toHaveLength(10);
    expect(hasBlocking(r)).toBe(true);
  });

  it("MHLW 2023-09: a staff member's private address changed last week", () => {
    const staff: SeedMember[] = people(40, 'mhlw.example.go.jp');
    staff[12] = { email: 'kenji.private@gmail.com', name: '会員 13', change: 'email-changed' };
    const r = check({
      members: staff,
      fromAddress: 'info@mhlw.example.go.jp',
      settings: { organisationAddress: 'info@mhlw.example.go.jp', organisationDomains: 'mhlw.example.go.jp' },
    });
    expect(find(r, 'address-changed')!.members).toHaveLength(1);
    expect(find(r, 'external-among-internal')!.params.domains).toBe('gmail.com');
    expect(hasBlocking(r)).toBe(false);
  });

  it('Mie Pref. contractor 2025-08: a report forwarded to self at a mistyped address', () => {
    const staff: SeedMember[] = people(49, 'pref.mie.example.lg.jp');
    staff.push({ email: 'yamada.taro@pref.mie.example.lg.jq', name: '山田 太郎' });
    staff.push({ email: 'yamda.taro@pref.mie.example.lg.jp', name: '山田 太郎' });
    staff.push({ email: 'yamada.taro@pref.mie.example.lg.jp', name: '山田 太郎' });
    staff.push({ email: 'suzuki@docomo.ne.jo', name: '鈴木' });
    const r = check({
      members: staff,
      fromAddress: 'info@pref.mie.example.lg.jp',
      settings: { organisationAddress: 'info@pref.mie.example.lg.jp', organisationDomains: 'pref.mie.example.lg.jp' },
    });
    const typos = r.items.filter((i) => i.code === 'typo-domain').map((i) => [i.params.domain, i.params.suggestion]);
    expect(typos).toEqual([
      ['docomo.ne.jo', 'docomo.ne.jp'],
      ['pref.mie.example.lg.jq', 'pref.mie.example.lg.jp'],
    ]);
    // Member ids follow insertion order in the fresh database: 51 is yamda.taro, 52 yamada.taro.
    expect(find(r, 'lookalike-addresses')!.members).toEqual(expect.arrayContaining([51, 52]));
    expect(find(r, 'name-several-addresses')).toBeDefined();
  });

  it('(all of them) one tired person, no second look: nobody else to approve', () => {
    const r = check({ members: people(5), users: 1, earlierSendCount: 2, attachments: { 'note.txt': strToU8('hello') } });
    expect(find(r, 'no-approver')!.severity).toBe('blocking');
    expect(find(r, 'list-much-larger')!.params).toMatchObject({ count: 5, previous: 2 });
  });
});
