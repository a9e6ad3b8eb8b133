// "Test connection" says which step failed (issue 12): name lookup, connect, TLS, the logins the
// server offers (EHLO), authentication, each against a real server (or none) on 127.0.0.1, with
// the hint the screen shows; and the hints for the providers' own refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SMTPServerOptions } from 'smtp-server';
import { connectionHint } from '../../../shared/connection-test';
import { manualClock } from '../../../electron/services/clock';
import { createProfileService, type ProfileInput } from '../../../electron/services/profiles/profile-service';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { tempDb } from '../../helpers/tmp';
import { closedPort, startSmtp, type Running } from './servers';

const USER = 'office@example.jp';
const PASSWORD = 'right-password';

let env: ReturnType<typeof tempDb> & { profiles: ReturnType<typeof createProfileService> };
const servers: Running[] = [];
beforeEach(() => {
  const t = tempDb();
  const profiles = createProfileService({
    db: t.db,
    clock: manualClock(),
    secrets: createMemorySecretStore(),
    timeouts: { connectionTimeout: 2000, greetingTimeout: 1000, socketTimeout: 2000 },
    // No sign-in exists in these tests: an OAuth account reaches its token only past EHLO.
    accessToken: () => Promise.reject(new Error('no sign-in in this test')),
  });
  env = { ...t, profiles };
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  env.cleanup();
});

/** A refusal in the words Exchange Online uses when SMTP AUTH is switched off for a mailbox. */
const refuse = (reply: string): NonNullable<SMTPServerOptions['onAuth']> => (_auth, _s, cb) =>
  cb(Object.assign(new Error(reply.slice(4)), { responseCode: Number(reply.slice(0, 3)) }));
const checkPassword: NonNullable<SMTPServerOptions['onAuth']> = (auth, _s, cb) =>
  auth.username === USER && auth.password === PASSWORD ? cb(null, { user: USER }) : refuse('535 5.7.8 Authentication credentials invalid')(auth, _s, cb);

async function server(options: SMTPServerOptions): Promise<number> {
  const s = await startSmtp({ allowInsecureAuth: true, ...options });
  servers.push(s);
  return s.port;
}

const profile = (port: number, over: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'local', host: '127.0.0.1', port, security: 'none', authUser: USER, password: PASSWORD, fromAddress: USER, ...over,
});

async function failure(p: ProfileInput): Promise<{ code: string; details: { step: string; hint: string | null; steps: { step: string; ok: boolean }[]; offered: string[] } }> {
  const created = await env.profiles.createProfile(p);
  try {
    await env.profiles.testConnection(created.id);
  } catch (e) {
    return e as never;
  }
  throw new Error('the test connection succeeded');
}

