// A send service wired to a capture SMTP server and an approved campaign, for the send tests.
// The transport comes from the app's own factory (createTransportFactory) reading the password
// through the profile service and a secret store, exactly as electron/app/services.ts wires it.
import type { QuietHours } from '../../electron/services/send/quiet-hours';
import { createTransportFactory } from '../../electron/app/transports';
import { setSecretRef } from '../../electron/db/repos/profiles-repo';
import { manualClock } from '../../electron/services/clock';
import { createProfileService } from '../../electron/services/profiles/profile-service';
import type { SecretStore } from '../../electron/services/secrets/secret-store';
import { createSendService, type SendService } from '../../electron/services/send/send-service';
import type { RetryPolicy } from '../../electron/services/send/retry-policy';
import { simTimers } from './sim-timers';
import { tempDb } from './tmp';
import { startSmtpCapture, type CaptureOptions, type SmtpCapture } from './smtp-capture';
import { approvedCampaign, fastTimers, type FixtureOptions, type SendFixture } from './send-fixture';

export interface Harness {
  readonly db: ReturnType<typeof tempDb>['db'];
  readonly smtp: SmtpCapture;
  readonly clock: ReturnType<typeof manualClock>;
  readonly timers: ReturnType<typeof fastTimers>;
  readonly fx: SendFixture;
  readonly svc: SendService;
  /** The profile service the factory reads the password through (and "test connection"). */
  readonly profiles: ReturnType<typeof createProfileService>;
  /** The password the secret store holds for the profile (tests change it). */
  password: string | null;
  /** While true, reading the password fails as a locked keychain does. */
  secretStoreLocked: boolean;
  /** Schedules, lets the window pass and starts the run (without waiting for it). */
  start(): void;
  cleanup(): Promise<void>;
}

export async function sendHarness(
  o: Omit<FixtureOptions, 'port'> & {
    capture?: CaptureOptions;
    policy?: Partial<RetryPolicy>;
    port?: number;
    /** Timers that keep simulated time faithful (for measuring schedules); slower in real time. */
    simulatedTime?: boolean;
    /** Quiet hours of the organisation (none unless given), and where the clock starts. */
    quietHours?: QuietHours;
    clockStart?: number;
  },
): Promise<Harness> {
  const t = tempDb();
  const smtp = await startSmtpCapture(o.capture);
  const clock = manualClock(o.clockStart);
  const inFlight = () => t.db.prepare("SELECT 1 FROM sends WHERE status = 'in_flight' LIMIT 1").get() !== undefined;
  const timers = o.simulatedTime ? simTimers(clock, () => !inFlight()) : fastTimers(clock);
  const fx = await approvedCampaign(t.db, clock, { ...o, port: o.port ?? smtp.port });
  const secret = { password: null as string | null, locked: false };
  // Electron's safeStorage throws when the keychain cannot be opened; so does this store then.
  const secrets: SecretStore = {
    get: () => {
      if (secret.locked) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return secret.password;
    },
    set: (_ref, value) => {
      secret.password = value;
    },
    delete: () => {
      secret.password = null;
    },
  };
  setSecretRef(t.db, fx.profileId, `smtp-profile:${fx.profileId}`, clock.now());
  const profiles = createProfileService({ db: t.db, clock, secrets });
  const svc = createSendService({
    db: t.db,
    clock,
    timers,
    approvals: fx.approvals,
    audit: fx.audit,
    ...(o.policy ? { policy: o.policy } : {}),
    ...(o.quietHours ? { quietHours: () => o.quietHours! } : {}),
    // As electron/app/services.ts does it.
    transportFactory: createTransportFactory({ password: (id) => profiles.getPassword(id) }),
  });
  return {
    db: t.db,
    smtp,
    clock,
    timers,
    fx,
    svc,
    profiles,
    get password() {
      return secret.password;
    },
    set password(value) {
      secret.password = value;
    },
    get secretStoreLocked() {
      return secret.locked;
    },
    set secretStoreLocked(value) {
      secret.locked = value;
    },
    start() {
      timers.hold = true;
      svc.schedule(fx.campaignId, 'operator');
      timers.hold = false;
      clock.advance(svc.remaining(fx.campaignId));
      if (svc.tick() !== 1) throw new Error('the run did not start');
    },
    async cleanup() {
      await svc.dispose();
      await smtp.close();
      await t.cleanup();
    },
  };
}
