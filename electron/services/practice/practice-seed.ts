// First-use contents of the practice workspace: the sample list, two sample users, a practice
// SMTP profile aimed at the outbox and a draft campaign with the sample notice. Idempotent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/connection';
import { allLists } from '../../db/repos/lists-repo';
import { listCampaigns } from '../../db/repos/campaigns-repo';
import { insertProfile, listProfileRows, updateProfileRow } from '../../db/repos/profiles-repo';
import { findUserByName } from '../../db/repos/users-repo';
import { insertTestAddress } from '../../db/repos/test-addresses-repo';
import { appendAudit } from '../../db/repos/audit-repo';
import { readSetting, writeSetting } from '../../db/repos/settings-repo';
import { SETTING_KEYS } from '../checks/check-settings';
import { APP_SETTING_KEYS } from '../settings/app-settings';
import { validateProfile } from '../profiles/profile-rules';
import type { Clock } from '../clock';

/** Shown on the practice screen: in practice mode the PINs are meant to be known. */
export const PRACTICE_USERS = [
  { name: '佐藤（事務局）', pin: '1111' },
  { name: '鈴木（会長）', pin: '2222' },
] as const;

const SAMPLE_LIST_NAME = 'さくらハイツ 会員名簿（サンプル）';
export const PRACTICE_PROFILE = {
  name: '練習用の送信箱',
  fromAddress: 'jimukyoku@sakura-heights.example',
  fromName: 'さくらハイツ管理組合 事務局',
} as const;
/** The practice organisation; its sending address is the practice profile's From. */
export const PRACTICE_ORGANISATION_NAME = 'さくらハイツ管理組合（練習）';
/** Shorter than the real default (300 s) so a rehearsal does not drag; the mechanism is the same. */
const PRACTICE_CANCEL_WINDOW_S = 60;

interface SampleNotice {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

/** What seeding needs from the rest of the app; the real services by default (practice-mode.ts). */
export interface PracticeSeedServices {
  createUser(name: string, pin: string): Promise<{ id: number }>;
  importList(filePath: string, listName: string, actor: string): Promise<{ listId: number }>;
  createCampaign(
    input: { listId: number; profileId: number; name: string; subjectTemplate: string; bodyTemplate: string; cancelWindowS: number },
    creator: { readonly id: number; readonly name: string } | null,
  ): { id: number };
}

export interface PracticeSeed {
  readonly listId: number | null;
  readonly users: readonly { id: number; name: string; pin: string }[];
  readonly profileId: number;
  readonly campaignId: number | null;
}

const SEEDED_KEY = 'practice.seeded';
/** Separate from SEEDED_KEY so workspaces seeded before settings were seeded get them once too. */
const SETTINGS_SEEDED_KEY = 'practice.settings_seeded';
const TEST_ADDRESS_SEEDED_KEY = 'practice.test_address_seeded';

function readNotice(sampleDir: string): SampleNotice {
  const n = JSON.parse(readFileSync(join(sampleDir, 'notice.json'), 'utf8')) as Partial<SampleNotice>;
  if (typeof n.name !== 'string' || typeof n.subject !== 'string' || typeof n.body !== 'string') {
    throw new Error('resources/sample/notice.json needs name, subject and body strings');
  }
  return { name: n.name, subject: n.subject, body: n.body };
}

/**
 * The organisation name and sending address, so the practice workspace counts as set up and its
 * check report does not warn "organisation address not set". Once only: later edits stay.
 */
function seedSettings(db: Db, clock: Clock): void {
  if (readSetting(db, SETTINGS_SEEDED_KEY) !== null) return;
  db.transaction(() => {
    if (readSetting(db, APP_SETTING_KEYS.organisationName) === null) writeSetting(db, APP_SETTING_KEYS.organisationName, PRACTICE_ORGANISATION_NAME);
    if (readSetting(db, SETTING_KEYS.organisationAddress) === null) writeSetting(db, SETTING_KEYS.organisationAddress, PRACTICE_PROFILE.fromAddress);
    writeSetting(db, SETTINGS_SEEDED_KEY, String(clock.now()));
  })();
}

/** Once per practice database (older ones too): the practice From is a registered test address. */
function seedTestAddress(db: Db, clock: Clock): void {
  if (readSetting(db, TEST_ADDRESS_SEEDED_KEY) !== null) return;
  db.transaction(() => {
    insertTestAddress(db, { address: PRACTICE_PROFILE.fromAddress, addedBy: null }, clock.now());
    writeSetting(db, TEST_ADDRESS_SEEDED_KEY, String(clock.now()));
  })();
}

function ensureProfile(db: Db, clock: Clock, outbox: { host: string; port: number }): number {
  const fields = validateProfile({
    ...PRACTICE_PROFILE,
    host: outbox.host,
    port: outbox.port,
    security: 'none',
    authUser: null,
    practice: true,
  });
  const existing = listProfileRows(db).find((p) => p.practice);
  if (!existing) return insertProfile(db, fields, clock.now());
  // The outbox may be on another port than last time; every practice profile follows it.
  for (const p of listProfileRows(db).filter((x) => x.practice)) {
    if (p.host !== outbox.host || p.port !== outbox.port || p.security !== 'none' || p.authUser !== null) {
      updateProfileRow(db, p.id, { ...fields, name: p.name, fromAddress: p.fromAddress, fromName: p.fromName }, clock.now());
    }
  }
  return existing.id;
}

/**
 * Seeds on first use and only then (a 'practice.seeded' setting records it), so the user's
 * own practice edits and deletions are never undone. Each step checks for its result first, so
 * a first run interrupted half-way completes on the next open without duplicates.
 */
export async function seedPractice(args: {
  db: Db;
  clock: Clock;
  sampleDir: string;
  outbox: { host: string; port: number };
  services: PracticeSeedServices;
}): Promise<PracticeSeed> {
  const { db, clock, sampleDir, outbox, services } = args;
  const profileId = ensureProfile(db, clock, outbox);
  seedSettings(db, clock);
  seedTestAddress(db, clock);
  const seeded = readSetting(db, SEEDED_KEY) !== null;

  const users: { id: number; name: string; pin: string }[] = [];
  for (const u of PRACTICE_USERS) {
    const found = findUserByName(db, u.name);
    if (found) users.push({ id: found.id, name: u.name, pin: u.pin });
    else if (!seeded) users.push({ id: (await services.createUser(u.name, u.pin)).id, name: u.name, pin: u.pin });
  }

  let listId = allLists(db).find((l) => l.name === SAMPLE_LIST_NAME)?.id ?? null;
  if (listId === null && !seeded) {
    const actor = users[0]?.name ?? PRACTICE_USERS[0].name;
    listId = (await services.importList(join(sampleDir, 'members.csv'), SAMPLE_LIST_NAME, actor)).listId;
  }

  const notice = readNotice(sampleDir);
  let campaignId = listCampaigns(db).find((c) => c.name === notice.name)?.id ?? null;
  if (campaignId === null && !seeded && listId !== null) {
    campaignId = services.createCampaign(
      {
        listId,
        profileId,
        name: notice.name,
        subjectTemplate: notice.subject,
        bodyTemplate: notice.body,
        cancelWindowS: PRACTICE_CANCEL_WINDOW_S,
      },
      users[0] ?? null,
    ).id;
  }

  if (!seeded) {
    db.transaction(() => {
      writeSetting(db, SEEDED_KEY, String(clock.now()));
      appendAudit(db, { at: clock.now(), action: 'practice.seeded', listId, campaignId, details: { profileId } });
    })();
  }
  return { listId, users, profileId, campaignId };
}
