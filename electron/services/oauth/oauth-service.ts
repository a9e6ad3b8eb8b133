// OAuth2 sign-in of a mail account (authorization code + PKCE, loopback redirect; RFC 8252) and
// the access tokens the SMTP login needs, refreshed before they expire and once more when the
// server refuses one. The refresh token lives in the secret store only: never logged, never in
// a result that crosses IPC. A refresh token that no longer works (revoked, expired) is reported
// as 'oauth-signin-required', which pauses a run until someone signs in again.
import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { AppError, isAppError } from '../../../shared/errors';
import type { OAuthProvider, SmtpProfile } from '../../../shared/smtp-profile';
import type { Db } from '../../db/connection';
import * as grants from '../../db/repos/oauth-grants-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import type { SecretStore } from '../secrets/secret-store';
import type { OAuthConfigStore } from './oauth-config';
import { resolveProvider, type ResolvedProvider } from './oauth-providers';
import { startLoopbackRedirect } from './loopback-redirect';

export interface OAuthServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly config: OAuthConfigStore;
  readonly getProfile: (id: number) => SmtpProfile;
  readonly audit?: AuditService;
  /** How long a sign-in waits for the browser to come back (10 minutes unless given). */
  readonly signInTimeoutMs?: number;
}

interface SignInStart {
  readonly flowId: string;
  /** The authorization URL, to open in the system browser. */
  readonly url: string;
}

export interface OAuthService {
  begin(profileId: number, actor: string | null): Promise<SignInStart>;
  /** Resolves when the browser came back and the tokens are stored; rejects with a coded error. */
  wait(flowId: string): Promise<grants.OAuthGrant>;
  cancel(flowId: string): void;
  /** A current access token for the account; renew: the last one was refused. */
  accessToken(profileId: number, renew: boolean): Promise<string>;
  listGrants(): grants.OAuthGrant[];
  /** Removes the sign-in (account deleted, or its mailbox or provider changed). */
  forget(profileId: number): Promise<void>;
  close(): void;
}

/** Refresh this long before the access token runs out, so a login never carries a dying token. */
const EXPIRY_MARGIN_MS = 120_000;
/** When a provider does not say how long a token lasts, assume five minutes. */
const DEFAULT_LIFETIME_S = 300;
/** Token endpoint errors that mean the refresh token is no good any more (RFC 6749 §5.2). */
const SIGN_IN_AGAIN = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'interaction_required', 'consent_required']);

