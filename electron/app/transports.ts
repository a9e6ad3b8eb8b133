// The one place that turns an SMTP profile into a MailTransport. In practice mode every
// profile must point at the practice outbox (127.0.0.1 and its port) or nothing is opened:
// AppError 'practice-only', checked before any connection, whatever the profile says.
import type { SmtpProfile } from '../../shared/smtp-profile';
import { AppError } from '../../shared/errors';
import { TransportError, type MailTransport } from '../smtp/mail-transport';
import { createSmtpPool, poolOptionsFrom } from '../smtp/smtp-pool';
import { transportOptions, type AccessTokenSource, type TransportTimeouts } from '../smtp/transport-options';
import { assertPracticeTarget, type SmtpTarget } from '../../shared/practice';
import type { TransportFactory } from '../services/send/send-types';

export interface TransportFactoryDeps {
  /** The stored password of a profile (never crosses IPC). */
  readonly password: (profileId: number) => Promise<string | null>;
  /** An OAuth2 account's access token (never crosses IPC); renew: the last one was refused. */
  readonly accessToken?: (profileId: number, renew: boolean) => Promise<string>;
  /** Set in practice mode: the only target allowed. */
  readonly practiceOutbox?: SmtpTarget;
  readonly timeouts?: Partial<TransportTimeouts>;
  /** Tests and benchmarks may substitute the transport; the practice check still runs first. */
  readonly create?: (profile: SmtpProfile, password: string | null, accessToken?: AccessTokenSource) => MailTransport;
}

/**
 * A locked keychain (or a damaged secret) is the account's problem, not the member's: a 'connect'
 * failure, so the member goes back to the queue and the run pauses with this error.
 */
function passwordUnreadable(profileId: number, cause: unknown): TransportError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new TransportError(
    'connect',
    new AppError('secret-unreadable', 'The SMTP password could not be read from the secret store (is the keychain locked?)', {
      reason: 'secret-unreadable',
      profileId,
      cause: why,
    }),
  );
}

function smtpPool(profile: SmtpProfile, password: string | null, timeouts?: Partial<TransportTimeouts>, accessToken?: AccessTokenSource): MailTransport {
  // transportOptions decides encryption and timeouts for "test connection" and sending alike.
  return createSmtpPool(poolOptionsFrom(transportOptions(profile, password, timeouts, accessToken)));
}

export function createTransportFactory(deps: TransportFactoryDeps): TransportFactory {
  const create = deps.create ?? ((p: SmtpProfile, w: string | null, t?: AccessTokenSource) => smtpPool(p, w, deps.timeouts, t));
  return (profile) => {
    if (deps.practiceOutbox) assertPracticeTarget(profile, deps.practiceOutbox);
    const readPassword = async (): Promise<string | null> => {
      try {
        return await deps.password(profile.id);
      } catch (e) {
        throw passwordUnreadable(profile.id, e);
      }
    };
    // An OAuth2 account has no password: each login asks for a token (refreshed when it runs out).
    const oauth = profile.authMethod === 'oauth2';
    const token: AccessTokenSource | undefined = oauth && deps.accessToken ? (renew) => deps.accessToken!(profile.id, renew) : undefined;
    const make = async (): Promise<MailTransport> => {
      const password = oauth ? null : await readPassword();
      try {
        return create(profile, password, token);
      } catch (e) {
        // Nothing was sent: a 'connect' failure pauses the run instead of failing the member.
        throw new TransportError('connect', e);
      }
    };
    let inner: Promise<MailTransport> | null = null;
    let closed = false;
    // The password is read lazily (the secret store may be async), once per transport when it
    // works. A failure is not kept: the next send (after the operator unlocked the keychain and
    // resumed) reads it again.
    const open = (): Promise<MailTransport> => {
      if (!inner) {
        const made = make();
        inner = made;
        made.catch(() => {
          if (inner === made) inner = null;
        });
      }
      return inner;
    };
    return {
      async send(envelope, message) {
        const transport = await open();
        if (closed) transport.close();
        return transport.send(envelope, message);
      },
      close() {
        closed = true;
        void inner?.then((t) => t.close(), () => undefined);
      },
    };
  };
}
