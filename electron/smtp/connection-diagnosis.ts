// "Test connection" as separate steps, so that the person setting up an account learns which one
// failed: the name lookup, the connection, encryption, the logins the server offers (EHLO), and
// the login itself. Nothing is sent; the session ends with QUIT.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { connectionHint, type ConnectionStep, type ConnectionStepResult } from '../../shared/connection-test';
import { AppError } from '../../shared/errors';
import type { AuthMethod } from '../../shared/smtp-profile';
import { mapSmtpError } from './smtp-errors';
import { duringTlsUpgrade, logIn, step, type SessionOptions } from './smtp-session';

export interface DiagnosisResult {
  readonly steps: readonly ConnectionStepResult[];
  readonly offered: readonly string[];
  readonly authenticated: boolean;
}

/** The logins nodemailer reads from the server's EHLO reply (kept on the connection, not typed). */
function offeredLogins(smtp: SMTPConnection): string[] {
  const list = (smtp as unknown as { _supportedAuth?: unknown })._supportedAuth;
  return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
}

export async function diagnoseConnection(options: SessionOptions, authMethod: AuthMethod): Promise<DiagnosisResult> {
  const connection = options.connection;
  const host = String(connection.host ?? '');
  const steps: ConnectionStepResult[] = [];
  let offered: string[] = [];
  const fail = (at: ConnectionStep, e: unknown): never => {
    const mapped = e instanceof AppError ? e : mapSmtpError(e);
    const details = (mapped.details ?? {}) as { response?: string | null };
    steps.push({ step: at, ok: false, detail: details.response ?? null });
    const hint = connectionHint(at, { code: mapped.code, response: details.response ?? null, host, authMethod });
    throw new AppError(mapped.code, mapped.message, { ...(mapped.details as object | undefined), step: at, steps, hint, offered });
  };

  if (isIP(host) === 0) {
    try {
      const found = await lookup(host);
      steps.push({ step: 'lookup', ok: true, detail: found.address });
    } catch (e) {
      fail('lookup', new AppError('smtp-connect', `The mail server's name "${host}" could not be found`, { cause: (e as { code?: string }).code ?? null }));
    }
  } else steps.push({ step: 'lookup', ok: true, detail: host });

  const smtp = new SMTPConnection(connection);
  smtp.on('error', () => undefined);
  let quit = false;
  try {
    try {
      await step<void>(smtp, (cb) => smtp.connect(() => cb(null)));
    } catch (e) {
      const mapped = mapSmtpError(duringTlsUpgrade(smtp, e));
      if (mapped.code === 'smtp-tls' || mapped.code === 'smtp-starttls-unavailable') {
        steps.push({ step: 'connect', ok: true, detail: `${host}:${String(connection.port)}` });
        fail('tls', mapped);
      }
      fail('connect', mapped);
    }
    steps.push({ step: 'connect', ok: true, detail: `${host}:${String(connection.port)}` });
    steps.push({ step: 'tls', ok: true, detail: connection.secure ? 'tls' : connection.ignoreTLS ? 'none' : 'starttls' });
    offered = offeredLogins(smtp);
    if (!options.auth) {
      steps.push({ step: 'auth-methods', ok: true, detail: offered.join(' ') || null });
      smtp.quit();
      quit = true;
      return { steps, offered, authenticated: false };
    }
    const usable = authMethod === 'oauth2' ? offered.includes('XOAUTH2') : offered.some((m) => m !== 'XOAUTH2');
    if (!usable) {
      fail('auth-methods', new AppError('smtp-auth', 'The mail server does not offer this way of logging in on this connection', { offered }));
    }
    steps.push({ step: 'auth-methods', ok: true, detail: offered.join(' ') });
    try {
      await logIn(smtp, options.auth);
    } catch (e) {
      fail('auth', e);
    }
    steps.push({ step: 'auth', ok: true, detail: null });
    smtp.quit();
    quit = true;
    return { steps, offered, authenticated: true };
  } finally {
    if (!quit) smtp.close();
  }
}
