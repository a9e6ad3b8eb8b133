// Probe (round 4, item 2): IMAP for Microsoft/Google accounts reads the mailbox with the sign-in's
// access token, as the profile's signed-in mailbox. A token for mailbox A must never be used to
// read as mailbox B. The profiles:update handler forgets the sign-in when the mailbox (authUser)
// changes (electron/app/handlers/app.ts); probed here: a token renewal already on its way when
// that happens, the IMAP form's own authUser, a password profile, and whether a token appears in
// the audit rows. Driven without Dovecot: openImap is replaced by a recorder of what it is given.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { getGrant } from '../../../electron/db/repos/oauth-grants-repo';
import { oauthHarness, MAILBOX } from '../../helpers/oauth-harness';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';

const opened: { user: string; accessToken?: string; pass?: string }[] = [];
vi.mock('../../../electron/services/bounces/imap-connection', async (orig) => {
  const real = await orig<typeof import('../../../electron/services/bounces/imap-connection')>();
  return {
    ...real,
    openImap: async (_a: unknown, auth: { user: string; accessToken?: string; pass?: string }) => {
      opened.push(auth);
      throw new AppError('imap-connect', 'recorded, not connected', {});
    },
  };
});
const { createBounceService } = await import('../../../electron/services/bounces/bounce-service');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  opened.length = 0;
  for (const c of cleanups.splice(0).reverse()) await c();
});

const OTHER = 'someone-else@example.test';

async function setUp() {
  const h = await oauthHarness({ members: 1 });
  cleanups.push(() => h.cleanup());
  const bounces = createBounceService({
    db: h.db, clock: h.clock, secrets: createMemorySecretStore(), audit: h.fx.audit,
    attachments: () => [], suppress: () => undefined,
    accessToken: (id, renew) => h.oauth.accessToken(id, renew),
  });
  await bounces.saveAccount(h.fx.profileId, {
    host: '127.0.0.1', port: 1, security: 'none', authUser: OTHER,
    readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'summary', scanDays: 7, password: 'imap-form-password',
  }, 'operator');
  return { h, bounces };
}

/** What profiles:update does when the mailbox changes: the new authUser, then the sign-in forgotten. */
async function changeMailbox(h: Awaited<ReturnType<typeof oauthHarness>>, to: string) {
  h.db.prepare('UPDATE smtp_profiles SET auth_user = ? WHERE id = ?').run(to, h.fx.profileId);
  await h.oauth.forget(h.fx.profileId);
}

describe('probe: an IMAP read with a sign-in token', () => {
  it('signs in as the profile\'s mailbox with its token, never as the IMAP form\'s user or with its password', async () => {
    const { h, bounces } = await setUp();
    await h.signIn();
    await bounces.testAccount(h.fx.profileId).catch(() => undefined);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.user).toBe(MAILBOX);
    expect(opened[0]!.accessToken).toBe(h.issuer.accessTokens.at(-1));
    expect(opened[0]!.pass).toBeUndefined();
    const audit = JSON.stringify(h.db.prepare('SELECT * FROM audit').all());
    for (const t of h.issuer.accessTokens) expect(audit).not.toContain(t);
    expect(audit).not.toContain('imap-form-password');
  });

  it('after the mailbox changed, no read is tried with the old mailbox\'s token', async () => {
    const { h, bounces } = await setUp();
    await h.signIn();
    await changeMailbox(h, OTHER);
    const e = await bounces.testAccount(h.fx.profileId).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'oauth-signin-required' });
    expect(opened).toEqual([]);
  });

  // Was a defect, fixed (oauth-service.ts: a generation per profile voids a renewal begun before a
  // forget or a new sign-in). It was: forget() cleared the cached token and deleted the grant, but a renewal
  // already on its way (refresh(), begun before the mailbox changed) still ends in remember(),
  // which caches the old mailbox's new access token (and writes its rotated refresh token back
  // into the secret store). The next IMAP read then signs in as the NEW mailbox (profile.authUser)
  // with the OLD mailbox's token, with no grant at all (SMTP the same): a token for mailbox A used
  // as mailbox B.
  it('after the mailbox changed while a token renewal was on its way, no read is tried with the old mailbox\'s token', async () => {
    const { h, bounces } = await setUp();
    await h.signIn();
    const renewal = h.oauth.accessToken(h.fx.profileId, true).catch(() => undefined);
    await changeMailbox(h, OTHER);
    await renewal;
    expect(getGrant(h.db, h.fx.profileId)).toBeUndefined();
    const e = await bounces.testAccount(h.fx.profileId).catch((x: unknown) => x);
    expect(opened.map((o) => o.user)).toEqual([]);
    expect(e).toMatchObject({ code: 'oauth-signin-required' });
  });

  it('a password profile never asks for a token', async () => {
    const { h } = await setUp();
    h.db.prepare("UPDATE smtp_profiles SET auth_method = 'password', oauth_provider = NULL WHERE id = ?").run(h.fx.profileId);
    const asked: number[] = [];
    const secrets = createMemorySecretStore();
    const bounces = createBounceService({
      db: h.db, clock: h.clock, secrets, audit: h.fx.audit, attachments: () => [], suppress: () => undefined,
      accessToken: async (id) => {
        asked.push(id);
        return 'should-not-be-asked';
      },
    });
    await bounces.saveAccount(h.fx.profileId, {
      host: '127.0.0.1', port: 1, security: 'none', authUser: OTHER,
      readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'summary', scanDays: 7, password: 'pw-123',
    }, 'operator');
    const e = await bounces.testAccount(h.fx.profileId).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'imap-connect' });
    expect(asked).toEqual([]);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.accessToken).toBeUndefined();
    expect(opened[0]!.user).toBe(OTHER);
    expect(JSON.stringify(h.db.prepare('SELECT * FROM audit').all())).not.toContain('pw-123');
  });
});
