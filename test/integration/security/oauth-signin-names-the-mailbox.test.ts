// Regression (security probe, issue 12): a sign-in stands for the organisation's mailbox only when
// the id token says so. The Microsoft preset once asked for no 'openid', so no id token came back,
// the "signed in as another mailbox" check never ran, and one user (oauth:begin needs no PIN) could
// replace the organisation's sign-in with one of ANY account. Now Microsoft and Google are asked
// for an id token, and a grant whose token names no mailbox, or another one, is refused. Modelled
// with a custom issuer whose token response carries no id_token.
import { resolve } from 'node:path';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/app/app-core';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import { manualClock } from '../../../electron/services/clock';
import { NO_OAUTH_DEFAULTS } from '../../../electron/services/oauth/oauth-config';
import { GOOGLE_SCOPE, MICROSOFT_SCOPE } from '../../../electron/services/oauth/oauth-providers';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { startSmtpCapture } from '../../helpers/smtp-capture';
import { tempDir } from '../../helpers/tmp';

const MAILBOX = 'office@midori.example';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('an OAuth sign-in must name the account\'s mailbox', () => {
  it('Microsoft and Google are asked for an id token with the email', () => {
    for (const scope of [MICROSOFT_SCOPE, GOOGLE_SCOPE]) expect(scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'email']));
  });

  it('refuses a sign-in whose token response does not say which mailbox signed in, and keeps no grant', async () => {
    const server = new OAuth2Server();
    await server.issuer.keys.generate('RS256');
    await server.start(0, '127.0.0.1');
    cleanups.push(() => server.stop());
    // The secretary's own account signs in; the server (like Microsoft without 'openid') gives no id token.
    server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
      token.payload['email'] = 'secretary-private@evil.example';
    });
    server.service.on('beforeResponse', (response: { body: Record<string, unknown> }) => {
      delete response.body['id_token'];
    });
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    const t = tempDir();
    const core = createAppCore({
      dataDir: t.dir, secretStore: createMemorySecretStore(), clock: manualClock(), host: 'browser', version: 'test', locale: 'ja-JP',
      sampleDir: resolve('resources/sample'), log: () => undefined,
      oauthDefaults: { ...NO_OAUTH_DEFAULTS, custom: { issuer: server.issuer.url!, clientId: 'tayori-app', scope: 'offline_access' } },
    });
    cleanups.push(t.cleanup, () => core.close());
    const call = async <K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<ResultOf<K>> => {
      const r = await core.dispatch(channel, args);
      if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.code}`), { info: r.error });
      return r.value as ResultOf<K>;
    };
    const a = await call('users:create', { name: '森', pin: '5820' });
    const b = await call('users:create', { name: '林', pin: '9134' });
    const signers = [{ userId: a.id, pin: '5820' }, { userId: b.id, pin: '9134' }];
    const profile = { name: '事務局', host: '127.0.0.1', port: smtp.port, security: 'none' as const, authMethod: 'oauth2' as const, oauthProvider: 'custom' as const, authUser: MAILBOX, fromAddress: MAILBOX, fromName: '', perMinute: null, perHour: null, maxConnections: 1 };
    const created = await call('profiles:create', { actorId: a.id, profile, signers });

    // One user, no PIN: start a sign-in and complete it with another account.
    const start = await call('oauth:begin', { actorId: a.id, profileId: created.id });
    await fetch(start.url, { redirect: 'follow' });
    const r = await core.dispatch('oauth:wait', { flowId: start.flowId });
    expect(r.ok ? null : r.error.code).toBe('oauth-failed');
    expect(await call('oauth:grants', {})).toEqual([]);
  });
});
