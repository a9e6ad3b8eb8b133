// A send service wired to a capture SMTP server and an approved campaign, for the send tests.
import { manualClock } from '../../electron/services/clock';
import { createSendService, type SendService } from '../../electron/services/send/send-service';
import type { RetryPolicy } from '../../electron/services/send/retry-policy';
import { transportOptions } from '../../electron/smtp/transport-options';
import { createSmtpPool, poolOptionsFrom } from '../../electron/smtp/smtp-pool';
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
  /** The password the transport factory hands to the pool (tests change it). */
  password: string | null;
  /** Schedules, lets the window pass and starts the run (without waiting for it). */
  start(): void;
  cleanup(): Promise<void>;
}

export async function sendHarness(
  o: Omit<FixtureOptions, 'port'> & { capture?: CaptureOptions; policy?: Partial<RetryPolicy>; port?: number },
): Promise<Harness> {
  const t = tempDb();
  const smtp = await startSmtpCapture(o.capture);
  const clock = manualClock();
  const timers = fastTimers(clock);
  const fx = await approvedCampaign(t.db, clock, { ...o, port: o.port ?? smtp.port });
  const h: Harness = {
    db: t.db,
    smtp,
    clock,
    timers,
    fx,
    password: null,
    svc: undefined as unknown as SendService,
    start() {
      timers.hold = true;
      h.svc.schedule(fx.campaignId, 'operator');
      timers.hold = false;
      clock.advance(h.svc.remaining(fx.campaignId));
      if (h.svc.tick() !== 1) throw new Error('the run did not start');
    },
    async cleanup() {
      await h.svc.dispose();
      await smtp.close();
      t.cleanup();
    },
  };
  (h as { svc: SendService }).svc = createSendService({
    db: t.db,
    clock,
    timers,
    campaigns: fx.campaigns,
    audit: fx.audit,
    ...(o.policy ? { policy: o.policy } : {}),
    transportFactory: (p) => createSmtpPool(poolOptionsFrom(transportOptions(p, h.password))),
  });
  return h;
}
