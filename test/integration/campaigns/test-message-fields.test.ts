// A test send of a template naming a column the list lacks says that the column does not exist
// and which column is closest (as the check report does), instead of "this member lacks fields";
// a member who really has an empty value still gets the missing-field error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { buildTestMessage } from '../../../electron/services/test-send/test-message';
import { campaignFixture, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const memberId = () => (f.db.prepare("SELECT id FROM members WHERE email = 'baba@example.jp'").get() as { id: number }).id;

describe('test message of a template with an unknown column', () => {
  it('names the column that does not exist and the closest one', () => {
    const c = f.draft({ bodyTemplate: '{{氏名}}様\n{{部屋番号}}号室、{{会費}}円です。' });
    const e = failure(() => buildTestMessage(f.db, c.id, { memberId: memberId() }, 'operator@example.jp'));
    expect(e.code).toBe('template-unknown-field');
    expect(e.message).toBe('The template uses {{部屋番号}} (did you mean "部屋"?), {{会費}}, which the list has no column for.');
    expect(e.details).toEqual({ fields: ['部屋番号', '会費'], suggestions: { 部屋番号: ['部屋'], 会費: [] }, missing: ['部屋番号', '会費'] });
  });

  it('still says "lacks fields" when the column exists but this member has no value', async () => {
    await f.importCsv('メール,氏名,部屋\r\naoki@example.jp,青木 花子,\r\nbaba@example.jp,馬場 一郎,102', f.listId);
    const c = f.draft();
    const aoki = (f.db.prepare("SELECT id FROM members WHERE email = 'aoki@example.jp'").get() as { id: number }).id;
    const e = failure(() => buildTestMessage(f.db, c.id, { memberId: aoki }, 'operator@example.jp'));
    expect(e.code).toBe('template-missing-field');
    expect(e.details).toEqual({ missing: ['部屋'] });
  });
});
