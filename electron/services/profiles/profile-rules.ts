// Validation of SMTP profile input: where mail may go and under which sender identity.
import { isSingleAddress } from '../../../shared/address';
import { AppError } from '../../../shared/errors';
import { DEFAULT_CARRIER_PER_MINUTE } from '../../../shared/sending/carrier-domains';
import { SMTP_SECURITIES, type ProfileFields } from '../../../shared/smtp-profile';
import { AUTH_METHODS, OAUTH_PROVIDERS } from '../../../shared/smtp-profile';

/**
 * The fields as a caller gives them: the connection and the sender are required, the rest has
 * defaults. password: undefined keeps the stored one; null or '' removes it.
 */
export type ProfileInput = Pick<ProfileFields, 'name' | 'host' | 'port' | 'security' | 'fromAddress'> &
  Partial<ProfileFields> & { readonly password?: string | null };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase());
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation', message, { field });
}

function optionalLimit(v: number | null | undefined, field: string): number | null {
  if (v === undefined || v === null) return null;
  if (!Number.isInteger(v) || v < 1) throw invalid(field, 'A sending limit must be a whole number of at least 1');
  return v;
}

/** Checks and normalises profile input into the stored fields; throws coded AppErrors. */
export function validateProfile(input: ProfileInput): ProfileFields {
  const name = input.name.trim();
  const host = input.host.trim();
  if (!name) throw invalid('name', 'The profile needs a name');
  if (!host || /\s/.test(host)) throw invalid('host', 'The mail server host is missing or invalid');
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) throw invalid('port', 'The port must be 1-65535');
  if (!SMTP_SECURITIES.includes(input.security)) throw invalid('security', 'Unknown security setting');
  // Without encryption the password and every message cross the network readable by anyone
  // on the path; allowed only when the server is this machine (a local relay or practice sink).
  if (input.security === 'none' && !isLoopbackHost(host)) {
    throw new AppError('smtp-insecure', 'Unencrypted connections are only allowed to this computer (127.0.0.1)', { host });
  }
  const fromAddress = input.fromAddress.trim();
  if (!isSingleAddress(fromAddress)) throw invalid('fromAddress', 'The sender address is not a valid email address');
  const fromName = (input.fromName ?? '').trim();
  // A line break in a header value would let a profile inject extra headers (e.g. Bcc).
  if (/[\r\n]/.test(fromName) || /[\r\n]/.test(name)) throw invalid('fromName', 'Line breaks are not allowed here');
  const authUser = input.authUser?.trim() || null;
  if (authUser && /[\r\n]/.test(authUser)) throw invalid('authUser', 'Line breaks are not allowed here');
  const authMethod = input.authMethod ?? 'password';
  if (!AUTH_METHODS.includes(authMethod)) throw invalid('authMethod', 'Unknown sign-in method');
  // XOAUTH2 names the mailbox the token is for: without it there is nothing to sign in as.
  const oauthProvider = authMethod === 'oauth2' ? (input.oauthProvider ?? null) : null;
  if (authMethod === 'oauth2' && (oauthProvider === null || !OAUTH_PROVIDERS.includes(oauthProvider))) {
    throw invalid('oauthProvider', 'Choose who you sign in with (Microsoft, Google or your own)');
  }
  if (authMethod === 'oauth2' && !authUser) throw invalid('authUser', 'Signing in needs the mailbox (login) address');
  const maxConnections = input.maxConnections ?? 2;
  if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 20) {
    throw invalid('maxConnections', 'Connections must be between 1 and 20');
  }
  return {
    name,
    host,
    port: input.port,
    security: input.security,
    authUser,
    authMethod,
    oauthProvider,
    fromAddress,
    fromName,
    perMinute: optionalLimit(input.perMinute, 'perMinute'),
    perHour: optionalLimit(input.perHour, 'perHour'),
    perDay: optionalLimit(input.perDay, 'perDay'),
    carrierPerMinute: input.carrierPerMinute === undefined ? DEFAULT_CARRIER_PER_MINUTE : optionalLimit(input.carrierPerMinute, 'carrierPerMinute'),
    maxConnections,
    practice: input.practice ?? false,
  };
}
