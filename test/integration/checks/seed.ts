// Seeds a real SQLite database for the check-service tests with plain SQL against the core
// schema (0001_core): users, a list with members, a profile, settings, a campaign and its files.
import { storedFields } from '../../helpers/stored-fields';
import { createHash } from 'node:crypto';
import type { Db } from '../../../electron/db/connection';
import { SETTING_KEYS } from '../../../electron/services/checks';

export interface SeedMember {
  email: string;
  name: string;
  fields?: Record<string, string>;
  change?: 'new' | 'email-changed' | 'name-changed' | null;
}

export interface Seed {
  members: readonly SeedMember[];
  columns?: readonly string[];
  template?: { subject: string; body: string };
  fromAddress?: string | null;
  settings?: Partial<Record<keyof typeof SETTING_KEYS, string>>;
  users?: number;
  attachments?: Record<string, Uint8Array>;
  /** Size of an earlier send to the same list. */
  earlierSendCount?: number;
}

const NOW = 1_700_000_000_000;

export function seedCampaign(db: Db, s: Seed): { campaignId: number; listId: number } {
  return db.transaction(() => {
    const users = s.users ?? 2;
    for (let i = 0; i < users; i++) {
      db.prepare('INSERT INTO users (name, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?)').run(`user${i + 1}`, 'h', 's', NOW);
    }
    for (const [k, v] of Object.entries(s.settings ?? {})) {
      db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SETTING_KEYS[k as keyof typeof SETTING_KEYS], v);
    }
    const columns = s.columns ?? ['email', 'name'];
    const listId = Number(
      db
        .prepare("INSERT INTO lists (name, columns_json, email_column, name_column, created_at, updated_at) VALUES ('list', ?, 'email', 'name', ?, ?)")
        .run(JSON.stringify(columns), NOW, NOW).lastInsertRowid,
    );
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at)
           VALUES (?, 'list.csv', 'x', 'utf-8', ',', ?, ?, 0, '{}', ?)`,
        )
        .run(listId, s.members.length, s.members.length, NOW).lastInsertRowid,
    );
    const insertMember = db.prepare(
      `INSERT INTO members (list_id, line, email, name, fields_json, change, first_seen_import, last_seen_import)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    s.members.forEach((m, i) => {
      const fields = { email: m.email, name: m.name, ...(m.fields ?? {}) };
      insertMember.run(listId, i + 2, m.email, m.name, storedFields(db, fields), m.change ?? null, importId, importId);
    });
    if (s.earlierSendCount) earlierSend(db, listId, s.earlierSendCount);
    let profileId: number | null = null;
    if (s.fromAddress !== null) {
      profileId = Number(
        db
          .prepare(
            `INSERT INTO smtp_profiles (name, host, port, security, from_address, created_at, updated_at)
             VALUES ('office', 'smtp.example.jp', 587, 'starttls', ?, ?, ?)`,
          )
          .run(s.fromAddress ?? 'info@tayori-town.jp', NOW, NOW).lastInsertRowid,
      );
    }
    const t = s.template ?? { subject: 'お知らせ', body: '{{name}} 様\n\n夏祭りは8月3日です。' };
    const campaignId = Number(
      db
        .prepare(
          `INSERT INTO campaigns (list_id, profile_id, name, subject_template, body_template, created_by, created_at, updated_at)
           VALUES (?, ?, 'notice', ?, ?, 1, ?, ?)`,
        )
        .run(listId, profileId, t.subject, t.body, NOW, NOW).lastInsertRowid,
    );
    for (const [fileName, content] of Object.entries(s.attachments ?? {})) {
      const sha = createHash('sha256').update(content).digest('hex');
      db.prepare('INSERT INTO attachments (campaign_id, file_name, sha256, bytes, content, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        campaignId,
        fileName,
        sha,
        content.byteLength,
        Buffer.from(content),
        NOW,
      );
    }
    return { campaignId, listId };
  })();
}

/** Freezes the campaign's recipients as the campaign service does: copies of the member rows. */
export function freezeSnapshot(db: Db, campaignId: number, listId: number): void {
  db.prepare(
    `INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json)
     SELECT ?, row_number() OVER (ORDER BY id) - 1, id, email, name, fields_json FROM members WHERE list_id = ?`,
  ).run(campaignId, listId);
  // As a request leaves it: a draft with a snapshot is one whose request was voided (checked against its list).
  db.prepare("UPDATE campaigns SET status = 'pending_approval' WHERE id = ? AND status = 'draft'").run(campaignId);
}

/** An earlier campaign to the same list that went to `count` members (created before the new one). */
function earlierSend(db: Db, listId: number, count: number): void {
  const id = Number(
    db
      .prepare("INSERT INTO campaigns (list_id, name, created_at, updated_at) VALUES (?, 'earlier', ?, ?)")
      .run(listId, NOW - 1000, NOW - 1000).lastInsertRowid,
  );
  const ins = db.prepare("INSERT INTO snapshots (campaign_id, position, email, fields_json) VALUES (?, ?, ?, '{}')");
  for (let i = 0; i < count; i++) ins.run(id, i, `old${i}@example.jp`);
}
