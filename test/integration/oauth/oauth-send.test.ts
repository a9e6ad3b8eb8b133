// OAuth2 end to end on loopback (issue 12): sign in against a real authorization server (PKCE,
// loopback redirect), the refresh token stored encrypted, send with XOAUTH2, the access token
// running out and refreshed (before expiry, and once more when the server refuses it), and a
// withdrawn sign-in pausing the run until someone signs in again, with every member sent once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countByStatus } from '../../../electron/db/repos/sends-repo';
import { getGrant } from '../../../electron/db/repos/oauth-grants-repo';
import { oauthHarness, MAILBOX, type OAuthHarness } from '../../helpers/oauth-harness';

let h: OAuthHarness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const HOUR = 3_600_000;

describe('OAuth2 sign-in and XOAUTH2 sending', () => {
  it('signs in with PKCE on 127.0.0.1 and keeps only an encrypted refresh token', async () => {
    h = await oauthHarness({ members: 1 });
    await h.signIn();
    const grant = getGrant(h.db, h.fx.profileId)!;
    expect(grant).toMatchObject({ provider: 'custom', account: MAILBOX, clientId: 'tayori-test', signedInBy: 'operator' });
    const file = readFileSync(join(h.dir, 'secrets.json'), 'utf8');
    const stored = JSON.parse(file) as Record<string, string>;
    expect(Object.keys(stored)).toEqual([grant.secretRef]);
    // The token is in the file only encrypted: neither it nor any access token appears in clear.
    for (const token of h.issuer.accessTokens) expect(file).not.toContain(token);
    expect(file).not.toMatch(/rt-|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // Nothing of the token went into the database or the audit log either.
    const dump = JSON.stringify(h.db.prepare('SELECT * FROM audit').all()) + JSON.stringify(h.db.prepare('SELECT * FROM oauth_grants').all());
    for (const token of h.issuer.accessTokens) expect(dump).not.toContain(token);
    expect(h.fx.audit.list({ action: 'profile.oauth-signed-in' })).toHaveLength(1);
  });

  it('refuses a sign-in as another mailbox than the account sends from', async () => {
    h = await oauthHarness({ members: 1 });
    h.issuer.account = 'someone.else@example.org';
    await expect(h.signIn()).rejects.toMatchObject({ code: 'oauth-failed', details: { reason: 'account-mismatch' } });
    expect(getGrant(h.db, h.fx.profileId)).toBeUndefined();
  });

  it('sends with a bearer token, refreshes it before it expires and once more when the server refuses it', async () => {
    h = await oauthHarness({ members: 6, maxConnections: 1 });
    await h.signIn();
    expect(h.issuer.refreshes()).toBe(0);
    const test = await h.profiles.testConnection(h.fx.profileId);
    expect(test.steps.map((s) => [s.step, s.ok])).toEqual([['lookup', true], ['connect', true], ['tls', true], ['auth-methods', true], ['auth', true]]);
    expect(test.offered).toEqual(['XOAUTH2']);

    h.start();
    await h.svc.settled(h.fx.campaignId);
    expect(countByStatus(h.db, h.fx.campaignId)).toMatchObject({ sent: 6, queued: 0 });
    expect(h.smtp.messages.every((m) => m.authUser === MAILBOX)).toBe(true);
    // The sign-in's token served the test and the whole first run: no refresh yet.
    expect(h.issuer.refreshes()).toBe(0);
    expect(h.smtp.authFailures()).toBe(0);

    // An hour later the token has run out (the clock says so): a new one is fetched before login.
    h.issuer.expireAccessTokens();
    h.clock.advance(HOUR);
    const again = await h.profiles.testConnection(h.fx.profileId);
    expect(again.authenticated).toBe(true);
    expect(h.issuer.refreshes()).toBe(1);
    expect(h.smtp.authFailures()).toBe(0);

    // The server refuses a token Tayori still thinks is good (withdrawn early): one renewal, then in.
    h.issuer.expireAccessTokens();
    await h.profiles.testConnection(h.fx.profileId);
    expect(h.issuer.refreshes()).toBe(2);
    expect(h.smtp.authFailures()).toBe(1);
  });

  it('a withdrawn sign-in pauses the run with "sign in again"; after signing in it resumes and sends everyone exactly once', async () => {
    h = await oauthHarness({ members: 12, maxConnections: 1 });
    await h.signIn();
    // The run sends a few and is paused for the night; meanwhile the organisation's administrator
    // withdraws Tayori's access (and the access token runs out).
    const { smtp, svc, fx, issuer } = h;
    const originalPush = smtp.messages.push.bind(smtp.messages);
    smtp.messages.push = (...items) => {
      const n = originalPush(...items);
      if (n === 4) svc.pause(fx.campaignId, 'operator');
      return n;
    };
    h.start();
    await svc.settled(fx.campaignId);
    expect(countByStatus(h.db, fx.campaignId)).toMatchObject({ sent: 4, queued: 8 });
    issuer.revokeRefreshTokens();
    issuer.expireAccessTokens();
    h.clock.advance(8 * HOUR);

    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
    let st = svc.status(fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error).toMatchObject({ code: 'oauth-signin-required' });
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' }).at(-1)?.details).toMatchObject({ code: 'oauth-signin-required' });
    const c = countByStatus(h.db, fx.campaignId);
    // The member about to be sent when the login failed went back to the queue: nothing lost, nothing unknown.
    expect(c).toMatchObject({ sent: 4, queued: 8, unknown: 0, failed: 0, in_flight: 0 });
    expect(h.fx.audit.list({ action: 'profile.oauth-refresh-failed' })).toHaveLength(1);

    await h.signIn();
    h.svc.resume(h.fx.campaignId, 'operator');
    await h.svc.settled(h.fx.campaignId);
    st = h.svc.status(h.fx.campaignId);
    expect(st.state).toBe('completed');
    expect(countByStatus(h.db, h.fx.campaignId)).toMatchObject({ sent: 12, queued: 0, unknown: 0 });
    const recipients = h.smtp.messages.map((m) => m.rcptTo[0]);
    expect(recipients).toHaveLength(12);
    expect(new Set(recipients).size).toBe(12);
    expect(h.smtp.messages.every((m) => m.rcptTo.length === 1)).toBe(true);
  });
});

describe('the loopback redirect', () => {
  it('ignores a callback without this sign-in\'s state (another program on this computer) and keeps waiting', async () => {
    h = await oauthHarness({ members: 1 });
    const { flowId, url } = await h.oauth.begin(h.fx.profileId, 'operator');
    const redirectUri = new URL(url).searchParams.get('redirect_uri')!;
    const forged = await fetch(`${redirectUri}?code=forged&state=not-the-state`);
    expect(forged.status).toBe(404);
    await h.issuer.signInWithBrowser(url);
    await expect(h.oauth.wait(flowId)).resolves.toMatchObject({ account: MAILBOX });
  });
});
