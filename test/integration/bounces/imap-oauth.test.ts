// A Microsoft 365 or Google mail account refuses passwords on IMAP as on SMTP: Tayori reads its
// mailbox (bounces, the Sent copy) with the access token of the sign-in it sends with, as the
// mailbox that signed in. Against a real Dovecot that asks a userinfo endpoint on 127.0.0.1 who
// each bearer token is, and a real OAuth2 authorization server that issues, expires and
// withdraws the tokens.
import { createServer, type Server } from 'node:http';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createBounceService } from '../../../electron/services/bounces/bounce-service';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { dovecotAvailable, startDovecot, type DovecotServer } from '../../helpers/dovecot';
import { MAILBOX, oauthHarness, type OAuthHarness } from '../../helpers/oauth-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Who a bearer token is (an introspection endpoint): the mailbox, or not active. */
async function userinfo(h: OAuthHarness, refuseAll: { value: boolean }): Promise<{ url: string; asked: () => number }> {
  let asked = 0;
  const server: Server = createServer((req, res) => {
    asked++;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const active = !refuseAll.value && h.issuer.accepts(token);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(active ? { active: true, email: h.issuer.account } : { active: false }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/me`, asked: () => asked };
}

async function setUp() {
  const h = await oauthHarness({ members: 2 });
  cleanups.push(() => h.cleanup());
  const refuseAll = { value: false };
  const info = await userinfo(h, refuseAll);
  const d: DovecotServer = await startDovecot(MAILBOX, 'not-used-by-tayori', { userinfoUrl: info.url });
  cleanups.push(() => d.stop());
  const bounces = createBounceService({
    db: h.db, clock: h.clock, secrets: createMemorySecretStore(), audit: h.fx.audit,
    attachments: () => [], suppress: () => undefined,
    accessToken: (id, renew) => h.oauth.accessToken(id, renew),
  });
  // No password is given: the account signs in with its provider. The IMAP user typed here is
  // not what signs in; the mailbox that signed in is.
  await bounces.saveAccount(h.fx.profileId, {
    host: d.host, port: d.port, security: 'none', authUser: 'someone-else@example.test',
    readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'summary', scanDays: 7,
  }, 'operator');
  return { h, d, bounces, refuseAll, info };
}

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe.skipIf(!dovecotAvailable())('IMAP for a mail account that signs in with Microsoft or Google', () => {
  it('opens the mailbox with the sign-in token, as the mailbox that signed in', async () => {
    const { h, d, bounces, info } = await setUp();
    // Not signed in yet: nothing to sign in with, and nothing is tried with a password.
    expect(await bounces.testAccount(h.fx.profileId).catch(codeOf)).toBe('oauth-signin-required');
    await h.signIn();
    expect(await bounces.testAccount(h.fx.profileId)).toEqual({ messages: 0 });
    expect(info.asked()).toBeGreaterThan(0);
    // The server really checks the token: the same mailbox with a made-up token is refused.
    const forged = new ImapFlow({ host: d.host, port: d.port, secure: false, auth: { user: MAILBOX, accessToken: 'forged' }, logger: false });
    forged.on('error', () => undefined);
    await expect(forged.connect()).rejects.toMatchObject({ authenticationFailed: true });
  });

  it('renews a token the server no longer takes, once, and asks for a new sign-in when the grant is gone', async () => {
    const { h, bounces, refuseAll } = await setUp();
    await h.signIn();
    await bounces.testAccount(h.fx.profileId);
    const refreshes = h.issuer.refreshes();
    // The cached token was withdrawn (or issued before IMAP was asked for): one fresh token.
    h.issuer.expireAccessTokens();
    expect(await bounces.testAccount(h.fx.profileId)).toEqual({ messages: 0 });
    expect(h.issuer.refreshes()).toBe(refreshes + 1);
    // The server refuses even a fresh token (IMAP turned off for the mailbox): said in words.
    refuseAll.value = true;
    expect(await bounces.testAccount(h.fx.profileId).catch(codeOf)).toBe('imap-oauth-refused');
    expect(h.issuer.refreshes()).toBe(refreshes + 2);
    // The grant itself was withdrawn: sign in again.
    refuseAll.value = false;
    h.issuer.expireAccessTokens();
    h.issuer.revokeRefreshTokens();
    expect(await bounces.testAccount(h.fx.profileId).catch(codeOf)).toBe('oauth-signin-required');
  });
});
