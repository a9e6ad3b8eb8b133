// The owner of "after the send" over IMAP (issue 13): a mail account's IMAP settings (password in
// the SecretStore), reading bounces back and matching them to sends, the Sent-folder copy after a
// run, and putting bounced members on the suppression list. Button to SQL: handler → this → repos.
import type { BounceScanDto, BounceSummaryDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ImapAccount } from '../../../shared/imap-account';
import type { Db } from '../../db/connection';
import { bounceCounts, bouncedMembers, recordBounce } from '../../db/repos/bounces-repo';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import * as imapRepo from '../../db/repos/imap-accounts-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { countByStatus, sentRecipients } from '../../db/repos/sends-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import type { SecretStore } from '../secrets/secret-store';
import { imapAuth, openImap, type ImapTimeouts } from './imap-connection';
import { isLoopbackHost, validateImap, type ImapInput } from './imap-rules';
import { readNewReports } from './mailbox-reader';
import { matchReport } from './match-bounce';
import { appendSentCopy } from './sent-copy';

const INBOX = 'INBOX';
const DAY = 86_400_000;
/** Bounces can come hours after a send: the mailbox is read again this long after the last read. */
export const SCAN_EVERY_MS = 30 * 60_000;

export interface BounceServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly audit: AuditService;
  /** The approved files of a campaign, for the Sent copy. */
  readonly attachments: (campaignId: number) => readonly { readonly fileName: string; readonly content: Buffer }[];
  /** The organisation's suppression list (recipients service). */
  readonly suppress: (address: string, note: string | null, actor: string | null) => void;
  /** An access token of a mail account that signs in with Microsoft or Google (oauth-service.ts). */
  readonly accessToken?: (profileId: number, renew: boolean) => Promise<string>;
  readonly timeouts?: Partial<ImapTimeouts>;
  /** Practice mode: IMAP settings may only name this machine (there is no real mailbox to read). */
  readonly localImapOnly?: boolean;
}

const secretRef = (profileId: number) => `imap-account:${profileId}`;

