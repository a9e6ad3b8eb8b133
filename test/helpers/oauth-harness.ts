// A send service for an OAuth2 (XOAUTH2) mail account, wired as electron/app/services.ts wires it:
// the app's transport factory asking the OAuth service for tokens, the refresh token in an
// encrypted file secret store, the sign-in against a real authorization server on 127.0.0.1 and
// the messages into an SMTP server that checks each bearer token.
import { join } from 'node:path';
import { createTransportFactory } from '../../electron/app/transports';
import { manualClock } from '../../electron/services/clock';
import { createOAuthConfigStore, NO_OAUTH_DEFAULTS } from '../../electron/services/oauth/oauth-config';
import { createOAuthService, type OAuthService } from '../../electron/services/oauth/oauth-service';
import { createProfileService } from '../../electron/services/profiles/profile-service';
import { createAesKeyFileCipher } from '../../electron/services/secrets/aes-key-file';
import { createFileSecretStore } from '../../electron/services/secrets/file-secret-store';
import { createSendService, type SendService } from '../../electron/services/send/send-service';
import { startMockIssuer, type MockIssuer } from './oauth-issuer';
import { approvedCampaign, fastTimers, type SendFixture } from './send-fixture';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture';
import { tempDb } from './tmp';

export const MAILBOX = 'info@chounaikai.example.jp';

export interface OAuthHarness {
  readonly db: ReturnType<typeof tempDb>['db'];
  readonly dir: string;
  readonly issuer: MockIssuer;
  readonly smtp: SmtpCapture;
  readonly clock: ReturnType<typeof manualClock>;
  readonly fx: SendFixture;
  readonly oauth: OAuthService;
  readonly profiles: ReturnType<typeof createProfileService>;
  readonly svc: SendService;
  /** Signs the account in as its user would: start, let the "browser" go round, wait. */
  signIn(): Promise<void>;
  /** Schedules, lets the cancel window pass and starts the run (without waiting for it). */
  start(): void;
  cleanup(): Promise<void>;
}

export async function oauthHarness(o: { members: number; maxConnections?: number }): Promise<OAuthHarness> {
  const t = tempDb();
  const issuer = await startMockIssuer(MAILBOX);
  const smtp = await startSmtpCapture({ xoauth2: (user, token) => user === MAILBOX && issuer.accepts(token) });
  const clock = manualClock();
  const timers = fastTimers(clock);
  const fx = await approvedCampaign(t.db, clock, { members: o.members, port: smtp.port, authUser: MAILBOX, authMethod: 'oauth2', maxConnections: o.maxConnections ?? 2 });
  // The browser host's store: AES-256-GCM with a key file, so the token is never on disk in clear.
  const secrets = createFileSecretStore(join(t.dir, 'secrets.json'), createAesKeyFileCipher(join(t.dir, 'secret.key')));
  const config = createOAuthConfigStore(t.db, { ...NO_OAUTH_DEFAULTS, custom: { issuer: issuer.url, clientId: 'tayori-test', scope: null } });
  let oauth: OAuthService | null = null;
  const accessToken = (id: number, renew: boolean) => oauth!.accessToken(id, renew);
  const profiles = createProfileService({ db: t.db, clock, secrets, accessToken });
  oauth = createOAuthService({ db: t.db, clock, secrets, config, getProfile: (id) => profiles.getProfile(id), audit: fx.audit, signInTimeoutMs: 20_000 });
  const svc = createSendService({
    db: t.db,
    clock,
    timers,
    approvals: fx.approvals,
    audit: fx.audit,
    transportFactory: createTransportFactory({ password: (id) => profiles.getPassword(id), accessToken }),
  });
  const service = oauth;
  return {
    db: t.db,
    dir: t.dir,
    issuer,
    smtp,
    clock,
    fx,
    oauth: service,
    profiles,
    svc,
    async signIn() {
      const { flowId, url } = await service.begin(fx.profileId, 'operator');
      const page = await issuer.signInWithBrowser(url);
      if (!page.ok) throw new Error(`the browser came back with ${page.status}`);
      await service.wait(flowId);
    },
    start() {
      timers.hold = true;
      svc.schedule(fx.campaignId, 'operator');
      timers.hold = false;
      clock.advance(svc.remaining(fx.campaignId));
      if (svc.tick() !== 1) throw new Error('the run did not start');
    },
    async cleanup() {
      service.close();
      await svc.dispose();
      await smtp.close();
      await issuer.close();
      await t.cleanup();
    },
  };
}
