// Where each OAuth2 provider signs people in, what it is asked for, and with which client: the
// only place that knows Microsoft's and Google's endpoints and scopes. 'custom' is an issuer the
// organisation (or a test) names, found through its discovery document.
import * as oauth from 'oauth4webapi';
import { AppError } from '../../../shared/errors';
import type { OAuthProvider } from '../../../shared/smtp-profile';
import type { OAuthClientConfig } from './oauth-config';

/** An authorization server with the client Tayori uses there, ready for oauth4webapi. */
export interface ResolvedProvider {
  readonly provider: OAuthProvider;
  readonly as: oauth.AuthorizationServer;
  readonly client: oauth.Client;
  readonly clientAuth: oauth.ClientAuth;
  readonly scope: string;
  /** Extra parameters of the authorization request (e.g. Google's offline access). */
  readonly authParams: Readonly<Record<string, string>>;
  /** Plain http is allowed only for an issuer on this computer (tests, a local identity server). */
  readonly http: { readonly [oauth.allowInsecureRequests]?: boolean };
}

/**
 * Microsoft Entra ID: SMTP.Send for Exchange Online, IMAP.AccessAsUser.All to read bounces back
 * from the same mailbox (one token of the same resource serves both), offline_access for a
 * refresh token, and openid + email + profile for an id token naming the mailbox that signed in
 * (its email / preferred_username claim): without it nothing proves the sign-in is the
 * organisation's account.
 */
export const MICROSOFT_SCOPE = 'openid email profile https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All offline_access';
/** Google: full mail scope is the only one Gmail's SMTP accepts (it covers IMAP too); openid + email name the account. */
export const GOOGLE_SCOPE = 'openid email https://mail.google.com/';

/**
 * oauth4webapi's hook (used by its sibling openid-client for the same case) for an issuer that
 * depends on the token: Microsoft's 'organizations' / 'common' endpoints sign id tokens as
 * https://login.microsoftonline.com/{the user's tenant id}/v2.0. Not in its type declarations.
 */
const expectedIssuer = (oauth as unknown as { readonly _expectedIssuer: symbol })._expectedIssuer;

function microsoftTenantIssuer(result: { readonly claims: Record<string, unknown> }): string {
  const tid = result.claims['tid'];
  return `https://login.microsoftonline.com/${typeof tid === 'string' ? encodeURIComponent(tid) : 'missing-tenant-id'}/v2.0`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function notConfigured(provider: OAuthProvider): AppError {
  return new AppError('oauth-not-configured', `No OAuth client is set for ${provider}: set one in Settings`, { provider });
}

function isLoopbackUrl(u: URL): boolean {
  return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
}

/**
 * The provider's server and client. clientId overrides the configured one: a refresh must use the
 * client its refresh token was issued to, even if Settings changed since.
 */
export async function resolveProvider(provider: OAuthProvider, config: OAuthClientConfig, clientId?: string): Promise<ResolvedProvider> {
  if (provider === 'microsoft') {
    const id = clientId ?? config.microsoft.clientId;
    if (!id) throw notConfigured(provider);
    const tenant = encodeURIComponent(config.microsoft.tenant || 'organizations');
    const base = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
    return {
      provider,
      as: {
        issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        [expectedIssuer]: microsoftTenantIssuer,
      },
      client: { client_id: id },
      // A desktop app is a public client: PKCE instead of a secret (RFC 8252).
      clientAuth: oauth.None(),
      scope: MICROSOFT_SCOPE,
      authParams: {},
      http: {},
    };
  }
  if (provider === 'google') {
    const id = clientId ?? config.google.clientId;
    if (!id) throw notConfigured(provider);
    const secret = config.google.clientSecret;
    return {
      provider,
      as: { issuer: 'https://accounts.google.com', authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth', token_endpoint: 'https://oauth2.googleapis.com/token' },
      client: { client_id: id },
      // Google's "desktop app" clients come with a secret that Google documents as not confidential.
      clientAuth: secret ? oauth.ClientSecretPost(secret) : oauth.None(),
      scope: GOOGLE_SCOPE,
      // Without offline access and consent Google gives no refresh token on a second sign-in.
      authParams: { access_type: 'offline', prompt: 'consent' },
      http: {},
    };
  }
  const { issuer, clientId: configured, scope } = config.custom;
  const id = clientId ?? configured;
  if (!issuer || !id) throw notConfigured(provider);
  const issuerUrl = new URL(issuer);
  const http = isLoopbackUrl(issuerUrl) ? { [oauth.allowInsecureRequests]: true } : {};
  let as: oauth.AuthorizationServer;
  try {
    as = await oauth.processDiscoveryResponse(issuerUrl, await oauth.discoveryRequest(issuerUrl, { ...http, algorithm: 'oidc' }));
  } catch (e) {
    throw new AppError('oauth-unreachable', 'The sign-in server could not be reached', { provider, cause: e instanceof Error ? e.message : String(e) });
  }
  return { provider, as, client: { client_id: id }, clientAuth: oauth.None(), scope: scope || 'openid email offline_access', authParams: {}, http };
}
