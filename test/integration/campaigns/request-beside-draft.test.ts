// The approval request's scan during the PIN check when the check screen's read of the same rows is
// kept (approval-service.ts scanBesideDraft): SQLite marks no row and, when that read merged no row,
// reads the chosen members without the merge probe; the members lacking a field are found in the
// read's fields. A request so scanned must answer exactly as one with nothing kept: the same
// members named as lacking a field (blank, spaced, absent), the same digest and rows frozen when
// none lacks one, with identical rows merged or not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

// How often the scan beside the kept read compared its rows with the read's.
const compared = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../electron/services/campaigns/recipient-scan', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/services/campaigns/recipient-scan')>();
  return {
    ...original,
    chunksHoldMembers: (...args: Parameters<typeof original.chunksHoldMembers>) => {
      compared.count++;
      return original.chunksHoldMembers(...args);
    },
  };
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const HEADER = '会員番号,氏名,メールアドレス,棟,部屋';
const FULL = [
  '1001,青木 一郎,aoki@a.example,A,101',
  '1002,井上 花子,inoue@b.example,A,102',
  '1003,江藤 さくら,eto@a.example,B,201',
  '1004,小野 次郎,ono@c.example,C,301',
];
// Blank, spaced (full-width space) and absent 部屋, among rows that have it.
const LACKING = [...FULL, '1005,加藤 美咲,kato@d.example,C,', '1006,木村 翔,kimura@e.example,B,\u3000', '1007,久保 陽子,kubo@g.example,A'];
// The same address and name as 1002: merged into it.
const MERGED = [...FULL, '1008,井上 花子,inoue@b.example,A,102'];

/** A request of a notice naming {{部屋}} to the list, with the check screen shown first or not. */
async function request(rows: readonly string[], checkScreenFirst: boolean) {
  const app = createTestApp(cleanups);
  const { call, fail } = app;
  const { profile, a } = await setUpOffice(app);
  const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode([HEADER, ...rows].join('\n')), keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
  await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{#if 棟}}{{棟}}棟{{/if}} {{部屋}}号室' });
  if (checkScreenFirst) await call('checks:run', { campaignId: draft.id });
  const before = compared.count;
  const args = { actorId: a.id, campaignId: draft.id, pin: OFFICE_USERS.a.pin };
  const db = app.core.context.services().db;
  const frozen = () => db.prepare('SELECT position, member_id, email, name, fields_json FROM snapshots WHERE campaign_id = ? ORDER BY position').raw().all(draft.id);
  if (rows === LACKING) {
    const error = await fail('approval:request', args);
    return { error, besideDraft: compared.count - before, frozen: frozen() };
  }
  const summary = await call('approval:request', args);
  return { digest: summary.digest, count: summary.recipientCount, besideDraft: compared.count - before, frozen: frozen() };
}

describe('the request scanned beside the check screen\'s kept read', () => {
  it('names the same members lacking a field as a request with nothing kept, and freezes nothing', async () => {
    const kept = await request(LACKING, true);
    const plain = await request(LACKING, false);
    expect(kept.besideDraft).toBe(1);
    expect(plain.besideDraft).toBe(0);
    expect(kept.error).toMatchObject({ code: 'approval-blocked' });
    expect(kept.error?.details).toEqual(plain.error?.details);
    expect(kept.error?.details).toMatchObject({ missingCount: 3 });
    expect(kept.frozen).toEqual([]);
  });

  it('freezes the same rows with the same digest, identical rows merged or not', async () => {
    for (const rows of [FULL, MERGED]) {
      const kept = await request(rows, true);
      const plain = await request(rows, false);
      expect(kept.besideDraft).toBe(1);
      expect(kept.count).toBe(4);
      expect(kept.digest).toBe(plain.digest);
      expect(kept.frozen).toEqual(plain.frozen);
    }
  });
});
