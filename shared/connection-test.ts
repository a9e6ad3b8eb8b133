// "Test connection" step by step (issue 12): which step failed, and what to do about it in the
// words of the provider in question. The steps and hints are closed sets; the renderer has
// Japanese and English words for each (accounts.step_*, accounts.hint_*).

/** In order: find the server, reach it, encrypt, see which logins it offers, log in. */
export const CONNECTION_STEPS = ['lookup', 'connect', 'tls', 'auth-methods', 'auth'] as const;
export type ConnectionStep = (typeof CONNECTION_STEPS)[number];

export const CONNECTION_HINTS = [
  'check-host-name',
  'check-port',
  'try-implicit-tls',
  'check-certificate',
  'no-login-offered',
  'xoauth2-not-offered',
  'microsoft-smtp-auth-off',
  'google-app-password',
  'check-password',
  'sign-in-again',
] as const;
export type ConnectionHint = (typeof CONNECTION_HINTS)[number];

export interface ConnectionStepResult {
  readonly step: ConnectionStep;
  readonly ok: boolean;
  /** What was found (an address, the security mode, the offered methods); never a secret. */
  readonly detail: string | null;
}

/** Put on the coded error of a failed test, next to the SMTP details. */
export interface ConnectionFailure {
  readonly step: ConnectionStep;
  readonly steps: readonly ConnectionStepResult[];
  readonly hint: ConnectionHint | null;
  readonly offered: readonly string[];
}

const isMicrosoftHost = (host: string) => /(^|\.)(office365\.com|outlook\.com|office\.com|hotmail\.com)$/i.test(host);
const isGoogleHost = (host: string) => /(^|\.)(gmail\.com|googlemail\.com|google\.com)$/i.test(host);

/** The hint for a failed step, from the error code, the server's reply and whose server it is. */
export function connectionHint(
  step: ConnectionStep,
  f: { readonly code: string; readonly response: string | null; readonly host: string; readonly authMethod: 'password' | 'oauth2' },
): ConnectionHint | null {
  const reply = f.response ?? '';
  switch (step) {
    case 'lookup':
      return 'check-host-name';
    case 'connect':
      return 'check-port';
    case 'tls':
      return f.code === 'smtp-starttls-unavailable' ? 'try-implicit-tls' : 'check-certificate';
    case 'auth-methods':
      return f.authMethod === 'oauth2' ? 'xoauth2-not-offered' : 'no-login-offered';
    case 'auth':
      if (f.code.startsWith('oauth-')) return 'sign-in-again';
      // Exchange Online: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is
      // disabled for the Tenant/Mailbox" and "550 5.7.30 Basic authentication is not supported".
      if (/5\.7\.139|5\.7\.30\b/.test(reply) || (isMicrosoftHost(f.host) && f.authMethod === 'password' && /5\.7\.3\b/.test(reply))) {
        return 'microsoft-smtp-auth-off';
      }
      // Gmail: "534 5.7.9 Application-specific password required", "535 5.7.8 … not accepted".
      if (/5\.7\.9\b/.test(reply) || (isGoogleHost(f.host) && f.authMethod === 'password')) return 'google-app-password';
      return f.authMethod === 'oauth2' ? 'sign-in-again' : 'check-password';
  }
}
