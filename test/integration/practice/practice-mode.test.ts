// The practice workspace: its own database file, seeded once, aimed at its own outbox, removable.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../../electron/db/connection';
import { allLists, getList } from '../../../electron/db/repos/lists-repo';
import { countMembers, iterateMembers } from '../../../electron/db/repos/members-repo';
import { listProfileRows } from '../../../electron/db/repos/profiles-repo';
import { getCampaign, listCampaigns } from '../../../electron/db/repos/campaigns-repo';
import { listUserRecords } from '../../../electron/db/repos/users-repo';
import { manualClock } from '../../../electron/services/clock';
import {
  deletePracticeData,
  hasPracticeData,
  openPracticeWorkspace,
  PRACTICE_USERS,
  type PracticeWorkspace,
} from '../../../electron/services/practice/practice-mode';
import { AppError } from '../../../shared/errors';
import { hasBlocking, runChecks } from '../../../shared/guards';
import { PRACTICE_PROFILE } from '../../../electron/services/practice/practice-seed';
import { tempDir } from '../../helpers/tmp';

const sampleDir = resolve('resources/sample');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function open(dir: string, extra: { realDbFile?: string } = {}): Promise<PracticeWorkspace> {
  const ws = await openPracticeWorkspace({ dataDir: dir, sampleDir, clock: manualClock(), ...extra });
  cleanups.push(() => ws.close());
  return ws;
}

function counts(ws: PracticeWorkspace) {
  const db = ws.db;
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { users: n('users'), lists: n('lists'), members: n('members'), profiles: n('smtp_profiles'), campaigns: n('campaigns') };
}

