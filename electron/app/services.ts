// The composition of every service over one database: the real one, or the practice one (then
// the SMTP transport can only reach the practice outbox). Both hosts build services here.
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { lockDatabase } from '../db/database-lock';
import { createAuditService } from '../services/audit/audit-service';
import { createApprovalAddressService } from '../services/approvals/approval-address-service';
import { createCodeKey } from '../services/approvals/approval-code';
import { createApprovalCodeService } from '../services/approvals/approval-code-service';
import { createBounceService } from '../services/bounces/bounce-service';
import type { ImapTimeouts } from '../services/bounces/imap-connection';
import { createApprovalService } from '../services/campaigns/approval-service';
import { createCampaignService } from '../services/campaigns/campaign-service';
import { createCheckService } from '../services/checks';
import { extractMissingTexts } from '../services/checks/attachment-text';
import type { Clock } from '../services/clock';
import { createImportService } from '../services/import';
import type { PracticeWorkspace } from '../services/practice/practice-mode';
import { practiceSecretStore } from '../services/practice/practice-secrets';
import { createPreviewService } from '../services/preview-service';
import { createProfileService } from '../services/profiles/profile-service';
import { createOAuthConfigStore, NO_OAUTH_DEFAULTS, type OAuthClientConfig } from '../services/oauth/oauth-config';
import { createOAuthService, type OAuthService } from '../services/oauth/oauth-service';
import type { SecretStore } from '../services/secrets/secret-store';
import { createSendService } from '../services/send/send-service';
import { createRecipientsService } from '../services/recipients/recipients-service';
import { createSearchIndexService } from '../services/search-index/search-index-service';
import { stopCheckpoints } from '../db/wal-checkpointer';
import { createReportService } from '../services/reports/report-service';
import { createTestSendService } from '../services/test-send/test-send-service';
import { createUserService } from '../services/users/user-service';
import { DEFAULT_QUIET_HOURS, type QuietHours } from '../services/send/quiet-hours';
import type { TransportFactory } from '../services/send/send-types';
import { readLateLimitHours, readQuietHours } from '../services/settings/app-settings';
import type { AccessTokenSource, TransportTimeouts } from '../smtp/transport-options';
import { createSettingsStore } from './settings-store';
import { createTransportFactory } from './transports';
import type { MailTransport } from '../smtp/mail-transport';
import type { SmtpProfile } from '../../shared/smtp-profile';

/** How often the app looks whether a mailbox is due to be read for late bounces (SCAN_EVERY_MS decides). */
const BOUNCE_LOOK_EVERY_MS = 5 * 60_000;

/** What the services of every workspace share; the app core keeps these across workspace switches. */
export interface ServicesBase {
  readonly dataDir: string;
  readonly secretStore: SecretStore;
  readonly clock: Clock;
  readonly smtpTimeouts?: Partial<TransportTimeouts>;
  readonly imapTimeouts?: Partial<ImapTimeouts>;
  /** Substitute SMTP transport (tests); the practice-only check still runs before it. */
  readonly createTransport?: (profile: SmtpProfile, password: string | null, accessToken?: AccessTokenSource) => MailTransport;
  /** The OAuth clients a build carries (Settings may set the organisation's own). */
  readonly oauthDefaults?: OAuthClientConfig;
  /** How long a sign-in waits for the browser (tests shorten it). */
  readonly oauthSignInTimeoutMs?: number;
  /** Quiet hours until the organisation sets its own (21:00-08:00 unless given; null: none). */
  readonly defaultQuietHours?: QuietHours | null;
}

export interface ServicesOptions extends ServicesBase {
  /** The real database file; ignored when practice is given (it brings its own database). */
  readonly dbFile?: string;
  readonly practice?: PracticeWorkspace;
}

