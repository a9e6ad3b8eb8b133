// Settings through the dispatch (what the Settings screen saves reaches the check report and new
// notices), practice mode reporting itself set up with its fictional PINs, practice data deletion,
// and members:page's totalExact once a search stops counting at its cap.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../../shared/guards';
import { readPolicy } from '../../../electron/services/checks';
import { PRACTICE_ORGANISATION_NAME, PRACTICE_PROFILE, PRACTICE_USERS } from '../../../electron/services/practice/practice-seed';
import { createTestApp } from '../../helpers/app-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = () => createTestApp(cleanups);

/** Two users, a profile and a list of `n` members whose addresses all contain "example". */
async function realWorkspace(call: ReturnType<typeof setup>['call'], n: number) {
  await call('settings:update', { actorId: null, organisationName: '桜町内会' });
  const user = await call('users:create', { name: '相川', pin: '4826' });
  const other = await call('users:create', { name: '別所', pin: '7391' });
  const profile = await call('profiles:create', {
    actorId: null,
    signers: [{ userId: user.id, pin: '4826' }, { userId: other.id, pin: '7391' }],
    profile: { name: 'p', host: '127.0.0.1', port: 2525, security: 'none', authUser: null, fromAddress: 'office@sakura.example', fromName: '', perMinute: null, perHour: null, maxConnections: 1 },
  });
  const rows = Array.from({ length: n }, (_, i) => `${i + 1},会員${i + 1},m${i + 1}@example.org`);
  const bytes = new TextEncoder().encode(`会員番号,氏名,メールアドレス\n${rows.join('\n')}\n`);
  const report = await call('import:run', { actorId: user.id, listName: '名簿', fileName: 'm.csv', bytes, keyColumn: '会員番号' });
  return { user, profile, listId: report.listId };
}

describe('settings', () => {
  it('starts from the defaults and stores every field the Settings screen edits', async () => {
    const { core, call } = setup();
    expect(await call('settings:get', {})).toEqual({
      organisationName: null,
      organisationAddress: null,
      organisationDomains: [],
      recipientsAreOrganisations: false,
      maxAttachmentBytes: DEFAULT_MAX_ATTACHMENT_BYTES,
      defaultCancelWindowS: 300,
      language: null,
      approvalValidHours: 24,
      quietHours: '21:00-08:00',
      lateLimitHours: 12,
    });
    const saved = await call('settings:update', {
      actorId: null,
      organisationName: ' 桜町内会 ',
      organisationAddress: 'office@sakura.example',
      organisationDomains: ['@Sakura.example', 'sakura.example', 'mail.sakura.example'],
      recipientsAreOrganisations: true,
      maxAttachmentBytes: 2 * 1024 * 1024,
      defaultCancelWindowS: 120,
      language: 'en',
      approvalValidHours: 48,
      quietHours: null,
      lateLimitHours: 6,
    });
    expect(saved).toEqual({
      organisationName: '桜町内会',
      organisationAddress: 'office@sakura.example',
      organisationDomains: ['sakura.example', 'mail.sakura.example'],
      recipientsAreOrganisations: true,
      maxAttachmentBytes: 2 * 1024 * 1024,
      defaultCancelWindowS: 120,
      language: 'en',
      approvalValidHours: 48,
      quietHours: null,
      lateLimitHours: 6,
    });
    expect(await call('settings:get', {})).toEqual(saved);
    // The check report reads the very same values.
    expect(readPolicy(core.context.services().db)).toEqual({
      organisationAddress: 'office@sakura.example',
      organisationDomains: ['sakura.example', 'mail.sakura.example'],
      recipientsAreOrganisations: true,
      maxAttachmentBytes: 2 * 1024 * 1024,
    });
    expect((await call('settings:update', { actorId: null, maxAttachmentBytes: null })).maxAttachmentBytes).toBe(DEFAULT_MAX_ATTACHMENT_BYTES);
  });

  it('refuses values outside the contract with the field named, and changes nothing', async () => {
    const { call, fail } = setup();
    const cases: [Record<string, unknown>, string][] = [
      [{ defaultCancelWindowS: 5 }, 'defaultCancelWindowS'],
      [{ defaultCancelWindowS: 10.5 }, 'defaultCancelWindowS'],
      [{ maxAttachmentBytes: 10 }, 'maxAttachmentBytes'],
      [{ organisationAddress: 'office at sakura' }, 'organisationAddress'],
      [{ organisationDomains: ['localhost'] }, 'organisationDomains'],
    ];
    for (const [patch, field] of cases) {
      const e = await fail('settings:update', { actorId: null, ...patch });
      expect(e.code).toBe('validation');
      const issues = (e.details as { issues: { path: string[] }[] }).issues;
      expect(issues.map((i) => i.path[0])).toContain(field);
    }
    const now = await call('settings:get', {});
    expect(now.defaultCancelWindowS).toBe(300);
    expect(now.organisationAddress).toBeNull();
  });

  it('gives new notices the default cancel window, and records only real changes in the audit log', async () => {
    const { call } = setup();
    const { user, listId } = await realWorkspace(call, 3);
    await call('settings:update', { actorId: user.id, defaultCancelWindowS: 45 });
    const draft = await call('campaigns:create', { actorId: user.id, listId, name: 'お知らせ' });
    expect(draft.cancelWindowS).toBe(45);
    // Changing the default later leaves existing notices as they are.
    await call('settings:update', { actorId: user.id, defaultCancelWindowS: 600 });
    expect((await call('campaigns:get', { id: draft.id })).cancelWindowS).toBe(45);
    await call('settings:update', { actorId: user.id, defaultCancelWindowS: 45 });
    await call('settings:update', { actorId: user.id, defaultCancelWindowS: 45, organisationName: '桜町内会' });
    const audit = await call('audit:list', { limit: 1000 });
    const updates = audit.filter((e) => e.action === 'settings.updated');
    expect(updates.map((e) => e.details)).toContainEqual({ changed: ['defaultCancelWindowS'] });
    expect(updates.every((e) => (e.details as { changed: string[] }).changed.length > 0)).toBe(true);
  });

  it('warns organisation-address-unset until the organisation address is set in Settings', async () => {
    const { call } = setup();
    const { user, profile, listId } = await realWorkspace(call, 3);
    const draft = await call('campaigns:create', { actorId: user.id, listId, name: 'お知らせ', profileId: profile.id });
    await call('campaigns:update', { actorId: user.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: 'こんにちは' });
    const codes = async () => (await call('checks:run', { campaignId: draft.id })).items.map((i) => i.code);
    expect(await codes()).toContain('organisation-address-unset');
    await call('settings:update', { actorId: user.id, organisationAddress: 'office@sakura.example' });
    expect(await codes()).not.toContain('organisation-address-unset');
  });
});

