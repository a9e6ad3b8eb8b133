// The template rule's findings (every recipient rendered) kept by the check service for the rows it
// keeps (template-findings-cache.ts): the approval request's report inside its transaction renders
// nothing again over the rows the check screen rendered, nor the start-of-send check's over the
// frozen rows; a change of the template renders again. Every report equals one computed on a
// second connection with nothing kept. Arrays not frozen all the way down are never kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { createCheckService } from '../../../electron/services/checks';
import { createTemplateFindingsCache } from '../../../electron/services/checks/template-findings-cache';
import type { CheckInput, CheckRecipient } from '../../../shared/guards';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

const rendered = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../shared/guards/template', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../shared/guards/template')>();
  return {
    ...original,
    templateRule: (...args: Parameters<typeof original.templateRule>) => {
      rendered.count++;
      return original.templateRule(...args);
    },
  };
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = ['会員番号,氏名,メールアドレス,部屋', '1001,青木 一郎,aoki@a.example,101', '1002,井上 花子,inoue@b.example,', '1003,江藤 さくら,eto@c.example,301'].join('\n');

describe('the template findings kept for kept rows', () => {
  it('are not rendered again by the request, approve or the start-of-send check, and are rendered again for a new template', async () => {
    const app = createTestApp(cleanups);
    const { call, fail } = app;
    const { profile, a, b } = await setUpOffice(app);
    const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
    const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
    const campaignId = draft.id;
    await call('campaigns:update', { actorId: a.id, id: campaignId, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様' });
    const sv = app.core.context.services();
    // The report on a second connection (its own renders are not counted).
    const fresh = () => {
      const other = openDatabase(sv.db.name);
      const counted = rendered.count;
      try {
        return createCheckService({ db: other }).checkCampaign(campaignId);
      } finally {
        rendered.count = counted;
        other.close();
      }
    };
    expect(await call('checks:run', { campaignId })).toEqual(fresh()); // the check screen
    const before = rendered.count;
    const summary = await call('approval:request', { actorId: a.id, campaignId, pin: OFFICE_USERS.a.pin });
    expect(summary.report).toEqual(fresh());
    await call('approval:approve', { campaignId, approverId: b.id, pin: OFFICE_USERS.b.pin });
    sv.approvals.assertApproved(campaignId, { unexpired: true });
    expect(await call('checks:run', { campaignId })).toEqual(fresh());
    expect(rendered.count - before).toBe(0);

    // A template naming 部屋, which 井上 lacks: rendered again, and the request is refused.
    await call('campaigns:update', { actorId: a.id, id: campaignId, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{部屋}}号室' });
    const edited = await call('checks:run', { campaignId });
    expect(rendered.count - before).toBe(1);
    expect(edited).toEqual(fresh());
    expect(edited.items.find((i) => i.code === 'template-missing-field')?.members).toHaveLength(1);
    expect(await fail('approval:request', { actorId: a.id, campaignId, pin: OFFICE_USERS.a.pin })).toMatchObject({ code: 'approval-blocked' });
  });

  it('keeps nothing for rows that can still change', () => {
    const cache = createTemplateFindingsCache();
    const input = (recipients: readonly CheckRecipient[]): CheckInput => ({
      template: { subject: 'お知らせ', body: '{{部屋}}号室' },
      columns: ['部屋'],
      recipients,
      attachments: [],
      profile: null,
      policy: {},
    });
    const missing = (rs: readonly CheckRecipient[]) => cache.findingsFor(input(rs)).filter((i) => i.code === 'template-missing-field').flatMap((i) => i.members ?? []);
    // The array and its rows frozen, but a row's fields not: a filled field shows.
    const fields: Record<string, string> = {};
    const rows = Object.freeze([Object.freeze({ id: 1, email: 'a@a.example', name: 'a', fields })]);
    expect(missing(rows)).toEqual([1]);
    fields['部屋'] = '101';
    expect(missing(rows)).toEqual([]);
    // An array not frozen: a row put in its place shows.
    const open: CheckRecipient[] = [{ id: 2, email: 'b@b.example', name: 'b', fields: Object.freeze({ 部屋: '102' }) }];
    expect(missing(open)).toEqual([]);
    open[0] = { id: 3, email: 'c@c.example', name: 'c', fields: Object.freeze({}) };
    expect(missing(open)).toEqual([3]);
    // Frozen all the way down: the same array is rendered once per template.
    const sealed = Object.freeze([Object.freeze({ id: 4, email: 'd@d.example', name: 'd', fields: Object.freeze({}) })]);
    expect(cache.findingsFor(input(sealed))).toBe(cache.findingsFor(input(sealed)));
  });
});
