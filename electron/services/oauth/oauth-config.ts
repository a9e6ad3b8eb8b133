// Which OAuth client Tayori signs in with, per provider. The packaged app may carry defaults (set
// by whoever builds it, from the environment at the composition root); an organisation that
// registered its own app in Entra ID or Google Cloud sets its own in Settings, which wins.
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/repos/settings-repo';

export interface OAuthClientConfig {
  readonly microsoft: { readonly clientId: string | null; readonly tenant: string | null };
  readonly google: { readonly clientId: string | null; readonly clientSecret: string | null };
  readonly custom: { readonly issuer: string | null; readonly clientId: string | null; readonly scope: string | null };
}

/** The settings an organisation may set; null or '' returns to the app's default. */
type OAuthConfigPatch = {
  readonly microsoftClientId?: string | null;
  readonly microsoftTenant?: string | null;
  readonly googleClientId?: string | null;
  readonly googleClientSecret?: string | null;
  readonly customIssuer?: string | null;
  readonly customClientId?: string | null;
  readonly customScope?: string | null;
};

const KEYS = {
  microsoftClientId: 'oauth.microsoft.client_id',
  microsoftTenant: 'oauth.microsoft.tenant',
  googleClientId: 'oauth.google.client_id',
  googleClientSecret: 'oauth.google.client_secret',
  customIssuer: 'oauth.custom.issuer',
  customClientId: 'oauth.custom.client_id',
  customScope: 'oauth.custom.scope',
} as const satisfies { readonly [K in keyof OAuthConfigPatch]-?: string };

export const NO_OAUTH_DEFAULTS: OAuthClientConfig = {
  microsoft: { clientId: null, tenant: null },
  google: { clientId: null, clientSecret: null },
  custom: { issuer: null, clientId: null, scope: null },
};

/** Defaults a build may carry, read from the environment by the composition root. */
export function oauthDefaultsFromEnv(env: Readonly<Record<string, string | undefined>>): OAuthClientConfig {
  const v = (k: string) => env[k]?.trim() || null;
  return {
    microsoft: { clientId: v('TAYORI_OAUTH_MICROSOFT_CLIENT_ID'), tenant: v('TAYORI_OAUTH_MICROSOFT_TENANT') },
    google: { clientId: v('TAYORI_OAUTH_GOOGLE_CLIENT_ID'), clientSecret: v('TAYORI_OAUTH_GOOGLE_CLIENT_SECRET') },
    custom: { issuer: v('TAYORI_OAUTH_CUSTOM_ISSUER'), clientId: v('TAYORI_OAUTH_CUSTOM_CLIENT_ID'), scope: v('TAYORI_OAUTH_CUSTOM_SCOPE') },
  };
}

export interface OAuthConfigStore {
  /** The clients in use: the organisation's own where set, else the app's defaults. */
  effective(): OAuthClientConfig;
  /** What the organisation set itself (null: the default is used). */
  organisation(): OAuthConfigPatch;
  defaults(): OAuthClientConfig;
  update(patch: OAuthConfigPatch): void;
}

export function createOAuthConfigStore(db: Db, defaults: OAuthClientConfig): OAuthConfigStore {
  const own = (k: keyof OAuthConfigPatch) => readSetting(db, KEYS[k]);
  const organisation = (): OAuthConfigPatch =>
    Object.fromEntries((Object.keys(KEYS) as (keyof OAuthConfigPatch)[]).map((k) => [k, own(k)])) as OAuthConfigPatch;
  return {
    defaults: () => defaults,
    organisation,
    effective: () => {
      const o = organisation();
      return {
        microsoft: { clientId: o.microsoftClientId ?? defaults.microsoft.clientId, tenant: o.microsoftTenant ?? defaults.microsoft.tenant },
        // The secret goes with its client: an organisation's own client never borrows the default's secret.
        google: o.googleClientId
          ? { clientId: o.googleClientId, clientSecret: o.googleClientSecret ?? null }
          : { clientId: defaults.google.clientId, clientSecret: defaults.google.clientSecret },
        custom: { issuer: o.customIssuer ?? defaults.custom.issuer, clientId: o.customClientId ?? defaults.custom.clientId, scope: o.customScope ?? defaults.custom.scope },
      };
    },
    update: (patch) => {
      db.transaction(() => {
        for (const k of Object.keys(KEYS) as (keyof OAuthConfigPatch)[]) {
          const v = patch[k];
          if (v !== undefined) writeSetting(db, KEYS[k], v?.trim() || null);
        }
      })();
    },
  };
}
