// Provider presets and OAuth providers (issue 12): every preset is a valid account with words in
// both languages and https help; the Microsoft and Google sign-ins ask for exactly the scopes
// their SMTP servers take, as public clients (PKCE, no secret) unless a Google secret is set.
import { describe, expect, it } from 'vitest';
import * as oauth from 'oauth4webapi';
import { CONNECTION_HINTS, CONNECTION_STEPS } from '../../../shared/connection-test';
import { imapHostFor, MAIL_PRESETS } from '../../../shared/mail-presets';
import { SMTP_SECURITIES } from '../../../shared/smtp-profile';
import { NO_OAUTH_DEFAULTS, oauthDefaultsFromEnv } from '../../../electron/services/oauth/oauth-config';
import { GOOGLE_SCOPE, MICROSOFT_SCOPE, resolveProvider } from '../../../electron/services/oauth/oauth-providers';
import { accountsEn } from '../../../renderer/src/i18n/accounts-en';
import { accountsJa } from '../../../renderer/src/i18n/accounts-ja';

const words = (lang: Record<string, string>, key: string) => lang[key];

describe('mail presets', () => {
  it('are valid accounts, named and explained in Japanese and English, with https help', () => {
    const ids = MAIL_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['microsoft365', 'outlookcom', 'google-oauth', 'google-app-password', 'xserver', 'sakura', 'lolipop-economy', 'other']));
    for (const p of MAIL_PRESETS) {
      expect(SMTP_SECURITIES).toContain(p.security);
      expect(p.security).not.toBe('none');
      expect(p.port === 465 ? p.security : 'starttls').toBe(p.port === 465 ? 'tls' : p.security);
      expect(p.authMethod === 'oauth2').toBe(p.oauthProvider !== null);
      if (p.helpUrl) expect(new URL(p.helpUrl).protocol).toBe('https:');
      for (const lang of [accountsEn, accountsJa] as Record<string, string>[]) {
        expect(words(lang, `preset_${p.id}`)).toBeTruthy();
        expect(words(lang, `preset_${p.id}_limits`)).toBeTruthy();
        if (p.hasSteps) expect(words(lang, `preset_${p.id}_steps`)).toBeTruthy();
      }
    }
    const m365 = MAIL_PRESETS.find((p) => p.id === 'microsoft365')!;
    expect(m365).toMatchObject({ host: 'smtp.office365.com', port: 587, security: 'starttls', authMethod: 'oauth2', oauthProvider: 'microsoft', perMinute: 30 });
    expect(MAIL_PRESETS.find((p) => p.id === 'lolipop-economy')).toMatchObject({ perHour: 100 });
  });

  it('every connection step and hint has words in both languages', () => {
    for (const lang of [accountsEn, accountsJa] as Record<string, string>[]) {
      for (const s of CONNECTION_STEPS) expect(words(lang, `step_${s}`)).toBeTruthy();
      for (const h of CONNECTION_HINTS) expect(words(lang, `hint_${h}`)).toBeTruthy();
    }
  });
});

describe('the IMAP server of a mail account', () => {
  it('is the provider\'s own for a known SMTP server, else the SMTP server\'s name', () => {
    expect(imapHostFor('smtp.office365.com')).toBe('outlook.office365.com');
    expect(imapHostFor(' SMTP.Gmail.com ')).toBe('imap.gmail.com');
    expect(imapHostFor('smtp.lolipop.jp')).toBe('imap.lolipop.jp');
    expect(imapHostFor('sv1234.xserver.jp')).toBe('sv1234.xserver.jp');
  });
});

describe('OAuth providers', () => {
  const config = oauthDefaultsFromEnv({ TAYORI_OAUTH_MICROSOFT_CLIENT_ID: ' ms-app ', TAYORI_OAUTH_GOOGLE_CLIENT_ID: 'g-app' });

  it('Microsoft: login.microsoftonline.com, SMTP.Send and IMAP with offline access and an id token, a public client', async () => {
    const r = await resolveProvider('microsoft', config);
    expect(MICROSOFT_SCOPE).toBe('openid email profile https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All offline_access');
    expect(r.scope).toBe(MICROSOFT_SCOPE);
    expect(r.client.client_id).toBe('ms-app');
    expect(r.as.authorization_endpoint).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize');
    expect(r.as.token_endpoint).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/token');
    expect(r.http[oauth.allowInsecureRequests]).toBeUndefined();
  });

  it('Microsoft: an id token is checked against the signed-in user\'s own tenant (the organizations endpoint has no fixed issuer)', async () => {
    const r = await resolveProvider('microsoft', config);
    const key = (oauth as unknown as { readonly _expectedIssuer: symbol })._expectedIssuer;
    const expected = (r.as as unknown as Record<symbol, (result: { claims: Record<string, unknown> }) => string>)[key];
    expect(expected?.({ claims: { tid: '9188040d-6c67-4c5b-b112-36a304b66dad' } })).toBe('https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0');
    expect(expected?.({ claims: {} })).not.toBe(r.as.issuer);
  });

  it('Google: the full mail scope and an id token, offline access with consent (so a refresh token comes back)', async () => {
    const r = await resolveProvider('google', config);
    expect(GOOGLE_SCOPE).toBe('openid email https://mail.google.com/');
    expect(r.scope).toBe(GOOGLE_SCOPE);
    expect(r.authParams).toEqual({ access_type: 'offline', prompt: 'consent' });
    expect(r.as.token_endpoint).toBe('https://oauth2.googleapis.com/token');
  });

  it('a provider without a client says so in a coded error; a refresh keeps the client it signed in with', async () => {
    await expect(resolveProvider('microsoft', NO_OAUTH_DEFAULTS)).rejects.toMatchObject({ code: 'oauth-not-configured' });
    await expect(resolveProvider('custom', NO_OAUTH_DEFAULTS)).rejects.toMatchObject({ code: 'oauth-not-configured' });
    expect((await resolveProvider('microsoft', NO_OAUTH_DEFAULTS, 'signed-in-app')).client.client_id).toBe('signed-in-app');
  });
});