const trail = (f: Awaited<ReturnType<typeof failure>>) => f.details.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`);

describe('test connection, step by step', () => {
  it('name lookup: a host that does not exist', async () => {
    const f = await failure(profile(587, { host: 'no-such-host.invalid', security: 'starttls' }));
    expect(f).toMatchObject({ code: 'smtp-connect', details: { step: 'lookup', hint: 'check-host-name' } });
    expect(trail(f)).toEqual(['lookup:failed']);
  });

  it('connect: nothing listens on the port', async () => {
    const f = await failure(profile(await closedPort()));
    expect(f).toMatchObject({ code: 'smtp-connect', details: { step: 'connect', hint: 'check-port' } });
    expect(trail(f)).toEqual(['lookup:ok', 'connect:failed']);
  });

  it('TLS: STARTTLS is required but the server does not offer it', async () => {
    const port = await server({ disabledCommands: ['STARTTLS'], onAuth: checkPassword });
    const f = await failure(profile(port, { security: 'starttls' }));
    expect(f).toMatchObject({ code: 'smtp-starttls-unavailable', details: { step: 'tls', hint: 'try-implicit-tls' } });
    expect(trail(f)).toEqual(['lookup:ok', 'connect:ok', 'tls:failed']);
  });

  it('TLS: a certificate that cannot be verified', async () => {
    const port = await server({ secure: true, onAuth: checkPassword });
    const f = await failure(profile(port, { security: 'tls' }));
    expect(f).toMatchObject({ code: 'smtp-tls', details: { step: 'tls', hint: 'check-certificate' } });
  });

  it('auth methods: the server offers no login at all', async () => {
    const port = await server({ disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true });
    const f = await failure(profile(port));
    expect(f).toMatchObject({ code: 'smtp-auth', details: { step: 'auth-methods', hint: 'no-login-offered', offered: [] } });
    expect(trail(f)).toEqual(['lookup:ok', 'connect:ok', 'tls:ok', 'auth-methods:failed']);
  });

  it('auth methods: an OAuth2 account on a server that offers only passwords', async () => {
    const port = await server({ disabledCommands: ['STARTTLS'], authMethods: ['PLAIN', 'LOGIN'], onAuth: checkPassword });
    const f = await failure(profile(port, { authMethod: 'oauth2', oauthProvider: 'microsoft' }));
    expect(f).toMatchObject({ details: { step: 'auth-methods', hint: 'xoauth2-not-offered', offered: ['PLAIN', 'LOGIN'] } });
  });

  it('authentication: a wrong password', async () => {
    const port = await server({ disabledCommands: ['STARTTLS'], authMethods: ['PLAIN', 'LOGIN'], onAuth: checkPassword });
    const f = await failure(profile(port, { password: 'wrong' }));
    expect(f).toMatchObject({ code: 'smtp-auth', details: { step: 'auth', hint: 'check-password' } });
    expect(trail(f)).toEqual(['lookup:ok', 'connect:ok', 'tls:ok', 'auth-methods:ok', 'auth:failed']);
  });

  it('authentication: Microsoft 365 with SMTP AUTH switched off for the mailbox (535 5.7.139)', async () => {
    const port = await server({
      disabledCommands: ['STARTTLS'],
      authMethods: ['LOGIN', 'XOAUTH2'],
      onAuth: refuse('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.'),
    });
    const f = await failure(profile(port));
    expect(f).toMatchObject({ code: 'smtp-auth', details: { step: 'auth', hint: 'microsoft-smtp-auth-off' } });
  });

  it('a working login reports every step and what the server offered', async () => {
    const port = await server({ disabledCommands: ['STARTTLS'], authMethods: ['PLAIN', 'LOGIN'], onAuth: checkPassword });
    const created = await env.profiles.createProfile(profile(port));
    const r = await env.profiles.testConnection(created.id);
    expect(r.steps.map((s) => s.step)).toEqual(['lookup', 'connect', 'tls', 'auth-methods', 'auth']);
    expect(r.steps.every((s) => s.ok)).toBe(true);
    expect(r).toMatchObject({ authenticated: true, offered: ['PLAIN', 'LOGIN'] });
  });
});

describe('connectionHint (the providers\' own refusals)', () => {
  const auth = (response: string, host: string, authMethod: 'password' | 'oauth2' = 'password') => connectionHint('auth', { code: 'smtp-auth', response, host, authMethod });
  it('names what to do for Microsoft, Google and everyone else', () => {
    expect(auth('550 5.7.30 Basic authentication is not supported for Client Submission.', 'smtp.office365.com')).toBe('microsoft-smtp-auth-off');
    expect(auth('535 5.7.3 Authentication unsuccessful', 'smtp.office365.com')).toBe('microsoft-smtp-auth-off');
    expect(auth('534-5.7.9 Application-specific password required.', 'smtp.gmail.com')).toBe('google-app-password');
    expect(auth('535-5.7.8 Username and Password not accepted.', 'smtp.gmail.com')).toBe('google-app-password');
    expect(auth('535 5.7.3 Authentication unsuccessful', 'smtp.office365.com', 'oauth2')).toBe('sign-in-again');
    expect(auth('535 Authentication failed', 'sv1234.xserver.jp')).toBe('check-password');
    expect(connectionHint('auth', { code: 'oauth-signin-required', response: null, host: 'smtp.office365.com', authMethod: 'oauth2' })).toBe('sign-in-again');
  });
});