const oauthSecretRef = (profileId: number) => `oauth-refresh:${profileId}`;

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createOAuthService(deps: OAuthServiceDeps): OAuthService {
  const { db, clock, secrets, config, audit } = deps;
  const flows = new Map<string, { done: Promise<grants.OAuthGrant>; cancel: () => void }>();
  const cache = new Map<number, { token: string; expiresAt: number }>();
  const refreshing = new Map<number, Promise<string>>();
  // Moves when a profile's sign-in is forgotten or replaced: a renewal that started before must
  // not cache its token or store its rotated refresh token for what is now another mailbox.
  const generation = new Map<number, number>();
  const generationOf = (profileId: number): number => generation.get(profileId) ?? 0;
  const newGeneration = (profileId: number): void => {
    generation.set(profileId, generationOf(profileId) + 1);
    cache.delete(profileId);
    refreshing.delete(profileId);
  };

  function oauthProfile(profileId: number): SmtpProfile & { oauthProvider: OAuthProvider; authUser: string } {
    const p = deps.getProfile(profileId);
    if (p.authMethod !== 'oauth2' || !p.oauthProvider || !p.authUser) {
      throw new AppError('validation', 'This mail account does not sign in with OAuth2', { field: 'authMethod', profileId });
    }
    return p as SmtpProfile & { oauthProvider: OAuthProvider; authUser: string };
  }

  function remember(profileId: number, r: oauth.TokenEndpointResponse): string {
    const lifetime = typeof r.expires_in === 'number' && r.expires_in > 0 ? r.expires_in : DEFAULT_LIFETIME_S;
    cache.set(profileId, { token: r.access_token, expiresAt: clock.now() + lifetime * 1000 });
    return r.access_token;
  }

  /** The token endpoint's refusal as what the operator must do about it. */
  function tokenError(e: unknown, profileId: number, provider: OAuthProvider): AppError {
    if (isAppError(e)) return e;
    if (e instanceof oauth.ResponseBodyError && SIGN_IN_AGAIN.has(e.error)) {
      return new AppError('oauth-signin-required', 'The sign-in of this mail account expired or was withdrawn: sign in again', {
        profileId,
        provider,
        reason: e.error,
      });
    }
    if (e instanceof oauth.ResponseBodyError || e instanceof oauth.AuthorizationResponseError) {
      return new AppError('oauth-failed', 'The sign-in server refused', { profileId, provider, reason: e.error });
    }
    return new AppError('oauth-unreachable', 'The sign-in server could not be reached', { profileId, provider, cause: describe(e) });
  }

  async function complete(
    profile: SmtpProfile & { oauthProvider: OAuthProvider; authUser: string },
    server: ResolvedProvider,
    params: URLSearchParams,
    state: string,
    verifier: string,
    redirectUri: string,
    actor: string | null,
  ): Promise<grants.OAuthGrant> {
    const { as, client, clientAuth, http } = server;
    let result: oauth.TokenEndpointResponse;
    try {
      const callback = oauth.validateAuthResponse(as, client, params, state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, callback, redirectUri, verifier, http);
      result = await oauth.processAuthorizationCodeResponse(as, client, response);
    } catch (e) {
      throw tokenError(e, profile.id, profile.oauthProvider);
    }
    // The id token must name the mailbox this account sends as: otherwise anyone could replace
    // the organisation's sign-in with a sign-in of any account they hold.
    const claims = oauth.getValidatedIdTokenClaims(result);
    const named = (['email', 'preferred_username', 'upn'] as const)
      .map((k) => claims?.[k])
      .filter((v): v is string => typeof v === 'string' && v.length > 0);
    const expected = profile.authUser.toLowerCase();
    if (!named.some((v) => v.toLowerCase() === expected)) {
      const claimed = named[0];
      throw new AppError(
        'oauth-failed',
        claimed ? `Signed in as ${claimed}, but this account sends as ${profile.authUser}` : `The sign-in did not say which mailbox signed in, so it cannot stand for ${profile.authUser}`,
        { profileId: profile.id, reason: claimed ? 'account-mismatch' : 'account-unverified', account: claimed ?? null, expected: profile.authUser },
      );
    }
    if (!result.refresh_token) {
      throw new AppError('oauth-failed', 'The sign-in gave no lasting permission (no refresh token)', { profileId: profile.id, reason: 'no-refresh-token' });
    }
    const ref = oauthSecretRef(profile.id);
    // A renewal of the previous sign-in still on its way is void from here on.
    newGeneration(profile.id);
    await secrets.set(ref, result.refresh_token);
    const grant: grants.OAuthGrant = {
      profileId: profile.id,
      provider: profile.oauthProvider,
      account: profile.authUser,
      clientId: client.client_id,
      secretRef: ref,
      scope: typeof result.scope === 'string' ? result.scope : server.scope,
      signedInAt: clock.now(),
      signedInBy: actor,
    };
    grants.saveGrant(db, grant);
    remember(profile.id, result);
    audit?.record('profile.oauth-signed-in', { actor, details: { profileId: profile.id, provider: grant.provider, account: grant.account, clientId: grant.clientId } });
    return grant;
  }

  async function refresh(profileId: number): Promise<string> {
    const started = generationOf(profileId);
    const grant = grants.getGrant(db, profileId);
    const profile = deps.getProfile(profileId);
    const provider = profile.oauthProvider ?? 'custom';
    if (!grant) throw new AppError('oauth-signin-required', 'This mail account has not been signed in yet', { profileId, provider, reason: 'not-signed-in' });
    const refreshToken = await secrets.get(grant.secretRef);
    if (!refreshToken) throw new AppError('oauth-signin-required', 'The sign-in of this mail account is missing: sign in again', { profileId, provider, reason: 'no-token' });
    try {
      const server = await resolveProvider(grant.provider, config.effective(), grant.clientId);
      const response = await oauth.refreshTokenGrantRequest(server.as, server.client, server.clientAuth, refreshToken, server.http);
      const result = await oauth.processRefreshTokenResponse(server.as, server.client, response);
      if (generationOf(profileId) !== started) {
        throw new AppError('oauth-signin-required', 'The sign-in of this mail account changed while it was being renewed: use the new one', { profileId, provider, reason: 'changed' });
      }
      // Providers may rotate the refresh token: the old one stops working once the new one is used.
      if (result.refresh_token && result.refresh_token !== refreshToken) await secrets.set(grant.secretRef, result.refresh_token);
      if (generationOf(profileId) !== started) {
        throw new AppError('oauth-signin-required', 'The sign-in of this mail account changed while it was being renewed: use the new one', { profileId, provider, reason: 'changed' });
      }
      return remember(profileId, result);
    } catch (e) {
      cache.delete(profileId);
      const err = tokenError(e, profileId, grant.provider);
      audit?.record('profile.oauth-refresh-failed', { details: { profileId, code: err.code, reason: (err.details as { reason?: string } | undefined)?.reason ?? null } });
      throw err;
    }
  }

  return {
    async begin(profileId, actor) {
      const profile = oauthProfile(profileId);
      const server = await resolveProvider(profile.oauthProvider, config.effective());
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const redirect = await startLoopbackRedirect(deps.signInTimeoutMs ?? 600_000, state);
      const url = new URL(server.as.authorization_endpoint!);
      url.search = new URLSearchParams({
        client_id: server.client.client_id,
        redirect_uri: redirect.redirectUri,
        response_type: 'code',
        scope: server.scope,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        login_hint: profile.authUser,
        ...server.authParams,
      }).toString();
      const flowId = randomUUID();
      const done = redirect.response
        .then(
          (params) => complete(profile, server, params, state, verifier, redirect.redirectUri, actor),
          (e: unknown) => {
            throw new AppError('oauth-failed', describe(e), { profileId, reason: 'not-completed' });
          },
        )
        .finally(() => setTimeout(() => flows.delete(flowId), 60_000).unref?.());
      done.catch(() => undefined);
      flows.set(flowId, { done, cancel: redirect.close });
      return { flowId, url: url.href };
    },

    wait(flowId) {
      const flow = flows.get(flowId);
      if (!flow) return Promise.reject(new AppError('not-found', 'No such sign-in', { flowId }));
      return flow.done;
    },

    cancel(flowId) {
      flows.get(flowId)?.cancel();
    },

    accessToken(profileId, renew) {
      const cached = cache.get(profileId);
      if (!renew && cached && cached.expiresAt - EXPIRY_MARGIN_MS > clock.now()) return Promise.resolve(cached.token);
      // Connections opening together share one refresh (a rotated refresh token is single-use).
      let pending = refreshing.get(profileId);
      if (!pending) {
        pending = refresh(profileId).finally(() => refreshing.delete(profileId));
        refreshing.set(profileId, pending);
      }
      return pending;
    },

    listGrants: () => grants.listGrants(db),

    async forget(profileId) {
      newGeneration(profileId);
      await secrets.delete(oauthSecretRef(profileId));
      grants.deleteGrant(db, profileId);
    },

    close() {
      for (const f of flows.values()) f.cancel();
      flows.clear();
    },
  };
}
