// The recipient order of a draft's preview and send estimate (electron/db/recipient-order.ts) is
// kept under the members version: an edit of the notice through campaigns:update does not make it
// read the list again; a member's edit or an exclusion does, and the preview shows it at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../electron/db/repos/recipients-query', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/db/repos/recipients-query')>();
  return {
    ...original,
    recipientIdList: (...args: Parameters<typeof original.recipientIdList>) => {
      reads.count++;
      return original.recipientIdList(...args);
    },
  };
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = ['会員番号,氏名,メールアドレス', '1001,青木 一郎,aoki@a.example', '1002,井上 花子,inoue@b.example', '1003,江藤 さくら,eto@a.example'].join('\n');

describe('the recipient order across edits of the notice', () => {
  it('is kept through a template edit and read again after a member edit or an exclusion', async () => {
    const app = createTestApp(cleanups);
    const { call } = app;
    const { profile, a } = await setUpOffice(app);
    const { listId } = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
    const c = await call('campaigns:create', { actorId: a.id, listId, name: '総会', profileId: profile.id });
    await call('campaigns:update', { actorId: a.id, id: c.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様' });
    const first = await call('preview:render', { campaignId: c.id, position: 2 });
    expect(first.email).toBe('eto@a.example');

    const before = reads.count;
    await call('campaigns:update', { actorId: a.id, id: c.id, subjectTemplate: '{{氏名}} 様へ', bodyTemplate: '{{氏名}} 様、こんにちは' });
    const edited = await call('preview:render', { campaignId: c.id, position: 2 });
    expect(edited.ok && edited.message.subject).toBe('江藤 さくら 様へ');
    expect((await call('send:estimate', { campaignId: c.id })).count).toBe(3);
    expect(reads.count).toBe(before);

    await call('members:update', { actorId: a.id, memberId: first.memberId!, email: 'eto@c.example' });
    expect((await call('preview:render', { campaignId: c.id, position: 2 })).email).toBe('eto@c.example');
    expect(reads.count).toBeGreaterThan(before);

    const afterEdit = reads.count;
    await call('exclusions:add', { actorId: a.id, listId, memberId: first.memberId!, reason: null });
    expect((await call('send:estimate', { campaignId: c.id })).count).toBe(2);
    expect(reads.count).toBeGreaterThan(afterEdit);
  });
});
