// Benchmark of reading bounces back (issue 13): a real Dovecot mailbox of 10,000 messages, 1,000
// of them bounce reports (every shape of test/fixtures/bounces) about sends of one campaign,
// scanned and matched through the bounce service. The maildir is written directly (fast to
// fill), then indexed as delivery would have indexed it; the scan is measured on its own.
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upsertImapAccount, setImapSecretRef } from '../../electron/db/repos/imap-accounts-repo';
import { createAuditService } from '../../electron/services/audit/audit-service';
import { createBounceService } from '../../electron/services/bounces/bounce-service';
import { systemClock } from '../../electron/services/clock';
import { createMemorySecretStore } from '../../electron/services/secrets/secret-store';
import { BOUNCE_FIXTURES, bounceFixture } from '../helpers/bounce-fixtures';
import { dovecotAvailable, startDovecot } from '../helpers/dovecot';
import { tempDb } from '../helpers/tmp';
import { seedCampaign } from '../integration/checks/seed';
import type { Report } from './report';

const TOTAL = 10_000;
const BOUNCES = 1_000;
const MAIL_UID = 8;

function ordinary(i: number): Buffer {
  return Buffer.from(
    `From: member${i}@example.jp\r\nTo: office@example.test\r\nSubject: Re: お知らせ ${i}\r\nMessage-ID: <reply-${i}@example.jp>\r\n` +
      `Date: Mon, 05 Jan 2026 12:00:00 +0900\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${'ありがとうございます。\r\n'.repeat(20)}`,
  );
}

export async function run(report: Report): Promise<void> {
  if (!dovecotAvailable()) return;
  const t = tempDb();
  const d = await startDovecot();
  try {
    const members = Array.from({ length: TOTAL }, (_, i) => ({ email: `m${i}@example.jp`, name: `会員 ${i}` }));
    const { campaignId } = seedCampaign(t.db, { members, fromAddress: 'office@example.test' });
    const profileId = (t.db.prepare('SELECT profile_id AS p FROM campaigns WHERE id = ?').get(campaignId) as { p: number }).p;
    t.db.transaction(() => {
      const snap = t.db.prepare("INSERT INTO snapshots (campaign_id, position, email, name, fields_json) VALUES (?, ?, ?, ?, '{}')");
      const send = t.db.prepare("INSERT INTO sends (campaign_id, snapshot_id, status, attempts, message_id, finished_at, updated_at) VALUES (?, ?, 'sent', 1, ?, 0, 0)");
      members.forEach((m, i) => send.run(campaignId, Number(snap.run(campaignId, i, m.email, m.name).lastInsertRowid), `<msg-${i}@example.test>`));
    })();
    const secrets = createMemorySecretStore();
    upsertImapAccount(t.db, profileId, { host: d.host, port: d.port, security: 'none', authUser: d.user, readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 7 }, 0);
    await secrets.set('imap-account:bench', d.password);
    setImapSecretRef(t.db, profileId, 'imap-account:bench', 0);

    for (const sub of ['cur', 'new', 'tmp']) {
      mkdirSync(join(d.maildir, sub), { recursive: true });
      chownSync(join(d.maildir, sub), MAIL_UID, MAIL_UID);
    }
    const fillStart = performance.now();
    const every = TOTAL / BOUNCES;
    for (let i = 0; i < TOTAL; i++) {
      const raw =
        i % every === 0
          ? bounceFixture(BOUNCE_FIXTURES[(i / every) % BOUNCE_FIXTURES.length]!, { messageId: `<msg-${i}@example.test>`, rcpt: `m${i}@example.jp`, reportId: `<report-${i}@mx.example>` })
          : ordinary(i);
      writeFileSync(join(d.maildir, 'cur', `1767582000.${String(i).padStart(5, '0')}.bench:2,`), raw);
    }
    report('bounce_mailbox_fill_ms', performance.now() - fillStart, 'ms');
    // Files written straight into the maildir skip what delivery does for each message (index it);
    // that is done here, outside the scan, and measured on its own.
    const indexStart = performance.now();
    d.index();
    report('bounce_mailbox_index_ms', performance.now() - indexStart, 'ms');

    const bounces = createBounceService({
      db: t.db, clock: systemClock, secrets, audit: createAuditService({ db: t.db, clock: systemClock }),
      attachments: () => [], suppress: () => undefined,
    });
    const start = performance.now();
    const scan = await bounces.scanProfile(profileId, null);
    report('bounce_scan_10k_ms', performance.now() - start, 'ms');
    report('bounce_scan_10k_read', scan.read, 'messages');
    report('bounce_scan_10k_matched', scan.recorded, 'bounces');
    report('bounce_scan_10k_unmatched', scan.unmatched, 'reports');
    const again = performance.now();
    await bounces.scanProfile(profileId, null);
    report('bounce_rescan_nothing_new_ms', performance.now() - again, 'ms');
  } finally {
    await d.stop();
    t.cleanup();
  }
}