export function createBounceService(deps: BounceServiceDeps) {
  const { db, clock, secrets, audit } = deps;
  /** One mailbox session per account at a time: a second "check" waits for the first. */
  const busy = new Map<number, Promise<unknown>>();
  /** The last periodic read's failure per account: the audit log says it once, not every half hour. */
  const lastFailure = new Map<number, string>();
  /** When a periodic read of each account was last tried: a failing server is tried every half hour too. */
  const lastTried = new Map<number, number>();

  function account(profileId: number): ImapAccount {
    const a = imapRepo.getImapAccount(db, profileId);
    if (!a) throw new AppError('not-found', 'This mail account has no IMAP settings', { profileId });
    return a;
  }

  async function connect(a: ImapAccount) {
    const profile = getProfileRow(db, a.profileId);
    if (profile?.authMethod === 'oauth2') return connectSignedIn(a, profile.authUser ?? a.authUser);
    const ref = imapRepo.getImapSecretRef(db, a.profileId);
    const password = ref ? await secrets.get(ref) : null;
    return openImap(a, imapAuth(a, password), deps.timeouts);
  }

  /**
   * A Microsoft 365 or Google account (which refuse passwords) reads its mailbox with the token of
   * the sign-in it sends with, as the mailbox that signed in. A refused token is renewed once: it
   * may have been withdrawn, or issued by a sign-in from before Tayori asked for IMAP.
   */
  async function connectSignedIn(a: ImapAccount, mailbox: string) {
    const token = deps.accessToken;
    if (!token) throw new AppError('oauth-signin-required', 'This mail account signs in with its provider, which is not available here', { profileId: a.profileId });
    const open = async (renew: boolean) => openImap(a, { user: mailbox, accessToken: await token(a.profileId, renew) }, deps.timeouts);
    try {
      return await open(false);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'imap-auth')) throw e;
    }
    try {
      return await open(true);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'imap-auth')) throw e;
      throw new AppError('imap-oauth-refused', 'The IMAP server refused the sign-in: sign in to the mail account again and allow reading the mailbox', { profileId: a.profileId, host: a.host });
    }
  }

  function exclusive<T>(profileId: number, work: () => Promise<T>): Promise<T> {
    const prev = busy.get(profileId) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(work);
    busy.set(profileId, next);
    return next.finally(() => {
      if (busy.get(profileId) === next) busy.delete(profileId);
    });
  }

  async function scanAccount(profileId: number, actor: string | null, periodic = false): Promise<BounceScanDto> {
    const a = account(profileId);
    const client = await connect(a);
    try {
      const since = imapRepo.getScanState(db, profileId, INBOX);
      const scan = await readNewReports(client, INBOX, since, a.readOnly);
      const now = clock.now();
      let recorded = 0, hard = 0, soft = 0, unmatched = 0;
      const toMove: number[] = [];
      db.transaction(() => {
        for (const { uid, report } of scan.reports) {
          const m = matchReport(db, report);
          if (!m) {
            unmatched++;
            continue;
          }
          toMove.push(uid);
          const added = recordBounce(db, {
            campaignId: m.send.campaignId, sendId: m.send.sendId, kind: m.recipient.kind, statusCode: m.recipient.statusCode,
            diagnostic: m.recipient.diagnostic, reportedBy: report.reportedBy, receivedAt: report.receivedAt ?? now, reportMessageId: report.reportMessageId,
          }, now);
          if (!added) continue;
          recorded++;
          if (m.recipient.kind === 'hard') hard++;
          else soft++;
        }
        imapRepo.setScanState(db, profileId, INBOX, { uidValidity: scan.uidValidity, lastUid: scan.lastUid, scannedAt: now });
      })();
      let moved = 0;
      // The one write to the mailbox, only when the user turned it on, only matched bounces.
      if (!a.readOnly && a.bounceFolder && toMove.length > 0) {
        const boxes = await client.list();
        if (!boxes.some((b) => b.path === a.bounceFolder)) await client.mailboxCreate(a.bounceFolder);
        const r = await client.messageMove(toMove.join(','), a.bounceFolder, { uid: true });
        moved = r ? (r.uidMap?.size ?? toMove.length) : 0;
      }
      const result = { read: scan.read, reports: scan.reports.length, recorded, hard, soft, unmatched, moved };
      // A periodic read that found nothing new is not worth a line in the log every half hour.
      if (!periodic || result.read > 0) audit.record('bounces.scanned', { actor, details: { profileId, ...result, ...(periodic ? { periodic } : {}) } });
      return result;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  function lastRunEnd(campaignId: number): number | null {
    const r = db.prepare('SELECT MAX(finished_at) AS at FROM sends WHERE campaign_id = ?').get(campaignId) as { at: number | null };
    return r.at;
  }

  function profileOf(campaignId: number): number {
    const c = mustGetCampaign(db, campaignId);
    if (c.profileId === null) throw new AppError('not-found', 'The notice has no mail account', { campaignId });
    return c.profileId;
  }

  let due: Promise<number> | null = null;
  async function lookForDue(): Promise<number> {
    let read = 0;
    for (const a of imapRepo.listImapAccounts(db)) {
      const now = clock.now();
      if (!imapRepo.sentThroughSince(db, a.profileId, now - a.scanDays * DAY)) continue;
      const last = Math.max(imapRepo.getScanState(db, a.profileId, INBOX)?.scannedAt ?? 0, lastTried.get(a.profileId) ?? 0);
      if (now - last < SCAN_EVERY_MS) continue;
      lastTried.set(a.profileId, now);
      try {
        await exclusive(a.profileId, () => scanAccount(a.profileId, null, true));
        lastFailure.delete(a.profileId);
        read++;
      } catch (e) {
        const code = e instanceof AppError ? e.code : 'internal';
        if (lastFailure.get(a.profileId) !== code) audit.record('bounces.scan-failed', { details: { profileId: a.profileId, code, periodic: true } });
        lastFailure.set(a.profileId, code);
      }
    }
    return read;
  }

  return {
    getAccount: (profileId: number): ImapAccount | null => imapRepo.getImapAccount(db, profileId) ?? null,

    async saveAccount(profileId: number, input: ImapInput, actor: string | null): Promise<ImapAccount> {
      if (!getProfileRow(db, profileId)) throw new AppError('not-found', 'No such mail account', { profileId });
      const before = imapRepo.getImapAccount(db, profileId);
      const fields = validateImap(input);
      if (deps.localImapOnly && !isLoopbackHost(fields.host)) {
        throw new AppError('practice-imap-local', 'In practice mode the IMAP server can only be 127.0.0.1 or localhost.', { host: fields.host });
      }
      const now = clock.now();
      imapRepo.upsertImapAccount(db, profileId, fields, now);
      if (input.password !== undefined) {
        if (input.password === null || input.password === '') {
          await secrets.delete(secretRef(profileId));
          imapRepo.setImapSecretRef(db, profileId, null, now);
        } else {
          await secrets.set(secretRef(profileId), input.password);
          imapRepo.setImapSecretRef(db, profileId, secretRef(profileId), now);
        }
      }
      // A new server or user is another mailbox: its UIDs say nothing about the old one's.
      if (before && (before.host !== fields.host || before.authUser !== fields.authUser)) imapRepo.clearScanState(db, profileId);
      const after = account(profileId);
      audit.record(before ? 'imap.updated' : 'imap.created', {
        actor,
        details: { profileId, host: after.host, port: after.port, security: after.security, readOnly: after.readOnly, bounceFolder: after.bounceFolder, sentCopy: after.sentCopy, passwordChanged: input.password !== undefined },
      });
      return after;
    },

    async removeAccount(profileId: number, actor: string | null): Promise<void> {
      account(profileId);
      await secrets.delete(secretRef(profileId));
      imapRepo.deleteImapAccount(db, profileId);
      audit.record('imap.deleted', { actor, details: { profileId } });
    },

    /**
     * The periodic look for late bounces (services.ts calls it on a timer): every account whose
     * mail account sent within its scanDays, read SCAN_EVERY_MS after its last read. Returns the
     * number of accounts read. A failure is audited once until it changes or a read succeeds.
     */
    scanDue(): Promise<number> {
      // A look still reading (a slow server) is the one the next tick waits for, not a second.
      due ??= lookForDue().finally(() => (due = null));
      return due;
    },

    /** Signs in and opens INBOX read-only: nothing is read or changed. */
    async testAccount(profileId: number): Promise<{ messages: number }> {
      const client = await connect(account(profileId));
      try {
        const box = await client.mailboxOpen(INBOX, { readOnly: true });
        return { messages: box.exists };
      } finally {
        await client.logout().catch(() => client.close());
      }
    },

    /** "Check for bounces" for a notice: within scanDays after its run (the setting). */
    async checkCampaign(campaignId: number, actor: string | null): Promise<BounceScanDto> {
      const profileId = profileOf(campaignId);
      const a = account(profileId);
      const end = lastRunEnd(campaignId);
      if (end === null) throw new AppError('send-state', 'This notice has not been sent yet', { campaignId });
      if (clock.now() > end + a.scanDays * DAY) {
        throw new AppError('conflict', `Bounces are read for ${a.scanDays} days after a send`, { campaignId, scanDays: a.scanDays, until: end + a.scanDays * DAY });
      }
      return exclusive(profileId, () => scanAccount(profileId, actor));
    },

    /** Reads the account's INBOX now, for every notice (the benchmark and the after-run hook). */
    scanProfile: (profileId: number, actor: string | null): Promise<BounceScanDto> => exclusive(profileId, () => scanAccount(profileId, actor)),

    /** After a run: the Sent copy (unless off), then a first look for bounces. Failures are audited, never thrown. */
    async afterRun(campaignId: number): Promise<void> {
      const c = mustGetCampaign(db, campaignId);
      const a = c.profileId === null ? undefined : imapRepo.getImapAccount(db, c.profileId);
      const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
      if (!a || !profile) return;
      await exclusive(a.profileId, async () => {
        if (a.sentCopy === 'off') return;
        const everyone = sentRecipients(db, campaignId);
        const recipients = everyone.filter((r) => r.status === 'sent' || r.status === 'bounced' || r.status === 'unknown');
        const client = await connect(a);
        try {
          const appended = await appendSentCopy(client, {
            mode: a.sentCopy, folder: a.sentFolder, sender: { address: profile.fromAddress, name: profile.fromName },
            template: { subject: c.subjectTemplate, body: c.bodyTemplate }, attachments: deps.attachments(campaignId),
            recipients, everyone, now: clock.now(),
          });
          audit.record('imap.sent-copy', { campaignId, listId: c.listId, details: { mode: a.sentCopy, folder: a.sentFolder, appended } });
        } finally {
          await client.logout().catch(() => client.close());
        }
      }).catch((e: unknown) => audit.record('imap.sent-copy-failed', { campaignId, details: { code: e instanceof AppError ? e.code : 'internal' } }));
      await exclusive(a.profileId, () => scanAccount(a.profileId, null)).catch((e: unknown) =>
        audit.record('bounces.scan-failed', { campaignId, details: { code: e instanceof AppError ? e.code : 'internal' } }),
      );
    },

    summary(campaignId: number): BounceSummaryDto {
      const c = mustGetCampaign(db, campaignId);
      const a = c.profileId === null ? undefined : imapRepo.getImapAccount(db, c.profileId);
      const counts = countByStatus(db, campaignId);
      const { hard, soft } = bounceCounts(db, campaignId);
      const end = lastRunEnd(campaignId);
      return {
        sent: counts.sent + counts.bounced,
        hard,
        soft,
        members: bouncedMembers(db, campaignId),
        lastScanAt: a ? (imapRepo.getScanState(db, a.profileId, INBOX)?.scannedAt ?? null) : null,
        scanUntil: a && end !== null ? end + a.scanDays * DAY : null,
      };
    },

    /** Puts the notice's hard-bounced members (those given) on the suppression list; audited per address and as one action. */
    suppressBounced(campaignId: number, sendIds: readonly number[], actor: string | null): number {
      const hardOnes = bouncedMembers(db, campaignId).filter((m) => m.kind === 'hard' && sendIds.includes(m.sendId));
      if (hardOnes.length !== new Set(sendIds).size) {
        throw new AppError('validation', 'Only members of this notice with a hard bounce can be suppressed here', { campaignId });
      }
      db.transaction(() => {
        for (const m of hardOnes) deps.suppress(m.email, `${m.statusCode ?? ''} ${m.diagnostic ?? ''}`.trim().slice(0, 500) || null, actor);
        audit.record('bounces.suppressed', { actor, campaignId, details: { count: hardOnes.length, sendIds: hardOnes.map((m) => m.sendId) } });
      })();
      return hardOnes.length;
    },
  };
}