describe('practice workspace', () => {
  it('uses its own database file and leaves the real database untouched', async () => {
    const dir = dataDir();
    const realFile = join(dir, 'tayori.db');
    const real = openDatabase(realFile);
    cleanups.push(() => real.close());
    const ws = await open(dir, { realDbFile: realFile });
    expect(ws.paths.dbFile).toBe(join(resolve(dir), 'practice', 'tayori-practice.db'));
    expect(ws.paths.dbFile).not.toBe(resolve(realFile));
    expect(ws.db.name).toBe(ws.paths.dbFile);
    expect(allLists(ws.db)).toHaveLength(1);
    expect(allLists(real)).toEqual([]);
    expect(listUserRecords(real)).toEqual([]);
    expect(listProfileRows(real)).toEqual([]);
  });

  it('refuses to use the real database file as the practice one', async () => {
    const dir = dataDir();
    const err = await openPracticeWorkspace({
      dataDir: dir,
      sampleDir,
      clock: manualClock(),
      realDbFile: join(dir, 'practice', 'tayori-practice.db'),
    }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('practice-only');
  });

  it('seeds the sample list, two users, a practice profile at the outbox and a draft campaign', async () => {
    const ws = await open(dataDir());
    expect(counts(ws)).toEqual({ users: 2, lists: 1, members: 30, profiles: 1, campaigns: 1 });
    expect(ws.seed.users.map((u) => [u.name, u.pin])).toEqual(PRACTICE_USERS.map((u) => [u.name, u.pin]));

    const members = [...iterateMembers(ws.db, ws.seed.listId!)];
    // The full-width ＠ arrived normalised; the NEC/IBM characters survived; the traps are there.
    expect(members.map((m) => m.email)).toContain('kimura.sakura@mail.example');
    expect(members.map((m) => m.name)).toEqual(expect.arrayContaining(['髙橋 由美', '山﨑 浩二', '林 ①子']));
    expect(members.filter((m) => m.email === 'toda.osamu@mail.example')).toHaveLength(2);
    expect(members.map((m) => m.email)).toEqual(expect.arrayContaining(['eguchi.misaki@docomo.ne.jo', 'kudo.daisuke@gmial.com']));

    // It went through the real import service: detected CP932, reported the traps it handles.
    const imp = ws.db.prepare('SELECT encoding, accepted_rows, rejected_rows, report_json FROM imports').get() as {
      encoding: string; accepted_rows: number; rejected_rows: number; report_json: string;
    };
    expect(imp).toMatchObject({ encoding: 'shift_jis', accepted_rows: 30, rejected_rows: 1 });
    const report = JSON.parse(imp.report_json) as {
      rejected: { row: number }[]; normalised: { row: number }[]; duplicates: { email: string; rows: number[] }[];
    };
    expect(report.rejected.map((r) => r.row)).toEqual([32]);
    expect(report.normalised.map((r) => r.row)).toEqual([9]);
    expect(report.duplicates).toEqual([{ email: 'toda.osamu@mail.example', rows: [21, 22] }]);
    const actions = (ws.db.prepare('SELECT action FROM audit ORDER BY id').all() as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(['user.created', 'user.created', 'recovery-code.issued', 'list.imported', 'campaign.created', 'practice.seeded']);

    const [profile] = listProfileRows(ws.db);
    expect(profile).toMatchObject({
      host: '127.0.0.1',
      port: ws.outbox.port,
      security: 'none',
      authUser: null,
      practice: true,
      fromAddress: 'jimukyoku@sakura-heights.example',
    });
    const [campaign] = listCampaigns(ws.db);
    expect(campaign).toMatchObject({ id: ws.seed.campaignId, listId: ws.seed.listId, profileId: profile!.id, status: 'draft' });
    expect(campaign!.subjectTemplate).toContain('{{氏名}}');
    expect(campaign!.bodyTemplate).toContain('{{#if 駐車場}}');
  });

  it('gives a check report that flags the sample’s traps and blocks nothing', async () => {
    const ws = await open(dataDir());
    const list = getList(ws.db, ws.seed.listId!)!;
    const campaign = getCampaign(ws.db, ws.seed.campaignId!)!;
    const recipients = [...iterateMembers(ws.db, list.id)].map((m) => ({
      id: m.id, email: m.email, name: m.name, fields: m.fields, change: m.change, line: m.line,
    }));
    const report = runChecks({
      template: { subject: campaign.subjectTemplate, body: campaign.bodyTemplate },
      columns: list.columns,
      recipients,
      attachments: [],
      profile: { fromAddress: PRACTICE_PROFILE.fromAddress },
      policy: { organisationAddress: PRACTICE_PROFILE.fromAddress },
      approversAvailable: ws.seed.users.length - 1,
    });
    expect(hasBlocking(report)).toBe(false);
    const found = report.items.map((i) => [i.code, i.params['domain'] ?? i.params['examples']]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['typo-domain', 'docomo.ne.jo'],
        ['typo-domain', 'gmial.com'],
        ['duplicate-address', 'toda.osamu@mail.example'],
        ['lookalike-addresses', 'sasaki.sho@mail.example ≈ sasaki.shoko@mail.example'],
      ]),
    );
  });

  it('seeds only once: reopening adds nothing and does not undo the user’s deletions', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const before = counts(first);
    const firstSeed = first.seed;
    first.db.prepare('DELETE FROM campaigns').run();
    await first.close();

    const second = await open(dir);
    expect(counts(second)).toEqual({ ...before, campaigns: 0 });
    expect(second.seed).toMatchObject({ listId: firstSeed.listId, profileId: firstSeed.profileId, users: firstSeed.users });
    expect(countMembers(second.db, firstSeed.listId!)).toBe(30);
  });

  it('moves to another port when the last one is taken, and the practice profile follows', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const oldPort = first.outbox.port;
    await first.close();
    // Someone else now holds the old port.
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(oldPort, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => squatter.close(() => r())));

    const second = await open(dir);
    expect(second.outbox.port).not.toBe(oldPort);
    const [profile] = listProfileRows(second.db);
    expect(profile).toMatchObject({ host: '127.0.0.1', port: second.outbox.port, practice: true });
    expect(listProfileRows(second.db)).toHaveLength(1);
  });

  it('reuses the last outbox port when it is free', async () => {
    const dir = dataDir();
    const first = await open(dir);
    const port = first.outbox.port;
    await first.close();
    const second = await open(dir);
    expect(second.outbox.port).toBe(port);
  });

  it('deletes the practice folder entirely, and only after closing', async () => {
    const dir = dataDir();
    const ws = await open(dir);
    expect(hasPracticeData(dir)).toBe(true);
    const refused = await deletePracticeData(dir).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('conflict');
    expect(existsSync(ws.paths.dbFile)).toBe(true);

    await deletePracticeData(dir, ws);
    expect(existsSync(join(dir, 'practice'))).toBe(false);
    expect(hasPracticeData(dir)).toBe(false);
    // Nothing outside the practice folder is touched.
    expect(readdirSync(dir)).toEqual([]);

    // And practice mode starts afresh afterwards.
    const again = await open(dir);
    expect(counts(again).members).toBe(30);
  });

  it('refuses a second open of the same practice folder', async () => {
    const dir = dataDir();
    await open(dir);
    const err = await openPracticeWorkspace({ dataDir: dir, sampleDir, clock: manualClock() }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('conflict');
  });
});
