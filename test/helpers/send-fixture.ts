// An approved campaign ready to send, built through the real services (users with PINs, list,
// SMTP profile, campaign, approval request and a second user's sign-off) on a real SQLite file.
import type { Db } from '../../electron/db/connection';
import { insertImport } from '../../electron/db/repos/imports-repo';
import { createList, updateListMapping } from '../../electron/db/repos/lists-repo';
import { memberInserter } from '../../electron/db/repos/members-repo';
import { insertProfile } from '../../electron/db/repos/profiles-repo';
import { createAuditService, type AuditService } from '../../electron/services/audit/audit-service';
import { createApprovalService, type ApprovalService } from '../../electron/services/campaigns/approval-service';
import { createCampaignService, type CampaignService } from '../../electron/services/campaigns/campaign-service';
import type { Clock } from '../../electron/services/clock';
import { createUserService } from '../../electron/services/users/user-service';
import type { Timers } from '../../electron/services/send/timers';

interface FixtureMember {
  readonly email: string;
  readonly name: string;
  readonly fields: Record<string, string>;
}

export interface SendFixture {
  readonly audit: AuditService;
  readonly campaigns: CampaignService;
  readonly approvals: ApprovalService;
  readonly campaignId: number;
  readonly listId: number;
  readonly profileId: number;
  readonly members: FixtureMember[];
  readonly subject: string;
  readonly body: string;
}

export const SUBJECT = '【町内会】{{氏名}}様 会費のお知らせ';
export const BODY = '{{氏名}} 様\n\n{{地区}}地区の今年度の会費は {{会費}} 円です。\nよろしくお願いいたします。\n';

/** Members with Japanese names; addresses m0001@… are unique and sort like their index. */
function makeMembers(n: number): FixtureMember[] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(4, '0');
    const name = `山田 花子${k}`;
    return { email: `m${k}@example.jp`, name, fields: { 氏名: name, 地区: `第${(i % 9) + 1}`, 会費: String(1000 + i), メール: `m${k}@example.jp` } };
  });
}

export interface FixtureOptions {
  readonly members: number | FixtureMember[];
  readonly port: number;
  readonly maxConnections?: number;
  readonly perMinute?: number | null;
  readonly perHour?: number | null;
  readonly perDay?: number | null;
  readonly carrierPerMinute?: number | null;
  readonly authUser?: string | null;
  /** 'oauth2': the account logs in with XOAUTH2 (a sign-in must be stored for it). */
  readonly authMethod?: 'password' | 'oauth2';
  /** The profile's encryption; 'none' unless a test needs STARTTLS or TLS against its server. */
  readonly security?: 'none' | 'starttls' | 'tls';
  readonly cancelWindowS?: number;
  /** Files added to the campaign before approval is requested. */
  readonly attachments?: readonly { readonly fileName: string; readonly content: Uint8Array }[];
}

export async function approvedCampaign(db: Db, clock: Clock, o: FixtureOptions): Promise<SendFixture> {
  const audit = createAuditService({ db, clock });
  const users = createUserService({ db, clock, audit });
  const approvals = createApprovalService({ db, clock, audit, users });
  const campaigns = createCampaignService({ db, clock, audit, approvals });
  const requester = await users.createUser('佐藤 operator', '1357');
  const approver = await users.createUser('鈴木 approver', '2468');
  const members = typeof o.members === 'number' ? makeMembers(o.members) : o.members;
  const now = clock.now();
  const list = createList(db, '町内会 会員', now);
  db.transaction(() => {
    updateListMapping(db, list.id, { columns: ['氏名', '地区', '会費', 'メール'], emailColumn: 'メール', nameColumn: '氏名', keyColumn: null }, now);
    const importId = insertImport(db, {
      listId: list.id, fileName: 'members.csv', sha256: 'x', encoding: 'utf-8', delimiter: ',',
      totalRows: members.length, acceptedRows: members.length, rejectedRows: 0, importedBy: null, createdAt: now, report: {},
    });
    const insert = memberInserter(db, list.id, importId);
    members.forEach((m, i) => insert({ line: i + 2, email: m.email, name: m.name, key: null, fields: m.fields, change: null }));
  })();
  const profileId = insertProfile(db, {
    name: 'local', host: '127.0.0.1', port: o.port, security: o.security ?? 'none', authUser: o.authUser ?? null,
    fromAddress: 'info@chounaikai.example.jp', fromName: '桜町 町内会', perMinute: o.perMinute ?? null,
    perHour: o.perHour ?? null, perDay: o.perDay ?? null, carrierPerMinute: o.carrierPerMinute ?? null, maxConnections: o.maxConnections ?? 2, practice: false,
    authMethod: o.authMethod ?? 'password', oauthProvider: o.authMethod === 'oauth2' ? 'custom' : null,
  }, now);
  const c = campaigns.createCampaign({
    listId: list.id, name: '会費のお知らせ', subjectTemplate: SUBJECT, bodyTemplate: BODY, profileId,
    cancelWindowS: o.cancelWindowS ?? 10, createdBy: requester.id,
  }, requester.name);
  for (const a of o.attachments ?? []) await campaigns.addAttachment(c.id, a, requester.name);
  await approvals.requestApproval(c.id, requester.id, '1357');
  await approvals.approve(c.id, approver.id, '2468');
  return { audit, campaigns, approvals, campaignId: c.id, listId: list.id, profileId, members, subject: SUBJECT, body: BODY };
}

/**
 * Timers for tests: each fires on the next turn of the event loop after moving the manual clock
 * to its due time, so backoffs and rate-limit waits take no real time. Timers created while
 * `hold` is true are parked and never fire (the test drives tick() itself).
 */
export function fastTimers(clock: { now(): number; advance(ms: number): void }): Timers & { hold: boolean; parked(): number } {
  const parked = new Set<object>();
  const cleared = new WeakSet<object>();
  const t = {
    hold: false,
    setTimeout(fn: () => void, ms: number): unknown {
      const handle = {};
      const due = clock.now() + ms;
      if (t.hold) {
        parked.add(handle);
        return handle;
      }
      setImmediate(() => {
        if (cleared.has(handle)) return;
        if (due > clock.now()) clock.advance(due - clock.now());
        fn();
      });
      return handle;
    },
    clearTimeout(h: unknown): void {
      if (h && typeof h === 'object') {
        cleared.add(h);
        parked.delete(h);
      }
    },
    parked: () => parked.size,
  };
  return t;
}
