// Probe (round 4, item 1): the incident report answers saved per notice (migration 0015,
// channel `report:incident-save`), called through the dispatch as an attacker would: an unknown
// notice, days that are not days, oversize text, extra keys, wrong types, the practice workspace;
// a save must touch only its own notice, a damaged stored row must never break the report, and
// the answers must survive a restart (a new app core on the same data folder).
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/app/app-core';
import { manualClock } from '../../../electron/services/clock';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import type { ChannelName } from '../../../shared/contract';
import { setUpOffice } from '../../helpers/office';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An app core on `dir` (the harness's core, but on a folder this test keeps across restarts). */
function coreOn(dir: string) {
  const core = createAppCore({
    dataDir: dir, secretStore: createMemorySecretStore(), clock: manualClock(new Date(2026, 0, 5, 12, 0).getTime()),
    host: 'browser', version: 'test', locale: 'ja-JP', sampleDir: resolve('resources/sample'), log: () => undefined,
  });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanups.push(close);
  const call = async (channel: ChannelName, args: unknown): Promise<any> => {
    const r = await core.dispatch(channel, args as never);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code} ${r.error.message}`), { info: r.error });
    return r.value;
  };
  const fail = async (channel: ChannelName, args: unknown) => {
    const r = await core.dispatch(channel, args as never);
    if (r.ok) throw new Error(`${channel} succeeded`);
    return r.error;
  };
  return { core, call, fail, close, db: () => core.context.services().db };
}

const CSV = ['会員番号,氏名,メールアドレス', '1,山田,a@a.example', '2,佐藤,b@a.example'].join('\n');
const none = { discoveredOn: null, sensitive: false, financial: false, improperPurpose: false, texts: {} };

async function setUp() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const app = coreOn(t.dir);
  const { profile, a } = await setUpOffice(app as never);
  const report = await app.call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
  const one = await app.call('campaigns:create', { actorId: a.id, listId: report.listId, name: '一', profileId: profile.id });
  const two = await app.call('campaigns:create', { actorId: a.id, listId: report.listId, name: '二', profileId: profile.id });
  return { ...app, dir: t.dir, a, one: one.id as number, two: two.id as number };
}

const rows = (db: ReturnType<ReturnType<typeof coreOn>['db']>) => db.prepare('SELECT campaign_id, answers_json, saved_by FROM incident_answers ORDER BY campaign_id').all();

describe('report:incident-save called as an attacker would', () => {
  it('refuses unknown notices, bad days, oversize text, unknown text items and wrong types, saving nothing', async () => {
    const s = await setUp();
    const bad: unknown[] = [
      { actorId: s.a.id, campaignId: s.one + 1000, answers: none },
      { actorId: s.a.id, campaignId: -1, answers: none },
      { actorId: s.a.id, campaignId: 1.5, answers: none },
      { actorId: s.a.id, campaignId: String(s.one), answers: none },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, discoveredOn: '2026-02-30' } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, discoveredOn: '2026-13-01' } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, discoveredOn: 'yesterday' } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, discoveredOn: '2026-12-01T00:00:00Z' } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, texts: { cause: 'x'.repeat(4001) } } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, texts: { nope: 'x' } } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, texts: JSON.parse('{"__proto__":{"cause":"x"}}') } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, texts: { cause: 5 } } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, sensitive: 'true' } },
      { actorId: s.a.id, campaignId: s.one, answers: { ...none, texts: null } },
      { actorId: s.a.id, campaignId: s.one, answers: null },
      { actorId: s.a.id, campaignId: s.one },
    ];
    for (const args of bad) {
      const e = await s.fail('report:incident-save', args);
      expect(e.code, JSON.stringify(args).slice(0, 120)).toBeTruthy();
    }
    expect(rows(s.db())).toEqual([]);
  });

  it('stores only the answer shape: an extra key beside the arguments is refused, extra keys inside the answers are not kept', async () => {
    const s = await setUp();
    await expect(s.call('report:incident-save', { actorId: s.a.id, campaignId: s.one, extra: 1, answers: none })).rejects.toThrow(/validation/);
    expect(rows(s.db())).toEqual([]);
    await s.call('report:incident-save', {
      actorId: s.a.id, campaignId: s.one,
      answers: { ...none, discoveredOn: '2026-12-01', texts: { cause: '原因' }, injected: '<script>', campaignId: s.two },
    });
    const stored = rows(s.db()) as { campaign_id: number; answers_json: string }[];
    expect(stored.map((r) => r.campaign_id)).toEqual([s.one]);
    expect(JSON.parse(stored[0]!.answers_json)).toEqual({ ...none, discoveredOn: '2026-12-01', texts: { cause: '原因' } });
  });

  it('a save touches only its own notice, and the answers survive a restart', async () => {
    const s = await setUp();
    const first = { ...none, discoveredOn: '2026-12-01', financial: true, texts: { cause: '一の原因', other: 'ｘ\u3000\n"引用"' } };
    const second = { ...none, sensitive: true, texts: { people: '二' } };
    await s.call('report:incident-save', { actorId: s.a.id, campaignId: s.one, answers: first });
    await s.call('report:incident-save', { actorId: s.a.id, campaignId: s.two, answers: second });
    await s.call('report:incident-save', { actorId: s.a.id, campaignId: s.two, answers: { ...second, texts: {} } });
    await s.close();
    const again = coreOn(s.dir);
    const one = await again.call('report:incident', { campaignId: s.one, lang: 'ja' });
    const two = await again.call('report:incident', { campaignId: s.two, lang: 'ja' });
    expect(one.saved).toMatchObject({ answers: first, savedBy: '相川' });
    expect(two.saved).toMatchObject({ answers: { ...second, texts: {} } });
  });

  it('a damaged stored row never breaks the report', async () => {
    const s = await setUp();
    const db = s.db();
    const damaged = ['not json', '[]', 'null', '"text"', '5', '{"texts":null}', '{"texts":["a"]}', '{"texts":{"cause":{"a":1}}}',
      '{"__proto__":{"sensitive":true},"texts":{"__proto__":{"cause":"x"}}}', '{"discoveredOn":"2026-02-30"}', '{"discoveredOn":20261201}', ''];
    for (const json of damaged) {
      db.prepare('INSERT OR REPLACE INTO incident_answers (campaign_id, answers_json, saved_at, saved_by) VALUES (?, ?, 1, NULL)').run(s.one, json);
      const r = await s.call('report:incident', { campaignId: s.one, lang: 'ja' });
      expect(r.saved.answers.sensitive, json).toBe(false);
      expect(r.saved.answers.discoveredOn, json).toBeNull();
      expect(Object.getPrototypeOf(r.saved.answers.texts), json).toBe(Object.prototype);
      expect(Object.keys(r.saved.answers.texts), json).toEqual([]);
    }
  });

  it('a save in practice mode never touches the real workspace\'s answers', async () => {
    const s = await setUp();
    const real = { ...none, discoveredOn: '2026-12-01', texts: { cause: '本番' } };
    await s.call('report:incident-save', { actorId: s.a.id, campaignId: s.one, answers: real });
    await s.call('practice:enter', {});
    // The same notice id in the practice database (its sample notices) or none at all.
    await s.core.dispatch('report:incident-save', { actorId: s.a.id, campaignId: s.one, answers: { ...none, texts: { cause: '練習' } } } as never);
    await s.core.dispatch('report:incident-save', { actorId: s.a.id, campaignId: s.two, answers: { ...none, texts: { cause: '練習' } } } as never);
    await s.call('practice:leave', {});
    const one = await s.call('report:incident', { campaignId: s.one, lang: 'ja' });
    const two = await s.call('report:incident', { campaignId: s.two, lang: 'ja' });
    expect(one.saved.answers).toEqual(real);
    expect(two.saved).toBeNull();
  });
});
