import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SMTPServerOptions } from 'smtp-server';
import { manualClock } from '../../../electron/services/clock';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { createProfileService, type ProfileInput } from '../../../electron/services/profiles/profile-service';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { mapSmtpError } from '../../../electron/smtp/smtp-errors';
import { tempDb } from '../../helpers/tmp';
import { closedPort, startSilent, startSmtp, type Running } from './servers';

const USER = 'office';
const PASSWORD = 'right-password';

function setup() {
  const t = tempDb();
  const clock = manualClock();
  const audit = createAuditService({ db: t.db, clock });
  // Short timeouts keep the timeout case quick; the outcome, not the duration, is asserted.
  const profiles = createProfileService({
    db: t.db,
    clock,
    secrets: createMemorySecretStore(),
    audit,
    timeouts: { connectionTimeout: 2000, greetingTimeout: 500, socketTimeout: 2000 },
  });
  return { ...t, audit, profiles };
}

let env: ReturnType<typeof setup>;
const servers: Running[] = [];
beforeEach(() => {
  env = setup();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  env.cleanup();
});

const onAuth: NonNullable<SMTPServerOptions['onAuth']> = (auth, _session, cb) => {
  if (auth.username === USER && auth.password === PASSWORD) cb(null, { user: USER });
  else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
};

async function server(options: Parameters<typeof startSmtp>[0]): Promise<number> {
  const s = await startSmtp(options);
  servers.push(s);
  return s.port;
}

function profile(port: number, over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'local',
    host: '127.0.0.1',
    port,
    security: 'none',
    authUser: USER,
    password: PASSWORD,
    fromAddress: 'office@example.jp',
    ...over,
  };
}

async function testWith(p: ProfileInput) {
  const created = await env.profiles.createProfile(p);
  return env.profiles.testConnection(created.id);
}

describe('test connection (nodemailer verify against real servers on 127.0.0.1)', () => {
  it('succeeds with the right login, and reports the insecure flag for a loopback plain connection', async () => {
    const port = await server({ authMethods: ['PLAIN', 'LOGIN'], allowInsecureAuth: true, onAuth });
    await expect(testWith(profile(port))).resolves.toMatchObject({ authenticated: true, insecure: true, offered: ['PLAIN', 'LOGIN'] });
    expect(env.audit.list({ action: 'profile.tested' })[0]!.details).toMatchObject({ ok: true });
  });

  it('connection refused → smtp-connect', async () => {
    await expect(testWith(profile(await closedPort()))).rejects.toMatchObject({ code: 'smtp-connect' });
  });

  it('unknown host → smtp-connect', async () => {
    await expect(testWith(profile(25, { host: 'no-such-host.invalid', security: 'tls' }))).rejects.toMatchObject({ code: 'smtp-connect' });
  });

  it('wrong password → smtp-auth', async () => {
    const port = await server({ authMethods: ['PLAIN', 'LOGIN'], allowInsecureAuth: true, onAuth });
    await expect(testWith(profile(port, { password: 'wrong' }))).rejects.toMatchObject({ code: 'smtp-auth' });
    expect(env.audit.list({ action: 'profile.tested' })[0]!.details).toMatchObject({ ok: false, code: 'smtp-auth' });
  });

  it('STARTTLS required but the server does not offer it → smtp-starttls-unavailable', async () => {
    const port = await server({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true, onAuth });
    // starttls against 127.0.0.1 is allowed (only 'none' is restricted).
    await expect(testWith(profile(port, { security: 'starttls' }))).rejects.toMatchObject({ code: 'smtp-starttls-unavailable' });
  });

  it('implicit TLS to a server with a self-signed certificate → smtp-tls', async () => {
    // smtp-server's built-in certificate is self-signed, which is exactly the case to refuse.
    const port = await server({ secure: true, onAuth });
    await expect(testWith(profile(port, { security: 'tls' }))).rejects.toMatchObject({ code: 'smtp-tls' });
  });

  it('STARTTLS upgrade to a self-signed certificate → smtp-tls', async () => {
    const port = await server({ onAuth });
    await expect(testWith(profile(port, { security: 'starttls' }))).rejects.toMatchObject({ code: 'smtp-tls' });
  });

  it('a server that accepts but never greets → smtp-timeout', async () => {
    const s = await startSilent();
    servers.push(s);
    await expect(testWith(profile(s.port))).rejects.toMatchObject({ code: 'smtp-timeout' });
  });
});

describe('mapSmtpError', () => {
  it('maps nodemailer error shapes to codes, keeping the reply for the sender', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'EAUTH', response: '535 5.7.8 Authentication failed', responseCode: 535 }, 'smtp-auth'],
      [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'smtp-connect'],
      [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND' }, 'smtp-connect'],
      [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'smtp-timeout'],
      [{ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 'smtp-tls'],
      [{ code: 'ETLS', command: 'STARTTLS', response: '502 5.5.2 Unknown command' }, 'smtp-starttls-unavailable'],
      [{ code: 'EENVELOPE', command: 'RCPT TO', response: '550 5.1.1 No such user', responseCode: 550 }, 'smtp-rejected'],
      [{ code: 'EMESSAGE', command: 'DATA', response: '451 4.3.0 Try later', responseCode: 451 }, 'smtp-rejected'],
      [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'smtp-connect'],
    ];
    for (const [shape, code] of cases) {
      const e = mapSmtpError(Object.assign(new Error(String(shape['message'] ?? 'x')), shape));
      expect(e.code, JSON.stringify(shape)).toBe(code);
    }
    const transient = mapSmtpError(Object.assign(new Error('x'), { code: 'EMESSAGE', responseCode: 451, response: '451 later' }));
    expect(transient.details).toMatchObject({ transient: true, responseCode: 451, response: '451 later' });
    const permanent = mapSmtpError(Object.assign(new Error('x'), { code: 'EENVELOPE', responseCode: 550, response: '550 no' }));
    expect(permanent.details).toMatchObject({ transient: false, responseCode: 550 });
  });
});
