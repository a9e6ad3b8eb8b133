// Probe (round 5, item 4): the check report's kept draft recipients brought up to date after member
// edits (content-version.ts listRowsChanged/memberRowEdited/memberEditsBetween,
// draft-recipients-cache.ts, check-input.ts patchListRecipients). Sequences the property test in
// test/integration/checks/member-edit-patch.test.ts does not make: edits through the real handlers
// (members:update, exclusions:add/remove) of two lists that share keys and addresses, reads only
// now and then (chains of many edits, more than 16), suppressions added and removed between
// edits, a member edited to a suppressed address, a re-import between, an edit rolled back inside
// an outer transaction after it was logged, an edit that fails half-way, notice edits, and the
// practice workspace switch. After each read: exactly what a fresh read on the same data gives.
import { dirname, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/app/app-core';
import { manualClock } from '../../../electron/services/clock';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { memberRowEdited } from '../../../electron/db/content-version';
import { readCheckInput } from '../../../electron/services/checks/check-input';
import type { Selection } from '../../../shared/recipients';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const EMAILS = ['a@x.jp', 'b@x.jp', 'c@y.jp', 'd@y.jp', 'e@z.jp'];
const NAMES = ['青木', '馬場', '千葉'];
const ROOMS = ['A', 'B', ''];
const SELECTIONS: Selection[] = [
  { kind: 'all' },
  { kind: 'all', exclude: ['e:b@x.jp', 'k:3'] },
  { kind: 'conditions', match: 'all', conditions: [{ column: '棟', op: 'equals', values: ['A'] }] },
  { kind: 'picked', refs: ['e:a@x.jp', 'k:1', 'k:5', 'e:d@y.jp'] },
];

/** A small seeded generator: the same sequence every run (a failure names its seed). */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

function csv(r: ReturnType<typeof rng>, rows = 24): Uint8Array {
  // Keys only on every third row (the others are referred to by address); identical rows merge.
  const lines = Array.from({ length: rows }, (_, i) => `${i % 3 === 0 ? String(i) : ''},${r.pick(NAMES)},${r.pick(EMAILS)},${r.pick(ROOMS)}`);
  return new TextEncoder().encode(['番号,氏名,メール,棟', ...lines].join('\n'));
}

async function setUp(seed: number) {
  const app = createTestApp(cleanups);
  const { a, profile } = await setUpOffice(app);
  const r = rng(seed);
  const lists: number[] = [];
  const campaigns: number[] = [];
  for (const name of ['一', '二']) {
    const imported = await app.call('import:run', { actorId: a.id, listName: name, fileName: `${name}.csv`, bytes: csv(r), emailColumn: 'メール', nameColumn: '氏名', keyColumn: '番号' });
    lists.push(imported.listId);
    const c = await app.call('campaigns:create', { actorId: a.id, listId: imported.listId, name, profileId: profile.id });
    await app.call('campaigns:update', { actorId: a.id, id: c.id, subjectTemplate: '{{棟}}', bodyTemplate: '{{氏名}} 様 {{棟|-}}', selection: r.pick(SELECTIONS) });
    campaigns.push(c.id);
  }
  const db = () => app.core.context.services().db;
  const members = (listId: number) => db().prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as number[];
  return { ...app, a, r, lists, campaigns, db, members };
}
type Ctx = Awaited<ReturnType<typeof setUp>>;

/** Each notice's draft recipients as the check screen gets them (kept, perhaps patched) equal a fresh read's. */
function compare(c: Ctx, where: string) {
  const db = c.db();
  for (const id of c.campaigns) {
    const got = readCheckInput(db, id);
    // Inside a transaction nothing is kept or reused: a fresh read of the same data.
    const want = db.transaction(() => readCheckInput(db, id))();
    expect(got.recipients, `${where} campaign ${id}`).toEqual(want.recipients);
    expect(got.leftOut, `${where} campaign ${id}`).toEqual(want.leftOut);
  }
}

async function step(c: Ctx, log: string[]) {
  const { r, a } = c;
  const listId = r.chance(0.75) ? c.lists[0]! : c.lists[1]!;
  const ids = c.members(listId);
  const memberId = r.pick(ids);
  const roll = r.next();
  if (roll < 0.45) {
    const email = r.chance(0.6) ? r.pick(EMAILS) : undefined;
    const fields = r.chance(0.6) ? { ...(r.chance(0.5) ? { 氏名: r.pick(NAMES) } : {}), ...(r.chance(0.5) ? { 棟: r.pick(ROOMS) } : {}) } : undefined;
    log.push(`edit ${memberId} ${email} ${JSON.stringify(fields)}`);
    await c.call('members:update', { actorId: a.id, memberId, ...(email ? { email } : {}), ...(fields ? { fields } : {}) });
  } else if (roll < 0.6) {
    log.push(`exclude ${listId}/${memberId}`);
    await c.call('exclusions:add', { actorId: a.id, listId, memberId, reason: null });
  } else if (roll < 0.7) {
    const refs = c.db().prepare('SELECT member_ref FROM list_exclusions WHERE list_id = ?').pluck().all(listId) as string[];
    const ref = refs.length ? r.pick(refs) : 'e:nobody@x.jp';
    log.push(`include ${listId} ${ref}`);
    await c.call('exclusions:remove', { actorId: a.id, listId, ref });
  } else if (roll < 0.76) {
    const address = r.pick(EMAILS);
    log.push(`suppress ${address}`);
    await c.call('suppressions:add', { actorId: a.id, address, reason: 'bounced' });
  } else if (roll < 0.8) {
    const address = r.pick(EMAILS);
    log.push(`unsuppress ${address}`);
    await c.call('suppressions:remove', { actorId: a.id, address });
  } else if (roll < 0.86) {
    // A logged edit inside a transaction that is then rolled back (as a handler that wraps several
    // writes and fails after the edit would).
    log.push(`rolled-back edit ${memberId}`);
    const s = c.core.context.services();
    try {
      s.db.transaction(() => {
        memberRowEdited(s.db, memberId, () => s.recipients.updateMember(memberId, { email: r.pick(EMAILS), fields: { 棟: r.pick(ROOMS) } }, '相川'));
        throw new Error('after the edit');
      })();
    } catch {
      /* rolled back */
    }
  } else if (roll < 0.9) {
    // An edit that fails half-way: an unknown column after a valid one.
    log.push(`failing edit ${memberId}`);
    const e = await c.fail('members:update', { actorId: a.id, memberId, email: r.pick(EMAILS), fields: { 棟: 'A', 無い列: 'x' } });
    expect(e.code).toBe('validation');
  } else if (roll < 0.95) {
    const id = r.pick(c.campaigns);
    log.push(`notice edit ${id}`);
    await c.call('campaigns:update', { actorId: a.id, id, bodyTemplate: `{{氏名}} 様 {{棟|-}} ${r.next()}` });
  } else {
    log.push(`re-import ${c.lists[0]}`);
    await c.call('import:run', { actorId: a.id, listId: c.lists[0]!, fileName: 'again.csv', bytes: csv(r), emailColumn: 'メール', nameColumn: '氏名', keyColumn: '番号' });
  }
}

describe('member-edit patch, probed', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: reads now and then over 60 mixed writes equal a fresh read`, async () => {
      const c = await setUp(seed);
      compare(c, 'start');
      const log: string[] = [];
      for (let i = 0; i < 60; i++) {
        await step(c, log);
        // Read after some steps only: chains of several edits, sometimes more than 16.
        if (c.r.chance(i < 30 ? 0.35 : 0.05)) compare(c, log.join(' | '));
      }
      compare(c, log.join(' | '));
      // The whole report the check screen shows, against a second core's on the same folder.
      const fresh = createAppCore({
        dataDir: dirname(c.db().name), secretStore: createMemorySecretStore(), clock: manualClock(c.clock.now()),
        host: 'browser', version: 'test', locale: 'ja-JP', sampleDir: resolve('resources/sample'), log: () => undefined,
      });
      try {
        for (const campaignId of c.campaigns) {
          const mine = await c.core.dispatch('checks:run', { campaignId });
          const theirs = await fresh.dispatch('checks:run', { campaignId });
          expect(mine.ok).toBe(true);
          expect(mine, `checks:run ${campaignId} ${log.join(' | ')}`).toEqual(theirs);
        }
      } finally {
        await fresh.close();
      }
    }, 120_000);
  }

  it('twenty edits of the same member between two reads, then a member edited to a suppressed address', async () => {
    const c = await setUp(7);
    compare(c, 'start');
    const ids = c.members(c.lists[0]!);
    for (let i = 0; i < 20; i++) await c.call('members:update', { actorId: c.a.id, memberId: ids[i % 3]!, email: EMAILS[i % EMAILS.length]!, fields: { 棟: ROOMS[i % 3]! } });
    compare(c, '20 edits');
    await c.call('suppressions:add', { actorId: c.a.id, address: 'e@z.jp', reason: 'bounced' });
    compare(c, 'suppressed');
    await c.call('members:update', { actorId: c.a.id, memberId: ids[4]!, email: 'e@z.jp' });
    compare(c, 'edited to the suppressed address');
    await c.call('members:update', { actorId: c.a.id, memberId: ids[4]!, email: 'E@Z.JP' });
    compare(c, 'the same in capitals');
  }, 60_000);

  it('across the practice workspace switch: edits on the real data after coming back are patched right', async () => {
    const c = await setUp(8);
    compare(c, 'start');
    const ids = c.members(c.lists[0]!);
    await c.call('members:update', { actorId: c.a.id, memberId: ids[0]!, email: 'b@x.jp' });
    compare(c, 'before practice');
    await c.core.context.enterPractice();
    await c.core.context.leavePractice();
    compare(c, 'after practice');
    await c.call('members:update', { actorId: c.a.id, memberId: ids[1]!, email: 'a@x.jp', fields: { 氏名: '青木' } });
    await c.call('exclusions:add', { actorId: c.a.id, listId: c.lists[0]!, memberId: ids[2]!, reason: null });
    compare(c, 'after practice and two edits');
  }, 60_000);

  it('inside the practice workspace: edits of its seeded list are patched right', async () => {
    const c = await setUp(9);
    await c.core.context.enterPractice();
    const db = c.db();
    const campaigns = db.prepare("SELECT id FROM campaigns WHERE status = 'draft'").pluck().all() as number[];
    expect(campaigns.length).toBeGreaterThan(0);
    const p = { ...c, campaigns };
    compare(p, 'practice start');
    const listId = db.prepare('SELECT list_id FROM campaigns WHERE id = ?').pluck().get(campaigns[0]) as number;
    const ids = p.members(listId);
    const emails = db.prepare('SELECT email FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as string[];
    const actor = (db.prepare('SELECT id FROM users ORDER BY id').pluck().get() as number | undefined) ?? null;
    for (let i = 0; i < 6; i++) {
      await c.call('members:update', { actorId: actor, memberId: ids[(i * 5) % ids.length]!, email: emails[(i * 3 + 1) % emails.length]! } as never);
      if (i % 2 === 1) compare(p, `practice edit ${i}`);
    }
    await c.call('exclusions:add', { actorId: actor, listId, memberId: ids[1]!, reason: null } as never);
    compare(p, 'practice exclusion');
    await c.core.context.leavePractice();
  }, 60_000);
});
