// Probe (round 4, item 6): the check report's draft recipients and the preview's recipient order
// are kept under the "members version" (content-version.ts), which campaigns:update leaves alone.
// As an attacker: after each write through the UI's dispatch that changes what members receive —
// a member's cell that a condition selection reads, an exclusion removed, a suppression removed,
// a shared-address rule, a selection switched away and back around a member edit (twice: all,
// picked), a re-import that only changes a cell, its undo, an attachment, a notice edit that
// voids a pending approval — the report (checks:run) and every preview (preview:render by
// position) must equal what a fresh app core on the same data folder computes (nothing kept).
import { dirname, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/app/app-core';
import { manualClock } from '../../../electron/services/clock';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = ['会員番号,氏名,メールアドレス,棟', '1001,青木 一郎,aoki@a.example,A', '1002,井上 花子,inoue@b.example,A', '1003,江藤 さくら,eto@a.example,B', '1004,小野 次郎,ono@c.example,A', '1005,加藤 美咲,kato@d.example,A'].join('\n');
const bytes = (text: string) => new TextEncoder().encode(text);
const WARD_A = { kind: 'conditions' as const, match: 'all' as const, conditions: [{ column: '棟', op: 'equals' as const, values: ['A'] }] };

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const { profile, a } = await setUpOffice(app);
  const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: bytes(CSV), keyColumn: '会員番号' });
  const other = await call('import:run', { actorId: a.id, listName: '別', fileName: 'o.csv', bytes: bytes(CSV.replace(/@/g, '.o@')), keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
  await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様（{{棟}}棟）', selection: WARD_A });
  const db = app.core.context.services().db;
  const memberId = (key: string, listId = imported.listId) => db.prepare('SELECT id FROM members WHERE list_id = ? AND member_key = ?').pluck().get(listId, key) as number;
  return { ...app, a, db, profileId: profile.id, listId: imported.listId, otherListId: other.listId, campaignId: draft.id, memberId };
}
type Ctx = Awaited<ReturnType<typeof setUp>>;

/** The report and every preview, as the screens get them from this core (warming its caches). */
async function seen(dispatch: Ctx['core']['dispatch'], campaignId: number) {
  const report = await dispatch('checks:run', { campaignId });
  if (!report.ok) throw new Error(report.error.message);
  const previews: unknown[] = [];
  for (let position = 0; position < 10; position++) {
    const r = await dispatch('preview:render', { campaignId, position });
    if (!r.ok) {
      previews.push(r.error.code);
      break;
    }
    previews.push(r.value);
  }
  const estimate = await dispatch('send:estimate', { campaignId } as never);
  return { report: report.value, previews, estimate: estimate.ok ? estimate.value : estimate.error.code };
}

/** The same from a fresh core on the same data folder: nothing kept. */
async function seenFresh(c: Ctx) {
  const core = createAppCore({
    dataDir: dirname(c.db.name), secretStore: createMemorySecretStore(), clock: manualClock(c.clock.now()),
    host: 'browser', version: 'test', locale: 'ja-JP', sampleDir: resolve('resources/sample'), log: () => undefined,
  });
  try {
    return await seen(core.dispatch.bind(core), c.campaignId);
  } finally {
    await core.close();
  }
}

const steps: [string, (c: Ctx) => Promise<unknown>][] = [
  ['a member cell the condition reads', (c) => c.call('members:update', { actorId: c.a.id, memberId: c.memberId('1003'), fields: { 棟: 'A' } })],
  ['an exclusion added', (c) => c.call('exclusions:add', { actorId: c.a.id, listId: c.listId, memberId: c.memberId('1002'), reason: null })],
  ['that exclusion removed', (c) => c.call('exclusions:remove', { actorId: c.a.id, listId: c.listId, ref: 'k:1002' })],
  ['a suppression added', (c) => c.call('suppressions:add', { actorId: c.a.id, address: 'ono@c.example', reason: 'bounced' })],
  ['that suppression removed', (c) => c.call('suppressions:remove', { actorId: c.a.id, address: 'ono@c.example' })],
  ['a shared address rule', (c) => c.call('shared-addresses:set', { actorId: c.a.id, listId: c.listId, email: 'aoki@a.example', shared: true })],
  [
    'the selection switched away, a member edited, switched back',
    async (c) => {
      await c.call('campaigns:update', { actorId: c.a.id, id: c.campaignId, selection: { kind: 'all' } });
      await seen(c.core.dispatch.bind(c.core), c.campaignId);
      await c.call('members:update', { actorId: c.a.id, memberId: c.memberId('1001'), fields: { 棟: 'B' } });
      await seen(c.core.dispatch.bind(c.core), c.campaignId);
      await c.call('campaigns:update', { actorId: c.a.id, id: c.campaignId, selection: WARD_A });
    },
  ],
  [
    'a picked selection, a picked member edited, the conditions back',
    async (c) => {
      await c.call('campaigns:update', { actorId: c.a.id, id: c.campaignId, selection: { kind: 'picked', refs: ['k:1004', 'k:1001'] } });
      await seen(c.core.dispatch.bind(c.core), c.campaignId);
      await c.call('members:update', { actorId: c.a.id, memberId: c.memberId('1004'), email: 'ono2@c.example' });
      await c.call('campaigns:update', { actorId: c.a.id, id: c.campaignId, selection: WARD_A });
    },
  ],
  ['a re-import that changes only a cell', (c) => c.call('import:run', { actorId: c.a.id, listId: c.listId, fileName: 'm2.csv', bytes: bytes(CSV.replace('加藤 美咲', '加藤 美咲子')) })],
  ['its undo', (c) => c.call('import:undo', { actorId: c.a.id, listId: c.listId })],
  ['an attachment', (c) => c.call('attachments:add', { actorId: c.a.id, campaignId: c.campaignId, fileName: 'a.txt', bytes: bytes('添付') })],
  [
    'a notice edit voiding a pending approval',
    async (c) => {
      await c.call('approval:request', { actorId: c.a.id, campaignId: c.campaignId, pin: '4826' });
      await seen(c.core.dispatch.bind(c.core), c.campaignId);
      await c.call('campaigns:update', { actorId: c.a.id, id: c.campaignId, bodyTemplate: '{{氏名}} 様 改（{{棟}}棟）' });
      await seen(c.core.dispatch.bind(c.core), c.campaignId);
      await c.call('members:update', { actorId: c.a.id, memberId: c.memberId('1002'), fields: { 氏名: '井上 花' } });
    },
  ],
];

describe('probe: every write that changes what members receive voids the kept report and preview order', () => {
  it('after each write, the report, the previews and the estimate equal a fresh core\'s', async () => {
    const c = await setUp();
    for (const [what, write] of steps) {
      await seen(c.core.dispatch.bind(c.core), c.campaignId);
      await write(c);
      const kept = await seen(c.core.dispatch.bind(c.core), c.campaignId);
      const fresh = await seenFresh(c);
      expect(kept, what).toEqual(fresh);
      expect(kept.previews.length, what).toBeGreaterThan(1);
    }
  }, 120_000);
});