describe('practice mode', () => {
  it('is set up (name, sending address), shows its fictional PINs, has no address warning, and can be deleted', async () => {
    const { call, fail } = setup();
    expect((await call('practice:status', {})).users).toEqual([]);
    const info = await call('practice:enter', {});
    expect(info).toMatchObject({ workspace: 'practice', setupComplete: true });
    expect((await call('setup:status', {})).complete).toBe(true);
    expect(await call('settings:get', {})).toMatchObject({
      organisationName: PRACTICE_ORGANISATION_NAME,
      organisationAddress: PRACTICE_PROFILE.fromAddress,
    });
    const status = await call('practice:status', {});
    expect(status.users).toEqual(PRACTICE_USERS.map((u) => ({ name: u.name, pin: u.pin })));

    const [campaign] = await call('campaigns:list', {});
    const report = await call('checks:run', { campaignId: campaign!.id });
    expect(report.items.map((i) => i.code)).not.toContain('organisation-address-unset');

    // A practice edit of the settings survives leaving and coming back (seeded once only).
    await call('settings:update', { actorId: null, organisationName: '練習の会' });
    await call('practice:leave', {});
    expect((await call('practice:status', {})).users).toEqual([]);
    expect((await call('app:info', {})).setupComplete).toBe(false);
    await call('practice:enter', {});
    expect((await call('settings:get', {})).organisationName).toBe('練習の会');

    expect((await fail('practice:delete', {})).code).toBe('conflict');
    await call('practice:leave', {});
    expect(await call('practice:delete', {})).toMatchObject({ active: false, hasData: false, users: [] });
    // Deleted means gone: entering again starts from the seed.
    await call('practice:enter', {});
    expect((await call('settings:get', {})).organisationName).toBe(PRACTICE_ORGANISATION_NAME);
  });
});

describe('members:page', () => {
  it('says whether a search total is exact: a lower bound once counting stops at 10,000', async () => {
    const { call } = setup();
    const { listId } = await realWorkspace(call, 10_005);
    const all = await call('members:page', { listId, limit: 10 });
    expect(all).toMatchObject({ total: 10_005, totalExact: true });
    const broad = await call('members:page', { listId, limit: 10, query: 'example' });
    expect(broad).toMatchObject({ total: 10_000, totalExact: false });
    expect(broad.members).toHaveLength(10);
    const narrow = await call('members:page', { listId, limit: 10, query: 'm1000' });
    // m1000, m10000..m10005
    expect(narrow).toMatchObject({ total: 7, totalExact: true });
  });
});
