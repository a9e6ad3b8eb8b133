// How long a send will take under the account's limits and the organisation's quiet hours, shown
// before approval ("at 30/minute your 900 members take about 30 minutes", "with 1,000/day the send
// ends tomorrow around 10:00") and as the expected end while it runs. It replays the same sliding
// windows the send loop obeys, one message at a time, so the two cannot disagree about a cap.
import { quietDelayMs, type QuietHours } from './quiet-window';
import { slidingWindows, type LimitSpan, type SendLimits } from './sliding-window';

export interface EstimateInput {
  /** Members still to send. */
  readonly count: number;
  readonly limits: SendLimits;
  /** When the first message may go (after the cancel window or at the booked time). */
  readonly start: number;
  readonly quietHours: QuietHours | null;
  /** Times of messages already sent through the account (they use up its windows). */
  readonly history?: readonly number[];
  /** How long one message takes when nothing holds it back (all connections together). */
  readonly msPerMessage?: number;
}

export interface SendEstimate {
  readonly count: number;
  readonly start: number;
  /** When the last message is expected to have left. */
  readonly endAt: number;
  /** What holds the send back most (the longest total wait), or null when nothing does. */
  readonly limitedBy: LimitSpan | 'quiet' | null;
}

/** A typical SMTP transaction to a provider over the internet, with two connections. */
const DEFAULT_MS_PER_MESSAGE = 250;

export function estimateSend(input: EstimateInput): SendEstimate {
  const step = input.msPerMessage ?? DEFAULT_MS_PER_MESSAGE;
  const windows = slidingWindows(input.limits, input.history ?? []);
  const waited: Record<LimitSpan | 'quiet', number> = { minute: 0, hour: 0, day: 0, quiet: 0 };
  let t = input.start;
  let end = input.start;
  for (let i = 0; i < input.count; i++) {
    for (;;) {
      const limit = windows.delay(t);
      const quiet = quietDelayMs(input.quietHours, t);
      if (limit === 0 && quiet === 0) break;
      if (quiet >= limit) waited.quiet += quiet;
      else waited[windows.limitedBy(t)!] += limit;
      t += Math.max(limit, quiet);
    }
    windows.take(t);
    end = t + step;
    t += step;
  }
  let limitedBy: SendEstimate['limitedBy'] = null;
  for (const k of ['minute', 'hour', 'day', 'quiet'] as const) if (waited[k] > 0 && (!limitedBy || waited[k] > waited[limitedBy])) limitedBy = k;
  return { count: input.count, start: input.start, endAt: end, limitedBy };
}
