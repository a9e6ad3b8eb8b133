// OAuth2 through the contract, as the page uses it (issue 12): an OAuth account created after
// set-up, signed in with oauth:begin (the browser host hands the URL to the page) and
// oauth:wait, tested step by step, and no result ever carrying a token; the sign-in apps shown
// with their source and changed only with two PINs.
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import { createAppCore } from '../../../electron/app/app-core';
import { manualClock } from '../../../electron/services/clock';
import { NO_OAUTH_DEFAULTS } from '../../../electron/services/oauth/oauth-config';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { startMockIssuer } from '../../helpers/oauth-issuer';
import { startSmtpCapture } from '../../helpers/smtp-capture';
import { tempDir } from '../../helpers/tmp';

const MAILBOX = 'office@midori.example';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('OAuth2 channels', () => {
  it('signs in an OAuth account through the contract, tests it, and never returns a token', async () => {
    const issuer = await startMockIssuer(MAILBOX);
    cleanups.push(() => issuer.close());
    const smtp = await startSmtpCapture({ xoauth2: (user, token) => user === MAILBOX && issuer.accepts(token) });
    cleanups.push(() => smtp.close());
    const t = tempDir();
    const secrets = createMemorySecretStore();
    const core = createAppCore({
      dataDir: t.dir, secretStore: secrets, clock: manualClock(), host: 'browser', version: 'test', locale: 'ja-JP',
      sampleDir: resolve('resources/sample'), log: () => undefined,
      oauthDefaults: { ...NO_OAUTH_DEFAULTS, custom: { issuer: issuer.url, clientId: 'tayori-app', scope: null } },
    });
    cleanups.push(t.cleanup, () => core.close());
    const seen: string[] = [];
    const call = async <K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
      const r = await core.dispatch(channel, args);
      seen.push(JSON.stringify(r));
      if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}`), { info: r.error });
      return r.value as ResultOf<K>;
    };

    const a = await call('users:create', { name: '森', pin: '5820' });
    const b = await call('users:create', { name: '林', pin: '9134' });
    const signers = [{ userId: a.id, pin: '5820' }, { userId: b.id, pin: '9134' }];
    const profile = { name: '事務局', host: '127.0.0.1', port: smtp.port, security: 'none' as const, authMethod: 'oauth2' as const, oauthProvider: 'custom' as const, authUser: MAILBOX, fromAddress: MAILBOX, fromName: '', perMinute: null, perHour: null, maxConnections: 1 };
    // After set-up an account takes two PINs, OAuth or not.
    expect((await core.dispatch('profiles:create', { actorId: a.id, profile })).ok).toBe(false);
    const created = await call('profiles:create', { actorId: a.id, profile, signers });
    expect(created).toMatchObject({ authMethod: 'oauth2', oauthProvider: 'custom', hasPassword: false });

    const config = await call('oauth:config', {});
    expect(config.custom).toMatchObject({ source: 'app', clientId: 'tayori-app', issuer: issuer.url });
    expect(config.microsoft.source).toBe('none');

    // Before signing in, the test stops at the login with "sign in again".
    const before = await core.dispatch('profiles:test', { id: created.id });
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.error).toMatchObject({ code: 'oauth-signin-required', details: { step: 'auth', hint: 'sign-in-again' } });

    const start = await call('oauth:begin', { actorId: a.id, profileId: created.id });
    expect(start.opened).toBe(false);
    const url = new URL(start.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(url.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('login_hint')).toBe(MAILBOX);
    const page = await issuer.signInWithBrowser(start.url);
    expect(await page.text()).toContain('Signed in');
    const grant = await call('oauth:wait', { flowId: start.flowId });
    expect(grant).toMatchObject({ profileId: created.id, provider: 'custom', account: MAILBOX, clientId: 'tayori-app', signedInBy: '森' });
    expect(await call('oauth:grants', {})).toHaveLength(1);

    const tested = await call('profiles:test', { id: created.id });
    expect(tested).toMatchObject({ authenticated: true, offered: ['XOAUTH2'] });

    // Changing the sign-in apps after set-up takes two PINs; the organisation's own then shows as such.
    expect((await core.dispatch('oauth:set-config', { actorId: a.id, microsoftClientId: 'org-app' })).ok).toBe(false);
    const changed = await call('oauth:set-config', { actorId: a.id, signers, microsoftClientId: 'org-app' });
    expect(changed.microsoft).toMatchObject({ source: 'organisation', clientId: 'org-app' });

    // Changing the mailbox drops the sign-in (a token is for one mailbox); the organisation's
    // sending address follows the account's From, so notices are not all blocked as "not ours".
    await call('settings:update', { actorId: a.id, organisationAddress: MAILBOX });
    await call('profiles:update', { actorId: a.id, id: created.id, profile: { ...profile, authUser: 'other@midori.example', fromAddress: 'other@midori.example' }, signers });
    expect(await call('oauth:grants', {})).toHaveLength(0);
    expect((await call('settings:get', {})).organisationAddress).toBe('other@midori.example');

    // No result that crossed the boundary carried a token.
    const everything = seen.join('\n');
    for (const token of issuer.accessTokens) expect(everything).not.toContain(token);
    expect(everything).not.toMatch(/refresh_token|access_token|rt-/);
  });
});
