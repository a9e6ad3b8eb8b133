// The draft check report's "left out" figures (merged identical rows, excluded, suppressed) come
// from one pass (leftOutCounts) instead of the counting query the compose screen uses: they must
// be the same numbers, for the whole list and for a selection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRecipients } from '../../../electron/db/repos/recipients-query';
import { readCheckInput } from '../../../electron/services/checks/check-input';
import type { Selection } from '../../../shared/recipients';
import { tempDb } from '../../helpers/tmp';
import { seedCampaign } from './seed';

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

const members = [
  { email: 'aoki@example.jp', name: '青木 花子', fields: { 棟: 'A' } },
  { email: 'aoki@example.jp', name: '青木 花子', fields: { 棟: 'A' } }, // identical: merged
  { email: 'baba@example.jp', name: '馬場 一郎', fields: { 棟: 'A' } }, // excluded in the app
  { email: 'Chiba@Example.jp', name: '千葉 三郎', fields: { 棟: 'B' } }, // suppressed (any case)
  { email: 'doi@example.jp', name: '土井 四郎', fields: { 棟: 'B' } },
  { email: 'doi@example.jp', name: '土井 四郎', fields: { 棟: 'B' } }, // identical: merged
  { email: 'eto@example.jp', name: '江藤 五郎', fields: { 棟: 'A' } },
];

describe('the draft check report counts who is left out', () => {
  it.each<[string, Selection]>([
    ['whole list', { kind: 'all' }],
    ['a selection', { kind: 'conditions', match: 'all', conditions: [{ column: '棟', op: 'equals', values: ['B'] }] }],
  ])('as the recipient count does (%s)', (_label, selection) => {
    const { campaignId, listId } = seedCampaign(t.db, { members, columns: ['email', 'name', '棟'] });
    t.db.prepare('UPDATE campaigns SET selection_json = ? WHERE id = ?').run(JSON.stringify(selection), campaignId);
    t.db.prepare("INSERT INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, 'e:baba@example.jp', 0)").run(listId);
    t.db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('chiba@example.jp', 'moved', 0)").run();
    const counts = countRecipients(t.db, listId, selection, 0);
    const input = readCheckInput(t.db, campaignId);
    expect(input.recipients.length).toBe(counts.count);
    expect(input.leftOut).toMatchObject({ merged: counts.merged, excluded: counts.excluded, suppressedCount: counts.suppressed });
    expect(counts.merged).toBe(selection.kind === 'all' ? 2 : 1);
    expect(counts.excluded).toBe(1);
    expect(counts.suppressed).toBe(1);
  });
});
