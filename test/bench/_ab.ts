import { generateMembers } from './guards-bench';
import { tempDb } from '../helpers/tmp';
import { seedCampaign } from '../integration/checks/seed';
import { createCheckService as createNew } from '../../electron/services/checks';
// @ts-ignore
import { createCheckService as createOld } from '/tmp/chk/base/electron/services/checks';
import { outsideMembers } from '../../electron/db/content-version';
const t = tempDb();
const big = process.env.BIG === '1';
const members = generateMembers(100_000).map((m) => ({ email: m.email, name: m.name, fields: big ? { district: m.fields['district']!, address: '東京都千代田区丸の内1-2-3 ' + m.id, phone: '090-1234-5678', note: 'x'.repeat(60) } : { district: m.fields['district']! }, change: m.change ?? null }));
const { campaignId, listId } = seedCampaign(t.db, { members, columns: ['email', 'name', 'district'], template: { subject: '{{district}} festival notice', body: '{{name}} 様\n\nThe festival of {{district|your district}} is on 3 August.' } });
const services = { old: createOld({ db: t.db }), new: createNew({ db: t.db }) };
const someMember = t.db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id LIMIT 1 OFFSET 5000').pluck().get(listId) as number;
let edits = 0;
const cases: Record<string, () => void> = {
  notice: () => outsideMembers(t.db, () => t.db.prepare('UPDATE campaigns SET subject_template = ? WHERE id = ?').run(`{{district}} festival notice ${++edits}`, campaignId)),
  reread: () => t.db.prepare('UPDATE campaigns SET subject_template = ? WHERE id = ?').run(`{{district}} festival notice ${++edits}`, campaignId),
  field: () => t.db.prepare("UPDATE members SET fields_json = json_set(fields_json, '$.district', ?), edited_by = '鈴木', edited_at = ? WHERE id = ?").run(`D${++edits}`, edits, someMember),
  address: () => t.db.prepare("UPDATE members SET email = ?, change = 'email-changed', edited_by = '鈴木', edited_at = ? WHERE id = ?").run(`fixed${++edits}@gmail.com`, edits, someMember),
};
for (const s of Object.values(services)) s.checkCampaign(campaignId);
const res: Record<string, number[]> = {};
const ROUNDS = Number(process.env.ROUNDS ?? 7);
for (let k = 0; k < ROUNDS; k++) {
  for (const [c, edit] of Object.entries(cases)) {
    for (const [name, s] of k % 2 ? Object.entries(services).reverse() : Object.entries(services)) {
      edit();
      const c0 = process.cpuUsage();
      s.checkCampaign(campaignId);
      const u = process.cpuUsage(c0);
      (res[`${c} ${name}`] ??= []).push((u.user + u.system) / 1000);
    }
  }
}
for (const [k, v] of Object.entries(res)) console.log('AB', k, 'median', v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(0), '|', v.map((x) => x.toFixed(0)).join(' '));
t.cleanup();
