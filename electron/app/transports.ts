// The one place that turns an SMTP profile into a MailTransport. In practice mode every
// profile must point at the practice outbox (127.0.0.1 and its port) or nothing is opened:
// AppError 'practice-only', checked before any connection, whatever the profile says.
import type { SmtpProfile } from '../db/repos/profiles-repo';
import type { MailTransport } from '../smtp/mail-transport';
import { createSmtpPool } from '../smtp/smtp-pool';
import { transportOptions, type TransportTimeouts } from '../smtp/transport-options';
import { assertPracticeTarget, type SmtpTarget } from '../../shared/practice';

import type { TransportFactory } from '../services/send/send-types';

export type { TransportFactory };

export interface TransportFactoryDeps {
  /** The stored password of a profile (never crosses IPC). */
  readonly password: (profileId: number) => Promise<string | null>;
  /** Set in practice mode: the only target allowed. */
  readonly practiceOutbox?: SmtpTarget;
  readonly timeouts?: Partial<TransportTimeouts>;
  /** Tests and benchmarks may substitute the transport; the practice check still runs first. */
  readonly create?: (profile: SmtpProfile, password: string | null) => MailTransport;
}

function smtpPool(profile: SmtpProfile, password: string | null, timeouts?: Partial<TransportTimeouts>): MailTransport {
  // transportOptions decides encryption and timeouts for "test connection" and sending alike;
  // the pool takes the connection part and logs in itself.
  const { auth, pool: _pool, maxConnections: _max, disableFileAccess: _f, disableUrlAccess: _u, ...connection } =
    transportOptions(profile, password, timeouts) as ReturnType<typeof transportOptions> & { maxConnections?: number };
  const user = profile.authUser;
  return createSmtpPool({
    connection,
    ...(user && auth ? { auth: { user, pass: password ?? '' } } : {}),
    maxConnections: profile.maxConnections,
  });
}

export function createTransportFactory(deps: TransportFactoryDeps): TransportFactory {
  return (profile) => {
    if (deps.practiceOutbox) assertPracticeTarget(profile, deps.practiceOutbox);
    let inner: Promise<MailTransport> | null = null;
    // The password is read lazily (the secret store may be async), once per transport.
    const open = () =>
      (inner ??= deps.password(profile.id).then((pw) => (deps.create ?? ((p, w) => smtpPool(p, w, deps.timeouts)))(profile, pw)));
    return {
      async send(envelope, message) {
        return (await open()).send(envelope, message);
      },
      close() {
        void inner?.then((t) => t.close());
      },
    };
  };
}