export function createServices(options: ServicesOptions) {
  const { clock, practice } = options;
  // Practice mode gets its own secret names: it can never reach the real account's secrets.
  const secrets = practice ? practiceSecretStore(options.secretStore) : options.secretStore;
  const dbFile = options.dbFile ?? join(options.dataDir, 'tayori.db');
  // Before anything is read: a second process on the file would clear this one's running import.
  const lock = practice ? null : lockDatabase(dbFile);
  let db: Db;
  try {
    db = practice ? practice.db : openDatabase(dbFile);
  } catch (e) {
    lock?.release();
    throw e;
  }
  const audit = createAuditService({ db, clock });
  const users = createUserService({ db, clock, audit });
  // The OAuth service needs the profiles and the profiles' "test connection" needs its tokens.
  let oauth: OAuthService | null = null;
  const accessToken = (profileId: number, renew: boolean) => oauth!.accessToken(profileId, renew);
  const profiles = createProfileService({ db, clock, secrets, audit, accessToken, ...(options.smtpTimeouts ? { timeouts: options.smtpTimeouts } : {}) });
  const oauthConfig = createOAuthConfigStore(db, options.oauthDefaults ?? NO_OAUTH_DEFAULTS);
  oauth = createOAuthService({
    db, clock, secrets, audit, config: oauthConfig, getProfile: (id) => profiles.getProfile(id),
    ...(options.oauthSignInTimeoutMs !== undefined ? { signInTimeoutMs: options.oauthSignInTimeoutMs } : {}),
  });
  const oauthService = oauth;
  const checks = createCheckService({ db });
  // The approval's gate reuses the report the check or approval screen showed while nothing was
  // written since (check-service.ts); the report the request computed inside its transaction is
  // kept once it committed, for the approval summary it answers with.
  const approvals = createApprovalService({ db, clock, audit, users, checks: (id) => checks.latestReport(id), keepChecks: (id, report) => checks.keepCommitted(id, report) });
  const campaigns = createCampaignService({ db, clock, audit, approvals });
  // The search index is built off the import's path: it waits while any import runs.
  let importsRunning = 0;
  const imports = whileRunning(createImportService({ db, clock }), ['importFile', 'importBuffer', 'previewBuffer'], (d) => (importsRunning += d));
  const searchIndex = createSearchIndexService({ db, paused: () => importsRunning > 0 });
  searchIndex.start();
  // An import cut off by a crash left a pending list: its rows go now, not at the next import,
  // so the search index (which waits while any list is pending) is not held up until then.
  void imports.discardAbandoned().catch(() => undefined);
  const preview = createPreviewService({ db });
  const transportFor: TransportFactory = createTransportFactory({
    password: (id) => profiles.getPassword(id),
    accessToken,
    ...(practice ? { practiceOutbox: practice.outbox } : {}),
    ...(options.smtpTimeouts ? { timeouts: options.smtpTimeouts } : {}),
    ...(options.createTransport ? { create: options.createTransport } : {}),
  });
  // A rehearsal in the practice workspace sends at once, whatever the hour.
  const quietDefault = practice ? null : options.defaultQuietHours === undefined ? DEFAULT_QUIET_HOURS : options.defaultQuietHours;
  const settings = createSettingsStore(db, audit, quietDefault);
  const send = createSendService({ db, clock, transportFactory: transportFor, approvals, audit, quietHours: () => readQuietHours(db, quietDefault), lateLimitMs: readLateLimitHours(db) * 3_600_000 });
  const recipients = createRecipientsService({ db, clock, audit });
  const reports = createReportService({ db, clock, audit });
  const testSend = createTestSendService({ db, clock, audit, users, transportFor });
  const approvalAddresses = createApprovalAddressService({ db, clock, audit, users });
  const approvalCodes = createApprovalCodeService({ db, clock, audit, users, approvals, addresses: approvalAddresses, transportFor, key: createCodeKey(secrets) });
  const bounces = createBounceService({
    db, clock, secrets, audit, accessToken,
    attachments: (id) => approvals.attachmentsForSend(id),
    suppress: (address, note, actor) => recipients.suppress(address, 'bounced', note, actor),
    ...(options.imapTimeouts ? { timeouts: options.imapTimeouts } : {}),
    // Practice has no real mailbox: its IMAP settings may only point at this machine.
    localImapOnly: practice !== undefined,
  });
  // After a run ends (sending → completed or stopped): the Sent copy and a first look for
  // bounces. Practice mode has no mailbox to read.
  const lastState = new Map<number, string>();
  const afterRuns = new Set<Promise<void>>();
  if (!practice) {
    send.onProgress((p) => {
      const before = lastState.get(p.campaignId);
      lastState.set(p.campaignId, p.state);
      if (before === 'sending' && (p.state === 'completed' || p.state === 'stopped')) {
        const work = bounces.afterRun(p.campaignId).catch(() => undefined);
        track(work);
      }
    });
  }
  // Bounces can arrive hours after a send: while the app is open, each mail account's mailbox is
  // read again every half hour for its days of checking (bounce-service.ts scanDue).
  let bounceTimer: ReturnType<typeof setInterval> | null = null;
  if (!practice) {
    bounceTimer = setInterval(() => track(bounces.scanDue().then(() => undefined, () => undefined)), BOUNCE_LOOK_EVERY_MS);
    bounceTimer.unref();
  }
  function track(work: Promise<void>): void {
    afterRuns.add(work);
    void work.finally(() => afterRuns.delete(work));
  }
  // Messages that were in flight when the app last stopped become "unknown" (never resent
  // silently), interrupted runs become paused, and cancel windows are re-armed.
  send.recoverAfterCrash();
  // PDFs attached before their text was stored on adding (migration 0007) are read once; a
  // workspace closed meanwhile leaves the rest for its next start.
  void extractMissingTexts(db, () => clock.now()).catch(() => undefined);

  return {
    db,
    clock,
    workspace: practice ? ('practice' as const) : ('real' as const),
    practice: practice ?? null,
    audit,
    users,
    profiles,
    oauth: oauthService,
    oauthConfig,
    checks,
    campaigns,
    approvals,
    imports,
    preview,
    searchIndex,
    settings,
    transportFor,
    send,
    testSend,
    recipients,
    approvalAddresses,
    approvalCodes,
    bounces,
    /** Resolves when the after-run work (Sent copy, first bounce check) begun so far is done. */
    afterRunsSettled: () => Promise.all([...afterRuns]).then(() => undefined),
    reports,
    /** Closes what this set of services opened (the practice workspace closes its own database). */
    async close(): Promise<void> {
      searchIndex.stop();
      if (bounceTimer) clearInterval(bounceTimer);
      await send.dispose();
      await Promise.all([...afterRuns]);
      oauthService.close();
      // The checkpointer's thread has its own connection to the file: it goes first.
      await stopCheckpoints(db);
      if (practice) await practice.close();
      else db.close();
      lock?.release();
    },
  };
}

export type Services = ReturnType<typeof createServices>;

/** The same service, counting (+1, then -1 when settled) while any of the named async methods runs. */
function whileRunning<T extends object, K extends keyof T>(service: T, methods: readonly K[], count: (delta: 1 | -1) => void): T {
  const wrapped = { ...service };
  for (const name of methods) {
    const fn = service[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    (wrapped as Record<K, unknown>)[name] = async (...args: unknown[]) => {
      count(1);
      try {
        return await fn.apply(service, args);
      } finally {
        count(-1);
      }
    };
  }
  return wrapped;
}
