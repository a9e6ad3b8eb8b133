// A real OAuth2 authorization server on 127.0.0.1 (oauth2-mock-server) for the sign-in tests:
// it signs tokens with its own keys, checks PKCE, and lets a test expire an access token or
// withdraw (revoke) a refresh token, as Microsoft or Google would.
import { OAuth2Server } from 'oauth2-mock-server';

export interface MockIssuer {
  readonly url: string;
  /** The mailbox the next sign-ins report in their id token. */
  account: string;
  /** Access tokens handed out, in order. */
  readonly accessTokens: string[];
  /** Refresh grants answered (including refused ones). */
  refreshes(): number;
  /** Whether an access token is one this server issued and not expired by the test. */
  accepts(token: string): boolean;
  /** Makes every access token issued so far stop working (the SMTP server refuses them). */
  expireAccessTokens(): void;
  /** Withdraws every refresh token issued so far: the next refresh is refused with invalid_grant. */
  revokeRefreshTokens(): void;
  /** Plays the user's browser: opens the authorization URL and follows it back to Tayori. */
  signInWithBrowser(authorizationUrl: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startMockIssuer(account: string): Promise<MockIssuer> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const url = server.issuer.url!;
  const accessTokens: string[] = [];
  const refreshTokens: string[] = [];
  const expired = new Set<string>();
  const revoked = new Set<string>();
  let refreshes = 0;
  const state = { account };

  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    token.payload['email'] = state.account;
    // Two tokens signed in the same second would otherwise be byte-for-byte the same.
    token.payload['jti'] = crypto.randomUUID();
  });
  server.service.on('beforeResponse', (response: { body: Record<string, unknown>; statusCode: number }, req: { body: Record<string, string> }) => {
    if (req.body['grant_type'] === 'refresh_token') {
      refreshes++;
      if (revoked.has(req.body['refresh_token'] ?? '')) {
        response.statusCode = 400;
        response.body = { error: 'invalid_grant', error_description: 'AADSTS50173: The provided grant has expired due to it being revoked.' };
        return;
      }
      // Rotate like Microsoft: every refresh hands out a new refresh token.
      response.body['refresh_token'] = `rt-${crypto.randomUUID()}`;
    }
    if (typeof response.body['access_token'] === 'string') accessTokens.push(response.body['access_token']);
    if (typeof response.body['refresh_token'] === 'string') refreshTokens.push(response.body['refresh_token']);
  });

  return {
    url,
    get account() {
      return state.account;
    },
    set account(v) {
      state.account = v;
    },
    accessTokens,
    refreshes: () => refreshes,
    accepts: (token) => accessTokens.includes(token) && !expired.has(token),
    expireAccessTokens: () => accessTokens.forEach((t) => expired.add(t)),
    revokeRefreshTokens: () => refreshTokens.forEach((t) => revoked.add(t)),
    signInWithBrowser: (authorizationUrl) => fetch(authorizationUrl, { redirect: 'follow' }),
    close: () => server.stop(),
  };
}
