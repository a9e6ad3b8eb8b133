// The approval's gate asks the check service for the report it keeps (check-service.ts): the
// approver's PIN check reuses the report the approval screen computed while nothing was written
// since; a write in between computes it afresh (and the changed notice is refused as before). A
// report computed inside the request's transaction is kept only once that transaction committed
// (the summary the request answers with reuses it), never from a request that was rolled back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

const computed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../electron/services/checks/check-input', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/services/checks/check-input')>();
  return {
    ...original,
    readCheckInput: (...args: Parameters<typeof original.readCheckInput>) => {
      computed.count++;
      return original.readCheckInput(...args);
    },
  };
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = ['会員番号,氏名,メールアドレス', '1001,青木 一郎,aoki@a.example', '1002,井上 花子,inoue@b.example'].join('\n');

async function requested() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const { profile, a, b } = await setUpOffice(app);
  const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
  await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様' });
  const before = computed.count;
  // The request computes the report inside its transaction after the freeze; once committed it is
  // kept, and the summary it answers with reuses it.
  const summary = await call('approval:request', { actorId: a.id, campaignId: draft.id, pin: OFFICE_USERS.a.pin });
  expect(computed.count - before).toBe(1);
  expect(summary.report).toEqual(app.core.context.services().checks.checkCampaign(draft.id));
  return { ...app, a, b, campaignId: draft.id, listId: imported.listId, summary };
}

describe('the approval gate and the kept check report', () => {
  it('approves with the report the approval screen computed when nothing was written since', async () => {
    const { call, b, campaignId, summary } = await requested();
    const before = computed.count;
    expect(await call('approval:summary', { campaignId })).toEqual(summary);
    const approval = await call('approval:approve', { campaignId, approverId: b.id, pin: OFFICE_USERS.b.pin });
    expect(approval.approverId).toBe(b.id);
    expect(computed.count - before).toBe(0);
  });

  it('keeps nothing from a request that was rolled back', async () => {
    const app = createTestApp(cleanups);
    const { call, fail } = app;
    const { profile, a } = await setUpOffice(app);
    // Two members at one address with different names: a blocking finding, found after the freeze.
    const csv = [...CSV.split('\n'), '1003,井上 次郎,inoue@b.example'].join('\n');
    const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(csv), keyColumn: '会員番号' });
    const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
    await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様' });
    const services = app.core.context.services();
    const before = computed.count;
    expect(await fail('approval:request', { actorId: a.id, campaignId: draft.id, pin: OFFICE_USERS.a.pin })).toMatchObject({ code: 'approval-blocked' });
    expect(computed.count - before).toBe(1);
    // The report of the rolled-back snapshot is not kept, even when asked for by its own object.
    const inside = services.checks.latestReport(draft.id);
    expect(services.checks.keepCommitted(draft.id, inside)).toBe(false);
    expect(await call('checks:run', { campaignId: draft.id })).toEqual(services.checks.checkCampaign(draft.id));
  });

  it('computes afresh after a write, and refuses the changed notice', async () => {
    const { call, fail, a, b, campaignId, listId } = await requested();
    const before = computed.count;
    const member = await call('members:page', { listId, offset: 0, limit: 1 });
    await call('members:update', { actorId: a.id, memberId: member.members[0]!.id, email: 'aoki@b.example' });
    expect(await fail('approval:approve', { campaignId, approverId: b.id, pin: OFFICE_USERS.b.pin })).toMatchObject({ code: 'approval-void' });
    expect(computed.count - before).toBeGreaterThan(0);
  });
});
